/**
 * Documents embedded in CloudFormation templates and Terraform files, one fixture per
 * embedding style (test/fixtures/iac/): every expected diagnostic lands on the exact host text
 * it is about, substitutions cause no diagnostic, and nothing else is reported as an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHost, findEmbeddedDocuments, validateHost } from '../server/src/service/embedded/index';
import { LineIndex } from '../server/src/service/text';
import type { Diagnostic } from '../server/src/service/types';

const FIXTURES = join(__dirname, 'fixtures', 'iac');
const io = {
  readFile: (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  listDirectory: (path: string) => (existsSync(path) ? readdirSync(path) : undefined),
};

/** What a diagnostic covers in its file. */
function covered(text: string, d: Diagnostic): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
}

interface Expected {
  code: string;
  resource?: string;
  /** The exact host text under the range. */
  text: string;
  /** 1-based line in the host file. */
  line: number;
  /** The file it is reported in, when not the host (file() / templatefile()). */
  file?: string;
}

function check(fixture: string, expected: Expected[]) {
  const path = join(FIXTURES, fixture);
  const text = readFileSync(path, 'utf8');
  const result = validateHost(text, path, io);
  const all = [
    ...result.diagnostics.map((d) => ({ d, file: undefined as string | undefined, text })),
    ...result.external.flatMap((e) => e.diagnostics.map((d) => ({ d, file: e.path.slice(FIXTURES.length + 1), text: readFileSync(e.path, 'utf8') }))),
  ];
  const seen = all.map(({ d, file, text: fileText }) => ({ code: d.code, resource: d.resource, text: covered(fileText, d), line: d.range.start.line + 1, ...(file ? { file } : {}) }));
  for (const want of expected) expect(seen, `${want.code} on ${want.text}`).toContainEqual(want.resource ? want : expect.objectContaining(want));
  // Nothing else: every error and warning is one the fixture means to have.
  const unexpected = all.filter(({ d }) => d.severity !== 'information' && d.severity !== 'hint')
    .filter(({ d }) => !expected.some((w) => w.code === d.code && w.line === d.range.start.line + 1));
  expect(unexpected.map(({ d }) => `${d.range.start.line + 1} ${d.code} ${d.message}`)).toEqual([]);
  return result;
}

