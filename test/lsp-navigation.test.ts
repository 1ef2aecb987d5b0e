/**
 * Hover and navigation over real LSP stdio, with the server started as clients start it
 * (`lsp --stdio --clientProcessId=<pid>`): on every example, at every line start, every
 * reference part and every declaration, the answers are the service's (with the document's
 * uri); rename answers a versioned WorkspaceEdit or an error the editor shows; bad requests
 * get empty answers. Then a sample of corpus documents: no request fails and every range lies
 * inside the text.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../server/src/service/analysis';
import { definition } from '../server/src/service/definition';
import { documentSymbols } from '../server/src/service/documentSymbols';
import { findReferences } from '../server/src/service/findReferences';
import { foldingRanges } from '../server/src/service/folding';
import { documentHighlights } from '../server/src/service/highlight';
import { hover } from '../server/src/service/hover';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../server/src/service/semanticTokens';
import type { Position, Range } from '../server/src/service/types';
import { CORPUS } from './support/corpus';

const ROOT = join(__dirname, '..');
const EXAMPLES = ['components', 'workflows'].flatMap((dir) =>
  readdirSync(join(ROOT, 'examples', dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'examples', dir, f)));

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let capabilities: Record<string, unknown>;
let version = 0;

beforeAll(async () => {
  child = spawn(process.execPath, [join(ROOT, 'bin', 'imagebuilder-yaml.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`]);
  connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.listen();
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(join(ROOT, 'examples')).href,
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        definition: { linkSupport: true },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: { lineFoldingOnly: true },
        semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  }) as { capabilities: Record<string, unknown> };
  capabilities = result.capabilities;
  await connection.sendNotification('initialized', {});
});

afterAll(async () => {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
});

async function open(path: string, text = readFileSync(path, 'utf8')): Promise<string> {
  const uri = pathToFileURL(path).href;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
  return uri;
}

/** Line starts, each reference part and each declaration name: where navigation answers. */
function samplePositions(analysis: Analysis): Position[] {
  const positions: Position[] = [];
  for (let line = 0; line < analysis.lines.lineCount; line++) positions.push({ line, character: 0 });
  for (const reference of analysis.symbols.references) for (const part of reference.parts) positions.push(part.range.start, part.range.end);
  for (const declaration of analysis.symbols.declarations) positions.push(declaration.nameRange.start);
  return positions;
}

function inside(analysis: Analysis, range: Range): boolean {
  const valid = (p: Position) => p.line >= 0 && p.line < analysis.lines.lineCount && p.character >= 0
    && analysis.lines.offsetAt({ line: p.line, character: 0 }) + p.character <= analysis.lines.lineEnd(p.line);
  return valid(range.start) && valid(range.end);
}

describe('capabilities', () => {
  it('announces hover, navigation, rename with prepare, symbols, folding and the semantic token legend', () => {
    expect(capabilities).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      foldingRangeProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
    });
    expect(capabilities.documentSymbolProvider).toBeTruthy();
  });
});

describe('the examples over stdio give the service answers', () => {
  for (const path of EXAMPLES) {
    it(path.slice(ROOT.length + 1), async () => {
      const text = readFileSync(path, 'utf8');
      const uri = await open(path, text);
      const analysis = analyze(text);
      const document = { textDocument: { uri } };
      for (const position of samplePositions(analysis)) {
        const params = { ...document, position };
        expect(await connection.sendRequest('textDocument/hover', params)).toEqual(hover(analysis, position));
        expect(await connection.sendRequest('textDocument/definition', params)).toEqual(definition(analysis, position).map((t) => ({ targetUri: uri, ...t })));
        expect(await connection.sendRequest('textDocument/references', { ...params, context: { includeDeclaration: true } }))
          .toEqual(findReferences(analysis, position, true).map((range) => ({ uri, range })));
        expect(await connection.sendRequest('textDocument/documentHighlight', params)).toEqual(documentHighlights(analysis, position));
      }
      expect(await connection.sendRequest('textDocument/documentSymbol', document)).toEqual(documentSymbols(analysis));
      expect(await connection.sendRequest('textDocument/foldingRange', document)).toEqual(foldingRanges(analysis));
      expect(await connection.sendRequest('textDocument/semanticTokens/full', document)).toEqual(semanticTokens(analysis));
      const firstHalf = { start: { line: 0, character: 0 }, end: { line: Math.floor(analysis.lines.lineCount / 2), character: 0 } };
      expect(await connection.sendRequest('textDocument/semanticTokens/range', { ...document, range: firstHalf })).toEqual(semanticTokens(analysis, firstHalf));
      expect(documentSymbols(analysis).length).toBeGreaterThan(0);
      expect(semanticTokens(analysis).data.length).toBeGreaterThan(0);
    });
  }
});

