/**
 * Position → context: what is at a place in the text, for every editor feature.
 *
 * Two readings, because a document being typed is rarely valid YAML:
 * - `cursorAt` reads the lines around the cursor by indentation (as yaml-language-server and
 *   actions/languageservices do), so `action: ` with nothing after it, a half-typed key above
 *   other keys, a blank indented line inside a step, or an unfinished `{{ build.` still give the
 *   path, the role and the range to replace;
 * - `nodeAt` walks the syntax tree, for features on complete text (hover, definition).
 * Both resolve the enclosing phase and step of the document's model.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Analysis } from './analysis';
import { keyText } from './ast';
import type { PhaseModel, StepModel } from './component/model';
import type { Range } from './types';
import type { WorkflowStep } from './workflow/model';

export type PathSegment = string | number;

export type CursorRole = 'key' | 'value' | 'item' | 'reference' | 'comment';

export interface ReferenceCursor {
  /** `{{ ... }}` (components; `{{ $... }}` in workflows) or a bare `$.` JSONPath. */
  syntax: 'template' | 'jsonpath';
  /** The expression from its start to the cursor: `build.Down`, `$.stepOutputs.`. */
  prefix: string;
  /** Offsets of the expression as written so far, and up to its end after the cursor. */
  start: number;
  end: number;
  /** Whether `}}` already follows (templates). */
  closed: boolean;
}

export interface CursorContext {
  offset: number;
  role: CursorRole;
  /**
   * Keys and list indexes from the root: to the mapping whose key is being typed (`key`), to
   * the value (`value`: the path ends with its key), or to the list (`item`).
   */
  path: PathSegment[];
  /** The partial word at the cursor: key, value or item text typed so far (quotes excluded). */
  word: string;
  /** What an accepted completion replaces: the whole word around the cursor. */
  replaceStart: number;
  replaceEnd: number;
  replaceRange: Range;
  /** `key`: the key whose value is at the cursor. */
  key?: string;
  /** `key`: keys already in that mapping, the one being typed excluded. */
  siblings: string[];
  /** Column of the keys of the mapping at the cursor (or of the value's key). */
  column: number;
  /** `key:` with the cursor right after the colon: an inserted value needs a space first. */
  needsSpace: boolean;
  /** The value is quoted at the cursor (`'` or `"` before the word). */
  quote?: '"' | "'";
  reference?: ReferenceCursor;
  phase?: PhaseModel;
  step?: StepModel;
  workflowStep?: WorkflowStep;
}

interface LineShape {
  indent: number;
  /** Columns of the `- ` markers, left to right. */
  dashes: number[];
  /** Column where the content after the markers starts. */
  contentColumn: number;
  key?: string;
  keyColumn?: number;
  /** Text after `key:`, comment removed, trimmed. */
  afterColon?: string;
  blank: boolean;
}

const KEY_LINE = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}][^#]*?)):(?=\s|$)(.*)$/;

function shapeOf(line: string): LineShape {
  const indent = line.length - line.trimStart().length;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { indent, dashes: [], contentColumn: indent, blank: true };
  const dashes: number[] = [];
  let column = indent;
  while (line[column] === '-' && (line[column + 1] === ' ' || line[column + 1] === undefined || line[column + 1] === '\t')) {
    dashes.push(column);
    column += 1;
    while (line[column] === ' ') column++;
  }
  const rest = line.slice(column);
  const key = KEY_LINE.exec(rest);
  if (!key) return { indent, dashes, contentColumn: column, blank: false };
  return { indent, dashes, contentColumn: column, key: unquote(key[1].trim()), keyColumn: column, afterColon: stripComment(key[2]).trim(), blank: false };
}

function unquote(text: string): string {
  if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) return text.slice(1, -1);
  return text;
}