describe('CloudFormation YAML', () => {
  it('a literal block scalar: positions inside it, platform from the resource', () => {
    const result = check('cfn-block.yaml', [
      { code: 'platform-unsupported-action', resource: 'HelloComponent', text: 'ExecuteBash', line: 17 },
      { code: 'missing-input', resource: 'HelloComponent', text: 'source', line: 24 },
    ]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('platform-unknown');
  });

  it('an indentation indicator (`|2-`) with a more-indented first line', () => {
    check('cfn-indent-indicator.yaml', [{ code: 'unknown-action', resource: 'Indented', text: 'ExecuteBashh', line: 16 }]);
    const text = readFileSync(join(FIXTURES, 'cfn-indent-indicator.yaml'), 'utf8');
    const [document] = findEmbeddedDocuments(text, 'cfn-indent-indicator.yaml').documents;
    expect(document.text.startsWith('    # the first line')).toBe(true);
  });

  it('!Sub in both forms: substitutions are values, ${!Literal} is literal, the rest is checked', () => {
    check('cfn-sub.yaml', [{ code: 'unknown-action', resource: 'SubComponent', text: 'ExecuteBashh', line: 32 }]);
    const text = readFileSync(join(FIXTURES, 'cfn-sub.yaml'), 'utf8');
    const [sub, list] = findEmbeddedDocuments(text, 'cfn-sub.yaml').documents;
    expect(sub.text).toContain('the literal ${Keep} stays');
    expect(sub.text).toContain('-C ${HOME}');
    expect(sub.text).not.toMatch(/\$\{(AWS::Region|Timeout|Bucket)\}/);
    expect(list.resource).toBe('SubListComponent');
    expect(list.text).toMatch(/- name: x\w+\n/);
  });

  it('Fn::Join with !Ref between the pieces, and a Uri document', () => {
    const result = check('cfn-join.yaml', [{ code: 'embedded-uri', resource: 'S3Component', text: 'Uri', line: 23 }]);
    expect(result.kinds).toEqual(['component']);
    const text = readFileSync(join(FIXTURES, 'cfn-join.yaml'), 'utf8');
    const [joined] = findEmbeddedDocuments(text, 'cfn-join.yaml').documents;
    expect(joined.text).toMatch(/source: s3:\/\/xRef_Bucket\/key\n/);
    // The opaque value stands for the whole `!Ref Bucket` in the host.
    const at = joined.text.indexOf('xRef_Bucket');
    expect(text.slice(joined.toHost(at), joined.toHostEnd(at + 'xRef_Bucket'.length))).toBe('!Ref Bucket');
  });
});

describe('CloudFormation JSON (CDK)', () => {
  it('a JSON string with \\n, \\" and \\u escapes, and Fn::Join with a Ref', () => {
    check('cdk.template.json', [
      { code: 'unknown-action', resource: 'Component0EED0119', text: 'ExecuteBashh', line: 9 },
      { code: 'action-not-allowed', resource: 'Workflow193EF7C1', text: 'DistributeImage', line: 20 },
      { code: 'unknown-input', resource: 'Workflow193EF7C1', text: 'region', line: 20 },
    ]);
    const text = readFileSync(join(FIXTURES, 'cdk.template.json'), 'utf8');
    const [component] = findEmbeddedDocuments(text, 'cdk.template.json').documents;
    expect(component.text).toContain('echo "Hello \\"world\\"" é');
    const e = component.text.indexOf('é');
    expect(text.slice(component.toHost(e), component.toHostEnd(e + 1))).toBe('\\u00e9');
  });
});

describe('Terraform', () => {
  it('heredoc with interpolation, %{ if } and $${; a quoted string; yamlencode; file() and templatefile(); uri; computed data', () => {
    const result = check('tf-module/main.tf', [
      { code: 'unknown-action', resource: 'aws_imagebuilder_component.heredoc', text: 'ExecuteBashh', line: 31 },
      { code: 'platform-unsupported-action', resource: 'aws_imagebuilder_component.quoted', text: 'ExecuteBash', line: 41 },
      { code: 'unknown-action', resource: 'aws_imagebuilder_component.encoded', text: '"ExecuteBashh"', line: 58 },
      { code: 'embedded-uri', resource: 'aws_imagebuilder_workflow.from_s3', text: 'uri', line: 83 },
      { code: 'embedded-not-static', resource: 'aws_imagebuilder_component.computed', text: 'var.document', line: 90 },
      { code: 'invalid-timeout', resource: 'aws_imagebuilder_component.templated', text: 'nope', line: 14, file: 'tf-module/components/app.yaml.tpl' },
      { code: 'permissions-not-string', resource: 'aws_imagebuilder_component.plain_file', text: '0755', line: 9, file: 'tf-module/components/plain.yaml' },
    ]);
    expect(result.diagnostics.some((d) => d.resource?.includes('commented_out'))).toBe(false);
    const text = readFileSync(join(FIXTURES, 'tf-module/main.tf'), 'utf8');
    const found = findEmbeddedDocuments(text, join(FIXTURES, 'tf-module/main.tf'), io);
    expect(found.documents.map((d) => d.resource)).toEqual([
      'aws_imagebuilder_component.heredoc', 'aws_imagebuilder_component.quoted', 'aws_imagebuilder_component.encoded',
      'aws_imagebuilder_component.templated', 'aws_imagebuilder_component.plain_file',
    ]);
    const heredoc = found.documents[0].text;
    // <<- strips the common indentation; $${ is a literal ${; one branch of the %{ if } is kept.
    expect(heredoc.startsWith('schemaVersion: 1.0\ndescription: Bucket x')).toBe(true);
    expect(heredoc).toContain('literally ${HOME}');
    expect(heredoc.match(/- name: Fetch/g)).toHaveLength(1);
    expect(heredoc).toContain('action: S3Download');
    expect(heredoc).toContain('echo ${USER}');
    const encoded = found.documents[2].text;
    expect(encoded).toMatch(/^phases:\n- name: "build"\n {2}steps:\n {2}- action: "S3Download"\n/);
    expect(encoded).toContain('schemaVersion: 1\n');
    const template = found.documents[3];
    expect(template.external?.path).toMatch(/app\.yaml\.tpl$/);
    expect(template.text).toContain('    steps:\n      - name: Step_xstep\n');
  });

  it('a conditional: the first branch that holds a document is checked', () => {
    const host = 'resource "aws_imagebuilder_component" "c" {\n  platform = "Linux"\n  data     = var.doc != null ? var.doc : <<-EOT\n    schemaVersion: 1.0\n    phases:\n      - name: build\n        steps:\n          - name: Say\n            action: ExecuteBashh\n  EOT\n}\n';
    const result = validateHost(host, 'main.tf');
    expect(result.diagnostics.map((d) => [d.code, d.range.start.line + 1, covered(host, d)])).toEqual([['unknown-action', 9, 'ExecuteBashh']]);
  });

  it('a syntax error above a resource: reported, and the document after it is still checked', () => {
    check('tf-syntax-error.tf', [
      { code: 'host-syntax', text: '=', line: 2 },
      { code: 'unknown-action', resource: 'aws_imagebuilder_workflow.after_error', text: 'LaunchInstancee', line: 13 },
    ]);
  });
});

describe('file() targets', () => {
  const host = 'resource "aws_imagebuilder_component" "gone" {\n  platform = "Linux"\n  data     = file("${path.module}/nowhere.yaml")\n}\n';

  it('a missing file is a warning on the call, with the resource', () => {
    const result = validateHost(host, join(FIXTURES, 'missing.tf'), io);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.resource, covered(host, d)])).toEqual([
      ['embedded-file-missing', 'warning', 'aws_imagebuilder_component.gone', 'file("${path.module}/nowhere.yaml")'],
    ]);
  });

  it('without a reader (an editor with one buffer) nothing is said about it', () => {
    expect(validateHost(host, join(FIXTURES, 'missing.tf')).diagnostics).toEqual([]);
  });
});