describe('what a user does in an editor', () => {
  it('hovers an action and a reference, jumps to the parameter, finds its uses', async () => {
    const path = join(ROOT, 'examples', 'components', 'hello-linux.yaml');
    const text = readFileSync(path, 'utf8');
    const uri = await open(path, text);
    const lines = text.split('\n');
    const find = (needle: string, nth = 0): Position => {
      let line = -1;
      for (let seen = -1; seen < nth;) if (lines[++line].includes(needle)) seen++;
      return { line, character: lines[line].indexOf(needle) + 1 };
    };
    const action = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: find('WebDownload') }) as { contents: { kind: string; value: string } };
    expect(action.contents.kind).toBe('markdown');
    expect(action.contents.value).toContain('toe-action-modules.html#action-modules-webdownload');
    const use = find('{{ ToolVersion }}');
    use.character += 3;
    const links = await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: use }) as Array<{ targetUri: string; targetSelectionRange: Range }>;
    expect(links).toHaveLength(1);
    expect(links[0].targetUri).toBe(uri);
    expect(links[0].targetSelectionRange.start.line).toBe(find('- ToolVersion:').line);
    expect(links[0].targetSelectionRange.start.character).toBe(lines[links[0].targetSelectionRange.start.line].indexOf('ToolVersion'));
    const uses = await connection.sendRequest('textDocument/references', { textDocument: { uri }, position: use, context: { includeDeclaration: false } }) as unknown[];
    expect(uses).toHaveLength(2);
  });

  it('renames a workflow step: a versioned edit of the name and every $.stepOutputs path', async () => {
    const path = join(ROOT, 'examples', 'workflows', 'build.yaml');
    const text = readFileSync(path, 'utf8');
    const uri = await open(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('- name: LaunchBuildInstance'));
    const position = { line, character: text.split('\n')[line].indexOf('LaunchBuildInstance') + 2 };
    const prepared = await connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position }) as { placeholder: string };
    expect(prepared.placeholder).toBe('LaunchBuildInstance');
    const edit = await connection.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: 'Launch' }) as {
      documentChanges: Array<{ textDocument: { uri: string; version: number }; edits: Array<{ range: Range; newText: string }> }>;
    };
    expect(edit.documentChanges).toHaveLength(1);
    expect(edit.documentChanges[0].textDocument).toEqual({ uri, version });
    const uses = text.match(/\$\.stepOutputs\.LaunchBuildInstance\./g)!.length;
    expect(edit.documentChanges[0].edits).toHaveLength(uses + 1);
    expect(edit.documentChanges[0].edits.every((e) => e.newText === 'Launch')).toBe(true);
  });

  it('a refused rename is an error response with the reason', async () => {
    const path = join(ROOT, 'examples', 'workflows', 'build.yaml');
    const text = readFileSync(path, 'utf8');
    const uri = await open(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('action: LaunchInstance'));
    const position = { line, character: text.split('\n')[line].indexOf('LaunchInstance') + 1 };
    await expect(connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position })).rejects.toThrow(/Action names/);
    const name = text.split('\n').findIndex((l) => l.includes('- name: LaunchBuildInstance'));
    await expect(connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: name, character: 12 }, newName: 'bad name' }))
      .rejects.toThrow(/not a valid step name/);
  });

  it('empty answers for unknown documents, positions past the end and YAML that is not Image Builder', async () => {
    const unknown = { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } };
    expect(await connection.sendRequest('textDocument/hover', unknown)).toBeNull();
    expect(await connection.sendRequest('textDocument/definition', unknown)).toEqual([]);
    expect(await connection.sendRequest('textDocument/documentSymbol', unknown)).toEqual([]);
    expect(await connection.sendRequest('textDocument/semanticTokens/full', unknown)).toEqual({ data: [] });
    const uri = await open(join(ROOT, 'examples', 'components', 'hello-linux.yaml'));
    const past = { textDocument: { uri }, position: { line: 9999, character: 3 } };
    expect(await connection.sendRequest('textDocument/hover', past)).toBeNull();
    expect(await connection.sendRequest('textDocument/references', { ...past, context: { includeDeclaration: true } })).toEqual([]);
    expect(await connection.sendRequest('textDocument/documentHighlight', past)).toEqual([]);
    const pod = await open(join(ROOT, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n');
    expect(await connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: pod } })).toEqual([]);
    expect(await connection.sendRequest('textDocument/hover', { textDocument: { uri: pod }, position: { line: 1, character: 1 } })).toBeNull();
  });
});

describe('a sample of corpus documents over stdio: nothing fails, every range inside the text', () => {
  const sample = ['component', 'workflow'].flatMap((kind) => readdirSync(join(CORPUS, kind)).filter((f) => /\.ya?ml$/.test(f)).filter((_, i) => i % 40 === 0).map((f) => join(CORPUS, kind, f)));
  for (const path of sample) {
    it(path.slice(CORPUS.length + 1), async () => {
      const text = readFileSync(path, 'utf8');
      const uri = await open(path, text);
      const analysis = analyze(text);
      const ranges: Range[] = [];
      for (const position of samplePositions(analysis)) {
        const params = { textDocument: { uri }, position };
        const shown = await connection.sendRequest('textDocument/hover', params) as { range?: Range } | null;
        if (shown?.range) ranges.push(shown.range);
        for (const link of await connection.sendRequest('textDocument/definition', params) as Array<{ targetRange: Range; targetSelectionRange: Range }>) ranges.push(link.targetRange, link.targetSelectionRange);
        for (const location of await connection.sendRequest('textDocument/references', { ...params, context: { includeDeclaration: true } }) as Array<{ range: Range }>) ranges.push(location.range);
      }
      const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Array<{ range: Range; selectionRange: Range }>;
      for (const s of symbols) ranges.push(s.range, s.selectionRange);
      expect(ranges.filter((r) => !inside(analysis, r))).toEqual([]);
    });
  }
});
