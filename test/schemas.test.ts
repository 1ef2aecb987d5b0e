/**
 * The JSON Schemas are a product of their own: the committed files are what the generator makes
 * from the service's tables, and a plain ajv run over them gives the same verdicts as the
 * service on the examples and on documents with structural mistakes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../scripts/generate';
import { validate } from '../server/src/service/validate';

const root = join(__dirname, '..');

describe('generated files', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (npm run schemas rewrites it)`, () => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(content);
    });
  }
});

describe('schemas/component.schema.json on its own', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'component.schema.json'), 'utf8'));
  // Union types (`type: [string, number]`) are standard JSON Schema; ajv only wants them allowed.
  const plain = new Ajv({ allowUnionTypes: true }).compile(schema);
  const examples = readdirSync(join(root, 'examples', 'components')).filter((f) => f.endsWith('.yaml'));

  it('is a draft-07 schema with an id', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/component\.schema\.json$/);
  });

  for (const file of examples) {
    it(`accepts examples/components/${file}, as the service does`, () => {
      const text = readFileSync(join(root, 'examples', 'components', file), 'utf8');
      expect(plain(parseYaml(text)), JSON.stringify(plain.errors)).toBe(true);
      expect(validate(text, { platform: 'Linux' }).diagnostics.filter((d) => d.severity === 'error' && d.code !== 'platform-unsupported-action')).toEqual([]);
    });
  }

  const mistakes: Record<string, string> = {
    'schemaVersion 2.0': 'schemaVersion: 2.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n',
    'a step without action': 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        inputs:\n          commands: [echo hi]\n',
    'list inputs given as a mapping': 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Fetch\n        action: S3Download\n        inputs:\n          source: s3://b/k\n          destination: /tmp/k\n',
    'a misspelt action': 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBsh\n',
    'a condition with two operators': 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        if:\n          fileExists: /a\n          folderExists: /b\n        inputs:\n          commands: [echo hi]\n',
    'nesting deeper than 4 levels': 'schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: Deep\n        action: Assert\n        inputs:\n          not:\n            not:\n              not:\n                not:\n                  fileExists: /a\n',
    'a reference where a boolean belongs, misspelt': 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://b/k\n            destination: /tmp/k\n            overwrite: maybe\n',
  };
  for (const [name, text] of Object.entries(mistakes)) {
    it(`rejects ${name}, as the service does`, () => {
      expect(plain(parseYaml(text))).toBe(false);
      expect(validate(text).diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    });
  }

  it('accepts references where booleans and numbers belong, as the service does', () => {
    const text = "schemaVersion: 1.0\nparameters:\n  - Flag:\n      type: string\n      default: 'true'\nphases:\n  - name: build\n    steps:\n      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://b/k\n            destination: /tmp/k\n            overwrite: '{{ Flag }}'\n";
    expect(plain(parseYaml(text)), JSON.stringify(plain.errors)).toBe(true);
    expect(validate(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