function stripComment(text: string): string {
  const at = text.search(/(^|\s)#/);
  return at >= 0 ? text.slice(0, at) : text;
}

/** `{{ ... }}` or `$.path` being written at the cursor, within the line. */
function referenceAt(before: string, after: string, lineStart: number, workflow: boolean): ReferenceCursor | undefined {
  const open = before.lastIndexOf('{{');
  if (open >= 0 && open > before.lastIndexOf('}}')) {
    const inside = before.slice(open + 2);
    const prefix = inside.trimStart();
    const start = lineStart + open + 2 + (inside.length - prefix.length);
    const rest = /^([^{}\s'"]*)\s*(\}\})?/.exec(after)!;
    return { syntax: 'template', prefix, start, end: lineStart + before.length + rest[1].length, closed: rest[2] !== undefined };
  }
  if (!workflow) return undefined;
  const path = /(?:^|[\s'"{:,[])(\$(?:[.[][^\s'"{}]*)?)$/.exec(before);
  if (!path) return undefined;
  const rest = /^[^\s'"{},]*/.exec(after)![0];
  const start = lineStart + before.length - path[1].length;
  return { syntax: 'jsonpath', prefix: path[1], start, end: lineStart + before.length + rest.length, closed: false };
}

/** Context at `offset`, read from the text around it; works on half-typed documents. */
export function cursorAt(analysis: Analysis, offset: number): CursorContext {
  const { text, lines } = analysis;
  offset = Math.max(0, Math.min(offset, text.length));
  const position = lines.positionAt(offset);
  const lineStart = offset - position.character;
  const lineText = text.slice(lineStart, lines.lineEnd(position.line));
  const before = lineText.slice(0, position.character);
  const after = lineText.slice(position.character);
  const current = shapeOf(before);

  const base = { offset, siblings: [] as string[], needsSpace: false };
  const reference = referenceAt(before, after, lineStart, analysis.kind === 'workflow');

  // Which mapping column the cursor belongs to, and what it is typing there.
  let role: CursorRole;
  let column: number;
  let word = '';
  let key: string | undefined;
  let wordStart = offset;
  let quote: CursorContext['quote'];
  if (current.key !== undefined && current.keyColumn !== undefined) {
    role = 'value';
    column = current.keyColumn;
    key = current.key;
    const colon = current.keyColumn + KEY_LINE.exec(before.slice(current.keyColumn))![1].length;
    const valueText = before.slice(colon + 1);
    const leading = valueText.length - valueText.trimStart().length;
    base.needsSpace = leading === 0;
    word = valueText.trimStart();
    wordStart = lineStart + colon + 1 + leading;
    if (word.startsWith('"') || word.startsWith("'")) {
      quote = word[0] as '"' | "'";
      word = word.slice(1);
      wordStart++;
    }
  } else if (before.trim() === '' && current.dashes.length === 0) {
    role = 'key';
    column = position.character;
  } else if (/^[^\s:#'"{}[\]][^\s:#{}[\]]*$|^$/.test(before.slice(current.contentColumn))) {
    // A bare word may be a key or a list item; the schema at the path tells completion which.
    role = 'key';
    column = current.contentColumn;
    word = before.slice(current.contentColumn);
    wordStart = lineStart + current.contentColumn;
  } else {
    role = 'item';
    column = current.contentColumn;
    word = before.slice(current.contentColumn);
    wordStart = lineStart + current.contentColumn;
  }
  if (/(^|\s)#/.test(stripQuoted(before))) role = 'comment';

  // Ancestors, read upwards by indentation.
  interface Frame { kind: 'key' | 'item'; key?: string; column: number; index: number }
  const frames: Frame[] = [];
  let limit = column;
  const siblings = new Set<string>();
  const itemDashes = current.dashes.filter((d) => d < column);
  const openItem: Frame[] = [];
  for (const dash of [...itemDashes].reverse()) {
    const frame: Frame = { kind: 'item', column: dash, index: 0 };
    frames.push(frame);
    openItem.push(frame);
    limit = dash;
  }
  const startsItem = itemDashes.length > 0;
  for (let line = position.line - 1; line >= 0; line--) {
    // Lines deeper than every open frame change nothing: skip them without reading them.
    const quick = quickIndent(text, lines, line);
    if (quick === -1 || (quick !== undefined && quick > limit && openItem.every((f) => quick > f.column))) continue;
    const shape = shapeOf(lineOf(text, lines, line));
    if (shape.blank) continue;
    // Another item of a list the cursor is in counts towards its index.
    for (const frame of openItem) if (shape.dashes.includes(frame.column) && shape.indent <= frame.column) frame.index++;
    if (shape.indent >= limit) {
      if (frames.length === 0 && !startsItem && shape.keyColumn === limit && shape.key !== undefined && shape.dashes.length === 0) siblings.add(shape.key);
      continue;
    }
    // From the right: the key, then the list markers before it.
    const opensBlock = shape.afterColon === '' || /^[|>]|^&\S+$|^!\S+$/.test(shape.afterColon ?? '');
    if (shape.key !== undefined && shape.keyColumn !== undefined && shape.keyColumn < limit && !opensBlock) {
      // Deeper than a key with a value on its line: a continuation of that value, so the key
      // belongs to the cursor's own mapping.
      if (frames.length === 0 && !startsItem) siblings.add(shape.key);
      limit = shape.keyColumn;
    } else if (shape.key !== undefined && shape.keyColumn !== undefined && shape.keyColumn < limit) {
      frames.push({ kind: 'key', key: shape.key, column: shape.keyColumn, index: 0 });
      openItem.length = 0;
      limit = shape.keyColumn;
    } else if (shape.key !== undefined && shape.keyColumn === limit && frames.length === 0 && !startsItem) {
      // The first key of the item the cursor's mapping is: `- name: x` above the cursor.
      siblings.add(shape.key);
    }
    const markers = shape.dashes.filter((d) => d < limit).reverse();
    for (const dash of markers) {
      const frame: Frame = { kind: 'item', column: dash, index: 0 };
      frames.push(frame);
      openItem.push(frame);
      limit = dash;
    }
    if (limit === 0 && frames.length > 0 && frames[frames.length - 1].kind === 'key') break;
  }
  // Keys after the cursor in the same mapping are siblings too.
  if (role === 'key' || role === 'value') {
    for (let line = position.line + 1; line < lines.lineCount; line++) {
      const quick = quickIndent(text, lines, line);
      if (quick === -1 || (quick !== undefined && quick > column)) continue;
      const shape = shapeOf(lineOf(text, lines, line));
      if (shape.blank) continue;
      if (shape.indent < column) break;
      if (shape.keyColumn === column && shape.key !== undefined && shape.dashes.length === 0) siblings.add(shape.key);
    }
  }
  if (role === 'key' && word) siblings.delete(word);

  const path: PathSegment[] = [];
  for (const frame of frames.reverse()) path.push(frame.kind === 'key' ? frame.key! : frame.index);
  if (role === 'value' && key !== undefined) path.push(key);

  // The end of the word after the cursor, so accepting an item replaces all of it.
  const tail = role === 'value' || role === 'item'
    ? /^[^#]*?(?=\s*(#|$))/.exec(after)![0].replace(/['"]$/, '')
    : /^[^\s:]*/.exec(after)![0];
  const replaceStart = reference ? reference.start : wordStart;
  const replaceEnd = reference ? reference.end : offset + tail.length;
  const context: CursorContext = {
    ...base,
    role: reference ? 'reference' : role,
    path,
    word,
    replaceStart,
    replaceEnd,
    replaceRange: lines.range(replaceStart, replaceEnd),
    key,
    siblings: [...siblings],
    column,
    quote,
    reference,
  };
  attachModels(analysis, context);
  return context;
}

function lineOf(text: string, lines: Analysis['lines'], line: number): string {
  const start = lines.offsetAt({ line, character: 0 });
  return text.slice(start, lines.lineEnd(line));
}

/**
 * A line's indentation counted in spaces without slicing it: -1 for a blank or comment line,
 * undefined when other whitespace starts it (then `shapeOf` reads it in full).
 */
function quickIndent(text: string, lines: Analysis['lines'], line: number): number | undefined {
  const start = lines.offsetAt({ line, character: 0 });
  const end = lines.lineEnd(line);
  let at = start;
  while (at < end && text.charCodeAt(at) === 32) at++;
  if (at === end || text[at] === '#') return -1;
  if (/\s/.test(text[at])) return undefined;
  return at - start;
}

function stripQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?/g, (m) => ' '.repeat(m.length));
}

/** The phase, step or workflow step a path runs through. */
export function attachModels(analysis: Analysis, context: Pick<CursorContext, 'path' | 'phase' | 'step' | 'workflowStep'>): void {
  const [first, index, second, stepIndex] = context.path;
  const component = analysis.component;
  if (component && first === 'phases' && typeof index === 'number') {
    context.phase = component.phases.find((p) => p.index === index);
    if (context.phase && second === 'steps' && typeof stepIndex === 'number') context.step = context.phase.steps.find((s) => s.index === stepIndex);
  }
  const workflow = analysis.workflow;
  if (workflow && first === 'steps' && typeof index === 'number') context.workflowStep = workflow.steps.find((s) => s.index === index);
}

export interface NodeContext {
  /** Path from the root to the node: for a key, the path ends with that key. */
  path: PathSegment[];
  role: 'key' | 'value' | 'item';
  node: Node;
  /** The pair whose key or value is at the offset. */
  pair?: Pair;
  key?: string;
  phase?: PhaseModel;
  step?: StepModel;
  workflowStep?: WorkflowStep;
}

/** The innermost scalar or key at `offset` in the syntax tree, with its path. */
export function nodeAt(analysis: Analysis, offset: number): NodeContext | undefined {
  const root = analysis.parsed.yaml?.contents as Node | null | undefined;
  if (!root) return undefined;
  const within = (node: Node | null | undefined) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];
  const path: PathSegment[] = [];
  let node: Node = root;
  let found: NodeContext | undefined;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(node)) {
      const pair = node.items[indexAt(node.items, offset, (p) => isPair(p) && (within(p.key as Node) || within(p.value as Node)))] as Pair<Node, Node | null> | undefined;
      if (!pair) return found;
      const key = keyText(pair);
      if (within(pair.key) && key !== undefined) return finish({ path: [...path, key], role: 'key', node: pair.key, pair, key });
      if (key === undefined || !pair.value) return found;
      path.push(key);
      if (isScalar(pair.value)) return finish({ path: [...path], role: 'value', node: pair.value, pair, key });
      found = { path: [...path], role: 'value', node: pair.value, pair, key };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = indexAt(node.items, offset, (item) => within(item as Node));
      if (index < 0) return found;
      path.push(index);
      const item = node.items[index] as Node;
      if (isScalar(item)) return finish({ path: [...path], role: 'item', node: item });
      node = item;
    } else {
      return found;
    }
  }
  return found;

  function finish(context: NodeContext): NodeContext {
    attachModels(analysis, context);
    return context;
  }
}

/**
 * Index of the first item of a mapping or list that `contains` the offset (-1: none), by binary
 * search: items are in source order, so only the last one starting at or before the offset and
 * the one before it (both may touch the offset) can. Items without a position: one by one.
 */
function indexAt<T>(items: readonly T[], offset: number, contains: (item: T) => boolean): number {
  const startOf = (item: T): number | undefined => {
    const node = (isPair(item) ? (item.key as Node | null) ?? (item.value as Node | null) : item) as Node | null;
    return node?.range?.[0];
  };
  let low = 0;
  let high = items.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = startOf(items[middle]);
    if (start === undefined) return items.findIndex(contains);
    if (start <= offset) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (last > 0 && contains(items[last - 1])) return last - 1;
  return last >= 0 && contains(items[last]) ? last : -1;
}