describe('detectHost', () => {
  it('tells hosts from other files by content', () => {
    expect(detectHost('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X:\n    Type: AWS::S3::Bucket\n', 't.yaml')).toBe('cloudformation-yaml');
    expect(detectHost('Resources:\n  X:\n    Type: AWS::S3::Bucket\n', 'template')).toBe('cloudformation-yaml');
    expect(detectHost('{ "Resources": { "X": { "Type": "AWS::S3::Bucket" } } }', 'x.template.json')).toBe('cloudformation-json');
    expect(detectHost('{ "name": "package", "version": "1.0.0" }', 'package.json')).toBeUndefined();
    expect(detectHost('schemaVersion: 1.0\nphases: []\n', 'c.yaml')).toBeUndefined();
    expect(detectHost('', 'main.tf')).toBe('terraform');
  });

  it('a template without Image Builder resources yields nothing and is not parsed', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties: {{{ broken\n';
    expect(findEmbeddedDocuments(text, 't.yaml')).toEqual({ host: 'cloudformation-yaml', documents: [], diagnostics: [] });
  });
});

describe('bad input', () => {
  it('a broken template, binary junk and a huge file give positioned diagnostics, never a crash', () => {
    const broken = 'Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n    Properties:\n      Data: "unclosed\n';
    const result = validateHost(broken, 'broken.yaml');
    expect(result.diagnostics.some((d) => d.code === 'host-syntax' && d.severity === 'error')).toBe(true);
    const junk = `resource "aws_imagebuilder_component" "x" {\n  data = "\u0000\u0001\uffff${'\u0007'.repeat(100)}"\n}\n`;
    expect(() => validateHost(junk, 'junk.tf')).not.toThrow();
    expect(validateHost(junk, 'junk.tf').diagnostics.some((d) => d.code === 'binary-content')).toBe(true);
    const long = `Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n    Properties:\n      Platform: Linux\n      Data: |\n${'        # filler\n'.repeat(8000)}`;
    expect(validateHost(long, 'long.yaml').diagnostics.some((d) => d.code === 'document-too-long' && d.severity === 'error' && d.resource === 'C')).toBe(true);
    const huge = `Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n${'#'.repeat(5 * 1024 * 1024)}\n`;
    expect(validateHost(huge, 'huge.yaml').diagnostics.map((d) => d.code)).toEqual(['document-too-large']);
  });
});
