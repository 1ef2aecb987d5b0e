/**
 * The real CloudFormation templates, CDK snapshots and Terraform files of
 * ../shared/corpus/iac as a regression suite: nothing crashes, every embedded document of
 * SOURCES.tsv is found, documents not marked broken get no error, and each diagnostic in the
 * host covers the same text as the same diagnostic of the document linted on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEmbeddedDocuments, validateHost } from '../server/src/service/embedded/index';
import { LineIndex } from '../server/src/service/text';
import { validate } from '../server/src/service/validate';
import { CORPUS } from './support/corpus';

const IAC = join(CORPUS, 'iac');
const io = {
  readFile: (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  listDirectory: (path: string) => (existsSync(path) ? readdirSync(path) : undefined),
};
const HOSTS: Record<string, string> = {
  'cloudformation-yaml': 'cloudformation-yaml', 'cloudformation-json': 'cloudformation-json', 'cdk-json': 'cloudformation-json', terraform: 'terraform',
};
/** Documents that are out of reach on purpose, with the reason. */
const NOT_FOUND: Record<string, string> = {
  'mike-carey__terraform-aws-imagebuilder-component-s3/main.tf':
    'the component reaches Image Builder through an aws_cloudformation_stack whose template_body is itself rendered by templatefile(); no aws_imagebuilder_component resource',
};

interface Row {
  file: string;
  host: string;
  embedded: string;
  notes: string;
}

const rows: Row[] = readFileSync(join(IAC, 'SOURCES.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => {
  const cells = line.split('\t');
  return { file: cells[0], host: cells[5], embedded: cells[6], notes: cells[7] ?? '' };
});
const hostRows = rows.filter((r) => HOSTS[r.host]);

/** `2 component`, `1 component, 1 workflow`; nothing for what is commented out or indirect. */
function expectedKinds(row: Row): string[] {
  if (/commented out|indirect/.test(row.embedded) || NOT_FOUND[row.file]) return [];
  return [...row.embedded.matchAll(/(\d+) (component|workflow)/g)].flatMap((m) => Array<string>(Number(m[1])).fill(m[2]));
}

const covered = (text: string, lines: LineIndex, range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));

/** JSON hosts spell the document with escapes: compare what the escapes mean. */
function unescapeJson(slice: string): string {
  try {
    return JSON.parse(`"${slice}"`) as string;
  } catch {
    return slice;
  }
}

describe('IaC corpus', () => {
  it('has the host files of SOURCES.tsv', () => {
    expect(hostRows.length).toBe(40);
    for (const row of rows) expect(existsSync(join(IAC, row.file)), row.file).toBe(true);
  });

  const reached = new Set<string>();
  for (const row of hostRows) {
    it(row.file, () => {
      const path = join(IAC, row.file);
      const text = readFileSync(path, 'utf8');
      const found = findEmbeddedDocuments(text, path, io);
      expect(found.host ?? 'none').toBe(HOSTS[row.host]);
      expect(found.documents.map((d) => d.kind).sort()).toEqual(expectedKinds(row).sort());

      const result = validateHost(text, path, io);
      const all = [...result.diagnostics, ...result.external.flatMap((e) => e.diagnostics)];
      for (const e of result.external) reached.add(e.path);
      expect(all.filter((d) => d.code === 'internal-error' || d.code === 'host-syntax')).toEqual([]);
      expect(all.every((d) => d.resource !== undefined)).toBe(true);
      const errors = all.filter((d) => d.severity === 'error').map((d) => `${d.resource} ${d.range.start.line + 1}: ${d.code} ${d.message}`);
      if (/looks broken/.test(row.notes)) expect(errors.length, 'marked broken but no error').toBeGreaterThan(0);
      else expect(errors).toEqual([]);

      // The same document on its own: same diagnostics, on the same text, shifted by its place.
      const hostLines = new LineIndex(text);
      for (const document of found.documents.filter((d) => !d.external)) {
        const textLines = new LineIndex(document.text);
        const mine = result.diagnostics.filter((d) => d.resource === document.resource);
        const alone = validate(document.text, document.options).diagnostics.filter((d) => {
          const start = textLines.offsetAt(d.range.start);
          return !document.opaqueSpans.some(([s, e]) => start >= s && start < e);
        });
        expect(mine.map((d) => d.code).sort()).toEqual(alone.map((d) => d.code).sort());
        for (const d of alone) {
          const start = textLines.offsetAt(d.range.start);
          const inHost = mine.find((h) => h.code === d.code && h.message === d.message && hostLines.offsetAt(h.range.start) === document.toHost(start));
          expect(inHost, `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1} of ${document.resource}`).toBeDefined();
          if (!document.exactMap) continue; // yamlencode(): the YAML is generated, keys and values map to their HCL
          const own = covered(document.text, textLines, d.range);
          const there = covered(text, hostLines, inHost!.range);
          expect(found.host === 'cloudformation-json' ? unescapeJson(there) : there).toBe(own);
          // Shifted by its place: a block scalar or heredoc keeps the lines of the document.
          if (found.host !== 'cloudformation-json' && d.range.start.line > 0) {
            const first = hostLines.positionAt(document.toHost(0)).line;
            expect(inHost!.range.start.line - first).toBe(d.range.start.line);
          }
        }
      }
    });
  }

  it('reaches every document that lives in a file of its own', () => {
    const referenced = rows.filter((r) => r.host === 'terraform-referenced-file' && /^[1-9]/.test(r.embedded) && !/\(CFN template|mike-carey/.test(`${r.embedded} ${r.file}`));
    expect(referenced.length).toBe(28);
    for (const row of referenced) expect(reached.has(join(IAC, row.file)), row.file).toBe(true);
  });
});

describe('positions of every document in the corpus', () => {
  it('map both ways: fromHost(toHost(o)) = o for every character the host copies', () => {
    let checked = 0;
    for (const row of hostRows) {
      const path = join(IAC, row.file);
      const text = readFileSync(path, 'utf8');
      for (const document of findEmbeddedDocuments(text, path, io).documents.filter((d) => d.exactMap)) {
        const hostText = document.external ? readFileSync(document.external.path, 'utf8') : text;
        for (let offset = 0; offset < document.text.length; offset++) {
          const host = document.toHost(offset);
          if (hostText[host] !== document.text[offset]) continue; // an escape or an opaque value
          expect(document.fromHost(host)).toBe(offset);
          checked++;
        }
        expect(document.fromHost(document.hostRange.start - 1)).toBeUndefined();
        expect(document.fromHost(document.hostRange.end + 1)).toBeUndefined();
      }
    }
    expect(checked).toBeGreaterThan(100000);
  });
});
