/**
 * Parses a text once into the model every feature shares: the YAML syntax tree with source
 * offsets, the plain value, the line index and the syntax problems. Never throws.
 */
import { Document, isDocument, parseAllDocuments, visit, type Scalar, type YAMLParseError } from 'yaml';
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

  for (const error of first.errors) result.diagnostics.push(syntaxDiagnostic(error, first, lines, 'yaml-syntax'));
  for (const warning of first.warnings) result.diagnostics.push(syntaxDiagnostic(warning, first, lines, 'yaml-warning'));
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

function syntaxDiagnostic(error: YAMLParseError, doc: Document.Parsed, lines: LineIndex, code: 'yaml-syntax' | 'yaml-warning'): Diagnostic {
  const [start, end] = error.pos;
  // The library appends " at line L, column C:" and a source excerpt; the range carries that.
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let range = lines.range(start, Math.max(end, start + 1));
  let text: string;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      text = 'YAML does not allow tabs for indentation: use spaces.';
      break;
    case 'DUPLICATE_KEY': {
      // The library points at the key's first character; the whole key reads better.
      const key = scalarsOf(doc).find((s) => s.range?.[0] === start);
      if (key?.range) range = lines.range(key.range[0], key.range[1]);
      text = 'This key appears twice in the same mapping; YAML keys must be unique (the later value wins or the file is rejected).';
      break;
    }
    case 'MISSING_CHAR': {
      if (!/quote/i.test(message)) {
        text = `YAML syntax error: ${message}.`;
        break;
      }
      // The library reports an unclosed quote where the text ends; point at the opening quote.
      const open = scalarsOf(doc)
        .filter((s) => (s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && s.range && s.range[0] < start && s.range[1] >= start)
        .sort((a, b) => b.range![0] - a.range![0])[0];
      if (open?.range) range = lines.range(open.range[0], open.range[0] + 1);
      text = 'This quoted string is never closed: add the closing quote (everything after it was read as part of the string).';
      break;
    }
    default:
      text = `${code === 'yaml-warning' ? 'YAML warning' : 'YAML syntax error'}: ${message}.`.replace(/\.\.$/, '.');
  }
  return diagnostic(code, range, text);
}

function scalarsOf(doc: Document.Parsed): Scalar[] {
  const scalars: Scalar[] = [];
  visit(doc, { Scalar: (_key, node) => void scalars.push(node) });
  return scalars;
}
