/**
 * Quick fixes, keyed on diagnostic codes: each code has its providers in `fixes/`, which read
 * only the diagnostic's typed data (fixData.ts) and the analysis. The diagnostics come from the
 * request (the client sends back what it was given, data included); when it sends none of ours
 * for the range, the analysis' own diagnostics there are used, so every client gets fixes.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { isFixableCode, readFixData, type FixableCode, type FixData } from './fixData';
import { addSuffix, removeSuffix } from './fixes/chainedKey';
import { declareComponentParameter, declareWorkflowParameter } from './fixes/declareParameter';
import { referenceProviders, unknownAction, unknownInput, unknownKey } from './fixes/didYouMean';
import type { Fix, FixContext, FixProvider } from './fixes/edit';
import { inputsShape } from './fixes/inputsShape';
import { addMissingInputs } from './fixes/missingInput';
import { parameterType } from './fixes/missingKey';
import { schemaVersion } from './fixes/schemaVersion';
import { destinationFolder, distributedImagesSource, largestTimeout, literalInput, literalValue, permissionsAsText, quoteReference } from './fixes/values';
import { workflowParameterStyle } from './fixes/workflowParameter';
import { declareWorkflowType } from './fixes/workflowType';
import type { Diagnostic, Range } from './types';

/** The providers of each code, in the order their fixes are listed (the obvious one first). */
const PROVIDERS: { [C in FixableCode]?: Array<FixProvider<C>> } = {
  'unknown-action': [unknownAction],
  'unknown-key': [unknownKey],
  'unknown-input': [unknownInput],
  'undefined-reference': [referenceProviders['undefined-reference'], declareComponentParameter],
  'undefined-parameter': [referenceProviders['undefined-parameter'], declareWorkflowParameter],
  'invalid-step-output': [referenceProviders['invalid-step-output']],
  'invalid-output': [referenceProviders['invalid-output']],
  'invalid-chaining': [referenceProviders['invalid-chaining']],
  'unknown-system-variable': [referenceProviders['unknown-system-variable']],
  'unknown-context-key': [referenceProviders['unknown-context-key']],
  'unquoted-reference': [quoteReference],
  'missing-input': [addMissingInputs],
  'jsonpath-without-suffix': [addSuffix],
  'literal-on-chained-key': [removeSuffix],
  'inputs-shape': [inputsShape],
  'invalid-input-value': [literalInput],
  'invalid-value': [literalValue, workflowParameterStyle],
  'schema-version': [schemaVersion],
  'permissions-not-string': [permissionsAsText],
  'wildcard-destination': [destinationFolder],
  'distributed-images-source': [distributedImagesSource],
  'invalid-timeout': [largestTimeout],
  'workflow-type-unknown': [declareWorkflowType],
  'missing-key': [parameterType],
};

/** The source the language server gives its diagnostics; others' diagnostics are not ours to fix. */
export const DIAGNOSTIC_SOURCE = 'imagebuilder';

export interface CodeActionOptions {
  /** `CodeActionContext.only`: kinds the client asks for. */
  only?: unknown;
  /** The diagnostics to fix when the client sends none of ours (default: the analysis' own, e.g. after settings turned some off). */
  available?: Diagnostic[];
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A service diagnostic as the client received it. */
export function asLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const result: LspDiagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message };
  if (d.data) result.data = d.data;
  return result;
}

/**
 * The quick fixes for the diagnostics of `range`. `sent` is the request's
 * `context.diagnostics`, unchecked: anything that is not a diagnostic of ours is ignored.
 */
export function codeActions(analysis: Analysis, uri: string, range: unknown, sent: unknown, options: CodeActionOptions = {}): CodeAction[] {
  if (!wantsQuickFixes(options.only) || !isRange(range)) return [];
  const ours = (Array.isArray(sent) ? sent : []).filter(isOurDiagnostic);
  const diagnostics = ours.length ? ours : (options.available ?? analysis.diagnostics).filter((d) => intersects(d.range, range)).map(asLspDiagnostic);
  const actions: CodeAction[] = [];
  const byEdit = new Map<string, CodeAction>();
  for (const diagnostic of diagnostics) {
    for (const fix of fixesFor(analysis, diagnostic)) {
      const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
      const same = byEdit.get(key);
      if (same) {
        same.diagnostics!.push(diagnostic);
        continue;
      }
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: fix.edits } } };
      if (fix.isPreferred) action.isPreferred = true;
      byEdit.set(key, action);
      actions.push(action);
    }
  }
  return actions;
}

/** The fixes of one diagnostic: its data as sent, or else the data the analysis has for it. */
export function fixesFor(analysis: Analysis, diagnostic: LspDiagnostic): Fix[] {
  const data = readFixData(diagnostic.code, diagnostic.data) ?? ownData(analysis, diagnostic);
  if (!data) return [];
  const context: FixContext = {
    analysis,
    diagnostic,
    start: analysis.lines.offsetAt(diagnostic.range.start),
    end: analysis.lines.offsetAt(diagnostic.range.end),
  };
  const providers = (PROVIDERS[data.code] ?? []) as Array<FixProvider<FixableCode>>;
  const fixes: Fix[] = [];
  for (const provider of providers) {
    try {
      fixes.push(...provider(data as never, context).filter((fix) => fix.edits.length > 0 && fix.edits.every(isSaneEdit)));
    } catch {
      // A provider that fails on odd text offers nothing; the request still succeeds.
    }
  }
  return fixes;
}

function ownData(analysis: Analysis, diagnostic: LspDiagnostic): FixData | undefined {
  const own = analysis.diagnostics.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
  return own ? readFixData(own.code, own.data) : undefined;
}

function wantsQuickFixes(only: unknown): boolean {
  if (!Array.isArray(only) || only.length === 0) return true;
  return only.some((kind) => typeof kind === 'string' && (kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`)));
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && typeof p === 'object' && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

function isRange(value: unknown): value is Range {
  const r = value as { start?: unknown; end?: unknown } | null;
  return !!r && typeof r === 'object' && isPosition(r.start) && isPosition(r.end);
}

function isOurDiagnostic(value: unknown): value is LspDiagnostic {
  const d = value as { range?: unknown; code?: unknown; source?: unknown } | null;
  return !!d && typeof d === 'object' && isRange(d.range) && isFixableCode(d.code) && (d.source === undefined || d.source === DIAGNOSTIC_SOURCE);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Touching counts: a cursor right after a misspelt word still gets its fix. */
function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function isSaneEdit(edit: TextEdit): boolean {
  return isRange(edit.range) && typeof edit.newText === 'string';
}
