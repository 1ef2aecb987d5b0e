/**
 * The validation entry point: text and options in, diagnostics out. Pure: no I/O, no globals
 * beyond compiled-schema caches, never throws on user input.
 */
import { readDirectives, type Directives } from './directives';
import { diagnostic } from './diagnostics';
import { parse, type ParsedDocument } from './parse';
import { checkPlaceholders } from './shared/placeholders';
import { validateComponent } from './component/validate';
import type { ComponentModel } from './component/model';
import type { WorkflowModel } from './workflow/model';
import { validateWorkflow } from './workflow/validate';
import type { Diagnostic, DocumentKind, Range, ValidateOptions, ValidationResult } from './types';

/** The API reference's limit for inline `data` of CreateComponent and CreateWorkflow. */
export const INLINE_DATA_LIMIT = 16000;
/** The user guide's limit for a document without S3, and the default S3 document quota. */
export const DOCUMENT_SIZE_LIMIT = 64 * 1024;

export function detectKind(value: unknown): DocumentKind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  if ('phases' in value) return 'component';
  if ('steps' in value) return 'workflow';
  return 'unknown';
}

export function validate(text: string, options: ValidateOptions = {}): ValidationResult {
  return validateParsed(parse(text), options);
}

/** What an analysis has already built, so validation does not build it again. */
export interface Prepared {
  directives: Directives;
  component?: ComponentModel;
  workflow?: WorkflowModel;
}

export function validateParsed(parsed: ParsedDocument, options: ValidateOptions = {}, prepared?: Prepared): ValidationResult {
  const directives = prepared?.directives ?? readDirectives(parsed.text, parsed.lines);
  const kind: DocumentKind = options.kind ?? directives.kind ?? detectKind(parsed.value);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...directives.diagnostics];
  const placeholders = checkPlaceholders(parsed, diagnostics);
  diagnostics.push(...placeholders);
  // Template directives (`%{ for }`) break the YAML in many places at once; the first syntax
  // error and the placeholder warnings say all there is to say until the template is rendered.
  if (placeholders.some((p) => p.message.includes('template directive'))) {
    const syntax = sortDiagnostics(diagnostics.filter((d) => d.code === 'yaml-syntax'));
    for (const extra of syntax.slice(1)) diagnostics.splice(diagnostics.indexOf(extra), 1);
  }

  const length = checkLength(parsed);
  if (length) diagnostics.push(length);

  const checks: Diagnostic[] = [];
  if (kind === 'component') {
    checks.push(...validateComponent(parsed, {
      platform: options.platform ?? directives.platform,
      fileName: options.fileName,
      supportedOsVersions: options.supportedOsVersions,
    }, prepared?.component));
  } else if (kind === 'workflow') {
    checks.push(...validateWorkflow(parsed, { workflowType: options.workflowType ?? directives.workflowType }, prepared?.workflow));
  }
  // A value holding an unrendered `${...}` is judged after rendering: the placeholder warning
  // is the one thing to say about it now.
  diagnostics.push(...checks.filter((d) => !placeholders.some((p) => overlaps(d.range, p.range))));
  if (kind === 'unknown' && !parsed.diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(unknownKind(parsed));
  }
  return { kind, diagnostics: sortDiagnostics(diagnostics) };
}

function unknownKind(parsed: ParsedDocument): Diagnostic {
  const lines = parsed.lines;
  // The first line with content, not a comment or a blank line above it.
  const contents = parsed.yaml?.contents;
  const start = contents?.range ? contents.range[0] : 0;
  const line = lines.positionAt(start).line;
  const range = lines.range(start, Math.max(start, lines.lineEnd(line)));
  if (parsed.text.trim() === '' || parsed.value === null || parsed.value === undefined) {
    return diagnostic('unknown-document-kind', range, 'The file is empty: a component document needs `schemaVersion` and `phases`, a workflow document `schemaVersion` and `steps`.');
  }
  const shape = Array.isArray(parsed.value) ? 'a list' : typeof parsed.value === 'object' ? 'a mapping without `phases` or `steps`' : 'a single value';
  return diagnostic('unknown-document-kind', range,
    `This is ${shape}, neither a component document (root key \`phases\`) nor a workflow document (root key \`steps\`). Use --kind to say which it is meant to be.`);
}

/**
 * L42, with the doc conflict of spec 10.11 (16,000 characters in the API reference, 64 KB in
 * the user guide): real documents well over 16,000 characters are deployed inline by CDK and
 * copied from AWS-managed components, so that limit only warns; 64 KB is an error.
 */
function checkLength(parsed: ParsedDocument): Diagnostic | undefined {
  const { text, lines } = parsed;
  if (text.length <= INLINE_DATA_LIMIT) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  const limit = bytes > DOCUMENT_SIZE_LIMIT ? DOCUMENT_SIZE_LIMIT : INLINE_DATA_LIMIT;
  const at = lines.positionAt(Math.min(limit, text.length - 1));
  const range = { start: at, end: { line: at.line, character: at.character + 1 } };
  if (bytes > DOCUMENT_SIZE_LIMIT) {
    return diagnostic('document-too-long', range, `The document is ${bytes} bytes; Image Builder stores at most 64 KB per document (the default component/workflow size quota). Split it, e.g. with ExecuteDocument.`, undefined, 'error');
  }
  return diagnostic('document-too-long', range,
    `The document has ${text.length} characters, more than the 16,000 the API reference allows for inline \`data\` (this is where that limit is passed). If CreateComponent/CreateWorkflow refuses it, store it in S3 and pass \`uri\`.`);
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character || a.code.localeCompare(b.code));
}
