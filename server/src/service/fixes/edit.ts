/**
 * What every quick-fix provider shares: the request's context, the text edits they build
 * (minimal, in the document's own line endings and indentation), and where things are in the
 * analysis (the step around a diagnostic, the pair with a given key).
 */
import type { Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import { isMap, isPair, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Analysis } from '../analysis';
import { keyText } from '../ast';
import type { StepModel } from '../component/model';
import type { FixableCode, FixData } from '../fixData';
import type { WorkflowStep } from '../workflow/model';

export interface FixContext {
  analysis: Analysis;
  /** The diagnostic as the client sent it (or as the analysis has it). */
  diagnostic: LspDiagnostic;
  /** Its range, as offsets into the current text. */
  start: number;
  end: number;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix: editors apply it with one key (e.g. "auto fix"). */
  isPreferred?: boolean;
}

export type FixProvider<C extends FixableCode> = (data: Extract<FixData, { code: C }>, context: FixContext) => Fix[];

export function replace(analysis: Analysis, start: number, end: number, newText: string): TextEdit {
  return { range: analysis.lines.range(start, end), newText };
}

export function insert(analysis: Analysis, offset: number, newText: string): TextEdit {
  return { range: analysis.lines.range(offset, offset), newText };
}

/** The document's line break: CRLF documents get CRLF in inserted lines. */
export function eolOf(analysis: Analysis): string {
  return analysis.text.includes('\r\n') ? '\r\n' : '\n';
}

export function columnOf(analysis: Analysis, offset: number): number {
  return analysis.lines.positionAt(offset).character;
}

/** Offset of the end of the line holding `offset`, before its line break. */
export function lineEndAt(analysis: Analysis, offset: number): number {
  return analysis.lines.lineEnd(analysis.lines.positionAt(offset).line);
}

/** The last offset before `end` that is not white space (so block scalars' trailing newlines are skipped). */
export function contentEnd(analysis: Analysis, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(analysis.text[at - 1])) at--;
  return at;
}

/**
 * Indents (by > 0) or dedents (by < 0) the lines after the one holding `start`, up to the one
 * holding `end`. Blank lines are left alone, so block scalars keep their content. `undefined`
 * when a line has too little indentation to dedent.
 */
export function shiftLines(analysis: Analysis, start: number, end: number, by: number): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const first = analysis.lines.positionAt(start).line + 1;
  const last = analysis.lines.positionAt(end).line;
  for (let line = first; line <= last; line++) {
    const lineStart = analysis.lines.offsetAt({ line, character: 0 });
    const content = analysis.text.slice(lineStart, analysis.lines.lineEnd(line));
    if (!content.trim()) continue;
    if (by > 0) edits.push(insert(analysis, lineStart, ' '.repeat(by)));
    else {
      const leading = content.length - content.trimStart().length;
      if (leading < -by) return undefined;
      edits.push(replace(analysis, lineStart, lineStart - by, ''));
    }
  }
  return edits;
}

export function spaces(count: number): string {
  return ' '.repeat(Math.max(0, count));
}

/**
 * Replaces a scalar written as `expected`, plain or quoted (then only the text between the
 * quotes), with `replacement`. Nothing when the text there is something else: the data may be
 * stale, or the source spells the value with escapes a plain replacement would lose.
 */
export function replaceScalar(analysis: Analysis, start: number, end: number, expected: string, replacement: string): TextEdit | undefined {
  const written = analysis.text.slice(start, end);
  if (written === expected) return replace(analysis, start, end, replacement);
  const quote = written[0];
  const safe = quote === "'" ? !replacement.includes("'") : !/["\\]/.test(replacement);
  if ((quote === '"' || quote === "'") && written.length >= 2 && written.endsWith(quote) && written.slice(1, -1) === expected && safe) {
    return replace(analysis, start + 1, end - 1, replacement);
  }
  return undefined;
}

/** The step of the document (component or workflow) whose mapping holds the offset. */
export function stepAt(analysis: Analysis, offset: number): { step: StepModel | WorkflowStep; keyColumn: number } | undefined {
  const steps: Array<StepModel | WorkflowStep> = analysis.component?.steps ?? analysis.workflow?.steps ?? [];
  for (const step of steps) {
    const range = step.node.range;
    if (range && range[0] <= offset && offset <= range[1]) return { step, keyColumn: columnOf(analysis, range[0]) };
  }
  return undefined;
}

/** The root mapping of the document, when it has one. */
export function rootMap(analysis: Analysis): YAMLMap | undefined {
  const contents = analysis.parsed.yaml?.contents;
  return isMap(contents) ? contents : undefined;
}

/** The mapping pair whose key reads `key` and whose key or value holds the offset, with the mapping it is in. */
export function pairNear(analysis: Analysis, offset: number, key: string): { pair: Pair; map: YAMLMap } | undefined {
  const doc = analysis.parsed.yaml;
  if (!doc) return undefined;
  let found: { pair: Pair; map: YAMLMap } | undefined;
  visit(doc, {
    Map(_key, map) {
      for (const item of map.items) {
        if (!isPair(item) || keyText(item) !== key) continue;
        const keyNode = item.key as Node | null;
        const valueNode = item.value as Node | null;
        const inKey = keyNode?.range && keyNode.range[0] <= offset && offset <= keyNode.range[1];
        const inValue = valueNode?.range && valueNode.range[0] <= offset && offset <= valueNode.range[1];
        if (inKey || inValue) {
          found = { pair: item, map };
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

export function hasKey(map: YAMLMap, key: string): boolean {
  return map.items.some((item) => isPair(item) && keyText(item) === key);
}

/** A string written as a YAML scalar: plain when it reads back as the same string, else single-quoted. */
export function yamlString(value: string): string {
  const plain = /^[A-Za-z0-9_/][A-Za-z0-9_./:@-]*$/.test(value) && !/^(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9._]*([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i.test(value) && !/:$/.test(value);
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}
