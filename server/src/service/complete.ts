/**
 * Completion: what can be written at a position, from the document's schema, the action tables
 * and the scope modules. Keys (`completion/keys.ts`), values and action names
 * (`completion/values.ts`), references (`completion/references.ts`) and new-step snippets
 * (`completion/snippets.ts`); this file reads the cursor and decides which apply.
 *
 * Every item's edit replaces the word being typed (or the segment of a reference) and lies on
 * the cursor's line, so accepting it yields the YAML meant. Never throws: any failure gives an
 * empty list.
 */
import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { componentSchema } from './component/validate';
import { cursorAt, type PathSegment } from './cursor';
import { completeKeys } from './completion/keys';
import { ItemList, typesOf, type CompletionRequest } from './completion/items';
import { completeReference } from './completion/references';
import { completeNewStep, completeNewVariable } from './completion/snippets';
import { completeValues } from './completion/values';
import { schemasAt } from './shared/schemaNav';
import type { JSONSchema } from './shared/jsonSchema';
import { workflowSchema } from './workflow/validate';

export interface CompleteOptions {
  /** The client accepts snippet syntax (`completionItem.snippetSupport`). */
  snippetSupport?: boolean;
  /** The character that triggered the request, when one did. */
  triggerCharacter?: string;
  /** Tests: let an internal error through instead of answering with an empty list. */
  rethrow?: boolean;
}

/** Characters after which editors ask for completion by themselves. */
export const COMPLETION_TRIGGER_CHARACTERS = ['.', ':', '{', '$', ' '];

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export function complete(analysis: Analysis, position: Position, options: CompleteOptions = {}): CompletionList {
  try {
    return completeAt(analysis, position, options);
  } catch (error) {
    if (options.rethrow) throw error;
    return EMPTY;
  }
}

function completeAt(analysis: Analysis, position: Position, options: CompleteOptions): CompletionList {
  const lines = analysis.lines;
  if (position.line < 0 || position.character < 0 || position.line >= lines.lineCount) return EMPTY;
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  if (position.character > lines.lineEnd(position.line) - lineStart) return EMPTY;
  const offset = lineStart + position.character;
  const before = analysis.text.slice(lineStart, offset);
  if (!triggeredHere(options.triggerCharacter, before)) return EMPTY;

  const cursor = cursorAt(analysis, offset);
  const request: CompletionRequest = {
    analysis,
    cursor,
    snippets: !!options.snippetSupport,
    root: rootSchema(analysis),
    valueAt: (path) => valueAt(analysis.parsed.value, path),
  };
  const list = new ItemList(request);
  const { path } = cursor;

  switch (cursor.role) {
    case 'comment':
      break;
    case 'reference':
      completeReference(request, list);
      break;
    case 'value':
      completeValues(request, list, path, cursor.key);
      break;
    case 'item':
      completeValues(request, list, [...path, 0]);
      break;
    case 'key':
      completeKeyPosition(request, list, path, before, analysis.text.slice(offset, lines.lineEnd(position.line)));
      break;
  }
  return { isIncomplete: false, items: list.items };
}

/** A key, a new list item, or a bare word that is an item of a list of scalars. */
function completeKeyPosition(request: CompletionRequest, list: ItemList, path: PathSegment[], before: string, after: string): void {
  const { analysis, cursor, root } = request;
  const last = path[path.length - 1];
  const onDash = /^\s*(?:-\s+)+\S*$/.test(before);
  // Snippets write whole lines: only where nothing but the word follows on the line.
  const lineEndsHere = /^\S*\s*$/.test(after) && !after.includes(':');
  if (path.length === 0 && analysis.kind === 'unknown') {
    // A document not yet recognisable: the keys of both kinds.
    for (const schema of [componentSchema(), workflowSchema()]) completeKeys({ ...request, root: schema }, list, path);
    return;
  }
  if (!root) return;
  // A list being filled: a new step, parameter or constant.
  if (last === 'steps' && !onDash && isStepsList(path)) {
    if (!lineEndsHere) return;
    completeNewStep(request, list, true);
    return;
  }
  if (typeof last === 'number' && isScalarList(request, path)) {
    completeValues(request, list, path);
    return;
  }
  completeKeys(request, list, path);
  if (typeof last === 'number' && onDash && lineEndsHere && cursor.siblings.length === 0) {
    const parent = path.slice(0, -1);
    if (isStepsList(parent)) completeNewStep(request, list, false);
    if (analysis.kind === 'component' && parent.length === 1 && (parent[0] === 'parameters' || parent[0] === 'constants')) completeNewVariable(request, list, parent[0]);
  }
}

function isStepsList(path: readonly PathSegment[]): boolean {
  return (path.length === 1 && path[0] === 'steps') || (path.length === 3 && path[0] === 'phases' && typeof path[1] === 'number' && path[2] === 'steps');
}

/** The schema says the list at the cursor holds scalars, not mappings (`- ec` under `commands`). */
function isScalarList(request: CompletionRequest, path: readonly PathSegment[]): boolean {
  const types = schemasAt(request.root!, path, request.valueAt).flatMap(typesOf);
  return types.length > 0 && !types.includes('object');
}

/** Trigger characters that are ordinary text in most places open the list only where it helps. */
function triggeredHere(trigger: string | undefined, before: string): boolean {
  switch (trigger) {
    case ' ':
      return /(?::|^\s*-|\{\{)\s$/.test(before);
    case '{':
      return before.endsWith('{{');
    default:
      return true;
  }
}

function rootSchema(analysis: Analysis): JSONSchema | undefined {
  if (analysis.kind === 'component') return componentSchema();
  if (analysis.kind === 'workflow') return workflowSchema();
  return undefined;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
