/**
 * The validation entry point: text and options in, diagnostics out. Pure: no I/O, no globals
 * beyond compiled-schema caches, never throws on user input.
 */
import { readDirectives } from './directives';
import { diagnostic } from './diagnostics';
import { parse, type ParsedDocument } from './parse';
import { checkPlaceholders } from './shared/placeholders';
import { validateComponent } from './component/validate';
import { validateWorkflow } from './workflow/validate';
import type { Diagnostic, DocumentKind, ValidateOptions, ValidationResult } from './types';

/** CreateComponent and CreateWorkflow accept at most this many characters inline as `data`. */
export const INLINE_DATA_LIMIT = 16000;

export function detectKind(value: unknown): DocumentKind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  if ('phases' in value) return 'component';
  if ('steps' in value) return 'workflow';
  return 'unknown';
}

export function validate(text: string, options: ValidateOptions = {}): ValidationResult {
  return validateParsed(parse(text), options);
}

export function validateParsed(parsed: ParsedDocument, options: ValidateOptions = {}): ValidationResult {
  const directives = readDirectives(parsed.text, parsed.lines);
  const kind: DocumentKind = options.kind ?? directives.kind ?? detectKind(parsed.value);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...directives.diagnostics];
  diagnostics.push(...checkPlaceholders(parsed, diagnostics));

  if (parsed.text.length > INLINE_DATA_LIMIT) {
    const at = parsed.lines.positionAt(INLINE_DATA_LIMIT);
    diagnostics.push(
      diagnostic('document-too-long', { start: at, end: { line: at.line, character: at.character + 1 } },
        `The document has ${parsed.text.length} characters; CreateComponent/CreateWorkflow accept at most ${INLINE_DATA_LIMIT} inline (this is where the limit is passed). Store it in S3 and pass \`uri\` instead.`),
    );
  }

  if (kind === 'component') {
    diagnostics.push(...validateComponent(parsed, { platform: options.platform ?? directives.platform }));
  } else if (kind === 'workflow') {
    diagnostics.push(...validateWorkflow(parsed, { workflowType: options.workflowType ?? directives.workflowType }));
  } else if (!parsed.diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(unknownKind(parsed));
  }
  return { kind, diagnostics: sortDiagnostics(diagnostics) };
}

function unknownKind(parsed: ParsedDocument): Diagnostic {
  const lines = parsed.lines;
  const range = lines.range(0, lines.lineEnd(0));
  if (parsed.text.trim() === '' || parsed.value === null || parsed.value === undefined) {
    return diagnostic('unknown-document-kind', range, 'The file is empty: a component document needs `schemaVersion` and `phases`, a workflow document `schemaVersion` and `steps`.');
  }
  const shape = Array.isArray(parsed.value) ? 'a list' : typeof parsed.value === 'object' ? 'a mapping without `phases` or `steps`' : 'a single value';
  return diagnostic('unknown-document-kind', range,
    `This is ${shape}, neither a component document (root key \`phases\`) nor a workflow document (root key \`steps\`). Use --kind to say which it is meant to be.`);
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
