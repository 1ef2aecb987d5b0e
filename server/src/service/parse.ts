/**
 * Parses a text once into the model every feature shares: the YAML syntax tree with source
 * offsets, the plain value, the line index and the syntax problems. Never throws.
 */
import { Document, isDocument, parseAllDocuments, YAMLParseError } from 'yaml';
import { LineIndex } from './text';
import { diagnostic } from './diagnostics';
import type { Diagnostic } from './types';

/** Larger texts are not parsed: no Image Builder document comes close (64 KB quota). */
export const MAX_TEXT_LENGTH = 4 * 1024 * 1024;

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  /** The first YAML document of the text; AWSTOE reads only that one. */
  yaml: Document.Parsed | undefined;
  /** Plain JavaScript value of `yaml`, aliases resolved; `undefined` when it could not be built. */
  value: unknown;
  /** Syntax errors and warnings, at the place the parser stopped. */
  diagnostics: Diagnostic[];
}

export function parse(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const result: ParsedDocument = { text, lines, yaml: undefined, value: undefined, diagnostics: [] };
  if (text.length > MAX_TEXT_LENGTH) {
    result.diagnostics.push(
      diagnostic('document-too-large', lines.range(0, 0),
        `The file has ${text.length} characters; files over ${MAX_TEXT_LENGTH} are not validated (Image Builder stores at most 64 KB per document).`),
    );
    return result;
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    result.diagnostics.push(
      diagnostic('binary-content', lines.range(nul, nul + 1),
        'The file contains a NUL character: it is not a text document, and Image Builder rejects `data` with NUL characters.'),
    );
  }

  let documents: Document.Parsed[];
  try {
    // logLevel 'error' keeps the library from printing warnings (e.g. about mapping keys) to stderr.
    documents = parseAllDocuments(text, { logLevel: 'error', prettyErrors: false, merge: true }) as Document.Parsed[];
  } catch (error) {
    result.diagnostics.push(diagnostic('yaml-syntax', lines.range(0, 0), `The YAML parser failed: ${String(error)}`));
    return result;
  }
  if (!Array.isArray(documents)) documents = [];
  const meaningful = documents.filter(isDocument);
  const first = meaningful.find((d) => d.contents !== null) ?? meaningful[0];
  if (!first) return result;
  result.yaml = first;

  for (const error of first.errors) result.diagnostics.push(syntaxDiagnostic(error, lines, 'yaml-syntax'));
  for (const warning of first.warnings) result.diagnostics.push(syntaxDiagnostic(warning, lines, 'yaml-warning'));
  for (const other of meaningful) {
    if (other === first || other.contents === null) continue;
    const start = other.range[0];
    result.diagnostics.push(
      diagnostic('multiple-documents', lines.range(start, lines.lineEnd(lines.positionAt(start).line)),
        'Only the first YAML document in a file is read by Image Builder; this document is ignored. Put each document in its own file.'),
    );
    break;
  }

  try {
    // maxAliasCount guards against alias-expansion bombs ("billion laughs").
    result.value = first.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    result.diagnostics.push(
      diagnostic('yaml-syntax', lines.range(0, 0), `The document cannot be read: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  return result;
}

function syntaxDiagnostic(error: YAMLParseError | { pos: [number, number]; message: string; code: string }, lines: LineIndex, code: 'yaml-syntax' | 'yaml-warning'): Diagnostic {
  const [start, end] = error.pos;
  // The library appends " at line L, column C:" and a source excerpt; the range carries that.
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const range = lines.range(start, Math.max(end, start + 1));
  return diagnostic(code, range, friendlySyntaxMessage(message, error.code));
}

function friendlySyntaxMessage(message: string, code: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation: use spaces.';
    case 'DUPLICATE_KEY':
      return 'This key appears twice in the same mapping; YAML keys must be unique.';
    case 'MISSING_CHAR':
      return `${message}: a quoted string is not closed.`;
    default:
      return `YAML syntax error: ${message}.`.replace(/\.\.$/, '.');
  }
}
