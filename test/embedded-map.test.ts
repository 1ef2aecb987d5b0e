/**
 * The position map between an embedded document and its host, checked on generated documents
 * in each embedding style: the text is exactly the document, every character maps to the host
 * characters that spell it, and fromHost inverts toHost.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findEmbeddedDocuments, validateHost } from '../server/src/service/embedded/index';
import type { EmbeddedDocument } from '../server/src/service/embedded/types';

/** Lines of printable text: no leading or trailing blanks (block scalars would re-indent or chomp them). */
const line = fc.stringMatching(/^[A-Za-z0-9#:'"\\/{}[\],.\-!@&*|>?=+ é€😀]{0,30}$/).map((s) => s.trim());
const documentText = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => {
  const body = [...lines];
  if (!body[0]) body[0] = 'name: x';
  if (!body[body.length - 1]) body[body.length - 1] = 'end: y';
  return `${body.join('\n')}\n`;
});

function only(host: string, path: string): EmbeddedDocument {
  const { documents } = findEmbeddedDocuments(host, path);
  expect(documents).toHaveLength(1);
  return documents[0];
}

/** Every text character maps to host text that spells it, and back. */
function checkRoundTrip(document: EmbeddedDocument, host: string, spell: (hostSlice: string) => string) {
  for (let offset = 0; offset < document.text.length; offset++) {
    const start = document.toHost(offset);
    const end = document.toHostEnd(offset + 1);
    expect(spell(host.slice(start, end))).toBe(document.text[offset]);
    expect(document.fromHost(start)).toBe(offset);
  }
  expect(document.toHostEnd(document.text.length)).toBe(document.hostRange.end);
  expect(document.fromHost(document.hostRange.start - 1)).toBeUndefined();
  expect(document.fromHost(document.hostRange.end + 1)).toBeUndefined();
}

describe('position map', () => {
  it('CloudFormation YAML block scalar, any indentation, LF or CRLF', () => {
    fc.assert(fc.property(documentText, fc.integer({ min: 1, max: 8 }), fc.boolean(), (text, extra, crlf) => {
      const indent = ' '.repeat(6 + extra);
      const body = text.split('\n').slice(0, -1).map((l) => (l ? indent + l : '')).join('\n');
      let host = `Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n    Properties:\n      Data: |\n${body}\n      Platform: Linux\n`;
      if (crlf) host = host.replace(/\n/g, '\r\n');
      const document = only(host, 't.yaml');
      expect(document.text).toBe(text);
      expect(document.options.platform).toBe('Linux');
      checkRoundTrip(document, host, (slice) => (slice === '\r\n' ? '\n' : slice));
    }), { numRuns: 150 });
  });

  it('CloudFormation YAML folded block scalar (`>`): the text is what YAML reads, folded breaks map to the line break', () => {
    const indentedLine = fc.oneof(line, line.map((l) => `  ${l}`));
    const folded = fc.array(indentedLine, { minLength: 1, maxLength: 10 }).map((lines) => {
      const body = [...lines];
      body[0] = `first ${body[0].trim()}`;
      return body;
    });
    fc.assert(fc.property(folded, (lines) => {
      const body = lines.map((l) => (l ? `        ${l}` : '')).join('\n');
      const host = `Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n    Properties:\n      Data: >\n${body}\n      Platform: Linux\n`;
      const expected = (parseDocument(host).getIn(['Resources', 'C', 'Properties', 'Data']) as string);
      const document = only(host, 't.yaml');
      expect(document.text).toBe(expected);
      expect(document.exactMap).toBe(true);
      for (let offset = 0; offset < document.text.length; offset++) {
        const at = document.toHost(offset);
        const char = document.text[offset];
        expect(host[at] === char || (char === ' ' && host[at] === '\n')).toBe(true);
        expect(document.fromHost(at)).toBe(offset);
      }
    }), { numRuns: 150 });
  });

  it('CloudFormation JSON string with escapes', () => {
    fc.assert(fc.property(documentText, (text) => {
      const host = `{\n  "Resources": {\n    "C": {\n      "Type": "AWS::ImageBuilder::Component",\n      "Properties": { "Data": ${JSON.stringify(text)} }\n    }\n  }\n}\n`;
      const document = only(host, 'x.template.json');
      expect(document.text).toBe(text);
      checkRoundTrip(document, host, (slice) => JSON.parse(`"${slice}"`) as string);
    }), { numRuns: 150 });
  });

  it('Terraform <<- heredoc: the common indentation is not part of the text', () => {
    fc.assert(fc.property(documentText.filter((t) => !/[$%]\{/.test(t)), fc.integer({ min: 0, max: 6 }), (text, extra) => {
      const indent = ' '.repeat(2 + extra);
      const body = text.split('\n').slice(0, -1).map((l) => (l ? indent + l : '')).join('\n');
      const host = `resource "aws_imagebuilder_component" "c" {\n  platform = "Linux"\n  data = <<-EOT\n${body}\n  EOT\n}\n`;
      const document = only(host, 'main.tf');
      expect(document.text).toBe(text);
      checkRoundTrip(document, host, (slice) => slice);
    }), { numRuns: 100 });
  });

  it('an opaque value maps to the whole substitution, both ways', () => {
    const host = 'Resources:\n  C:\n    Type: AWS::ImageBuilder::Component\n    Properties:\n      Data: !Sub "name: ${AWS::StackName}-x\\nphases: []\\n"\n';
    const document = only(host, 't.yaml');
    const at = document.text.indexOf('xAWS_StackName');
    expect(at).toBe(6);
    const end = at + 'xAWS_StackName'.length;
    expect(host.slice(document.toHost(at), document.toHostEnd(end))).toBe('${AWS::StackName}');
    expect(document.opaqueSpans).toEqual([[at, end]]);
    // Anywhere inside the substitution in the host is the value in the text.
    const inside = host.indexOf('StackName');
    expect(document.fromHost(inside)).toBeGreaterThanOrEqual(at);
    expect(document.fromHost(inside)).toBeLessThan(end);
    expect(document.text.slice(end)).toBe('-x\nphases: []\n');
  });
});

describe('arbitrary text', () => {
  const fragment = fc.constantFrom(
    'Resources:\n', '  C:\n', '    Type: AWS::ImageBuilder::Component\n', '    Properties:\n', '      Data: ', '!Sub ', '|2-\n', '>\n',
    '"', "'", '\\n', '${', '}', '${!', '%{ if x ~}', '%{ endif }', '$${', '{', '[', ']', ',', ': ', '\n', '\r\n', '\t', '        ',
    'resource "aws_imagebuilder_component" "x" {\n', 'data = ', '<<-EOT\n', 'EOT\n', 'yamlencode(', 'templatefile("a", {})', ')', '/*', '*/', '#',
    'phases:\n', '  - name: build\n', '\u0000', '\uffff', '😀', 'Fn::Join', '"Fn::Sub": ', '!Ref X ',
  );
  const text = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

  it('never throws, and every range lies inside the host', () => {
    fc.assert(fc.property(text, fc.constantFrom('t.yaml', 'main.tf', 'x.template.json'), (host, path) => {
      const result = validateHost(host, path);
      const lines = host.split(/\r\n|\r|\n/);
      for (const d of [...result.diagnostics]) {
        expect(d.range.end.line).toBeLessThan(lines.length);
        expect(d.range.start.character).toBeLessThanOrEqual(lines[d.range.start.line].length);
      }
    }), { numRuns: 300 });
  });
});
