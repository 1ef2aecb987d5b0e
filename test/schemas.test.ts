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

describe('every property of the generated schemas is described (hover and completion text)', () => {
  type Node = Record<string, unknown>;
  const isSchema = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
  /** Draft-07 keywords whose value is a schema, a list of schemas or a map of schemas; the rest (`default`, `enum`, ...) is data. */
  const ONE = ['items', 'additionalProperties', 'not', 'propertyNames', 'then', 'else'];
  const LIST = ['anyOf', 'oneOf', 'allOf'];
  const MAP = ['properties', 'patternProperties', 'definitions'];

  /**
   * The property schemas under `properties` of every schema reachable from `node`, following
   * keywords only, so a property named like a keyword (InstallMSI's `properties` input) is a name.
   * `if` conditions are skipped, and so are the own properties of the `then` of an `allOf` item
   * that dispatches on `if` (per action or per parameter type): they only restate `action`/`type`.
   */
  function propertySchemas(node: unknown, path: string, out: Array<[string, Node]> = [], own = true): Array<[string, Node]> {
    if (!isSchema(node)) return out;
    for (const [keyword, value] of Object.entries(node)) {
      const at = `${path}/${keyword}`;
      if (ONE.includes(keyword)) propertySchemas(value, at, out);
      else if (LIST.includes(keyword) && Array.isArray(value)) {
        value.forEach((item: unknown, i) => {
          if (keyword === 'allOf' && isSchema(item) && item.if !== undefined) {
            propertySchemas(item.then, `${at}/${i}/then`, out, false);
            propertySchemas(item.else, `${at}/${i}/else`, out);
          } else propertySchemas(item, `${at}/${i}`, out);
        });
      } else if (MAP.includes(keyword) && isSchema(value)) {
        for (const [name, schema] of Object.entries(value)) {
          if (keyword === 'properties' && own && isSchema(schema)) out.push([`${at}/${name}`, schema]);
          propertySchemas(schema, `${at}/${name}`, out);
        }
      }
    }
    return out;
  }

  // The generated document schemas; the metadata schema is written by hand and tested with the AWS commands.
  const files = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.json') && f !== 'imagebuilder-metadata.schema.json');

  it('walks all five schema files', () => {
    expect(files.sort()).toEqual([
      'component.schema.json',
      'workflow-build.schema.json',
      'workflow-distribution.schema.json',
      'workflow-test.schema.json',
      'workflow.schema.json',
    ]);
  });

  for (const file of files) {
    it(`schemas/${file}`, () => {
      const properties = propertySchemas(JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')), '#');
      const undescribed = properties
        .filter(([, schema]) => !(typeof schema.description === 'string' && schema.description.trim()) && typeof schema.$ref !== 'string')
        .map(([path]) => path);
      expect(properties.length).toBeGreaterThan(50);
      expect(undescribed).toEqual([]);
    });
  }

  it('reads the InstallMSI `properties` input as a property name, not as the keyword', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'component.schema.json'), 'utf8'));
    const paths = new Map(propertySchemas(schema, '#'));
    for (const action of ['InstallMSI', 'UninstallMSI']) {
      const input = `#/definitions/inputs.${action}/properties`;
      expect(paths.get(`${input}/properties`)?.description).toMatch(/msiexec properties/);
      // Its `description`, `type` and `additionalProperties` are keywords of that input's schema.
      for (const keyword of ['description', 'type', 'additionalProperties']) expect(paths.has(`${input}/properties/properties/${keyword}`)).toBe(false);
    }
  });

  it('gives every generated `key.$` a description built from the plain key', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'workflow.schema.json'), 'utf8'));
    const chained = propertySchemas(schema, '#').filter(([path]) => path.endsWith('.$'));
    expect(chained.length).toBeGreaterThan(50);
    const region = chained.find(([path]) => path.endsWith('/distributions/items/properties/region.$'));
    expect(region?.[1].description).toMatch(/^JSONPath form of `region`, resolved when the workflow runs: Region the AMI is copied to/);
  });
});
