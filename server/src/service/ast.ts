/** Small, total helpers over the `yaml` syntax tree: they never throw on odd input. */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex } from './text';
import type { Range } from './types';

export type AnyNode = Node | null | undefined;

/** Follows an alias to the node it names; other nodes are returned as they are. */
export function resolve(node: unknown, doc: Document | undefined): AnyNode {
  if (isAlias(node) && doc) {
    try {
      return (node as Alias).resolve(doc) as AnyNode;
    } catch {
      return undefined;
    }
  }
  return node as AnyNode;
}

export function asMap(node: unknown, doc?: Document): YAMLMap | undefined {
  const resolved = resolve(node, doc);
  return isMap(resolved) ? resolved : undefined;
}

export function asSeq(node: unknown, doc?: Document): YAMLSeq | undefined {
  const resolved = resolve(node, doc);
  return isSeq(resolved) ? resolved : undefined;
}

export function asScalar(node: unknown, doc?: Document): Scalar | undefined {
  const resolved = resolve(node, doc);
  return isScalar(resolved) ? resolved : undefined;
}

/** The key of a pair as text (`undefined` for complex keys). */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

export function findPair(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && keyText(item) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

export function getNode(map: YAMLMap | undefined, key: string, doc?: Document): AnyNode {
  const pair = findPair(map, key);
  return pair ? resolve(pair.value, doc) : undefined;
}

/** The text of a scalar that holds a string or number; `undefined` for anything else. */
export function scalarText(node: unknown, doc?: Document): string | undefined {
  const scalar = asScalar(node, doc);
  if (!scalar) return undefined;
  const value = scalar.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return scalar.source ?? String(value);
  return undefined;
}

export function stringValue(node: unknown, doc?: Document): string | undefined {
  const scalar = asScalar(node, doc);
  return scalar && typeof scalar.value === 'string' ? scalar.value : undefined;
}

/** Source range of a node (its value part, without trailing comments). */
export function nodeRange(lines: LineIndex, node: AnyNode | Pair): Range {
  if (isPair(node)) {
    const key = node.key as Node | null;
    if (key?.range) return lines.range(key.range[0], key.range[1]);
  }
  const range = (node as Node | null | undefined)?.range;
  if (!range) return lines.range(0, 0);
  return lines.range(range[0], range[1]);
}

/** Range of a pair's key, or of its value when the key has no position. */
export function keyRange(lines: LineIndex, pair: Pair): Range {
  return nodeRange(lines, (pair.key as Node | null) ?? (pair.value as Node | null));
}

/**
 * Range of a pair's value; its key when the value is empty (`key:` with nothing after it) or a
 * block collection spanning lines, where the key is what a reader looks at.
 */
export function valueRange(lines: LineIndex, pair: Pair): Range {
  const value = pair.value as Node | null;
  if (!value?.range || value.range[1] <= value.range[0]) return keyRange(lines, pair);
  const range = nodeRange(lines, value);
  if ((isMap(value) || isSeq(value)) && range.end.line > range.start.line) return keyRange(lines, pair);
  return range;
}

/** A node's range cut to its first line, for collections that span many lines. */
export function firstLineRange(lines: LineIndex, node: AnyNode): Range {
  const range = nodeRange(lines, node);
  if (range.end.line === range.start.line) return range;
  const end = lines.lineEnd(range.start.line);
  let trimmed = end;
  while (trimmed > 0 && /\s/.test(lines.text[trimmed - 1])) trimmed--;
  return { start: range.start, end: lines.positionAt(Math.max(trimmed, lines.offsetAt(range.start))) };
}

/** Where to report a problem about a whole mapping: its `name` value, else its first key. */
export function mappingAnchor(lines: LineIndex, map: YAMLMap): Range {
  const name = findPair(map, 'name');
  if (name) return valueRange(lines, name);
  const first = map.items.find(isPair);
  if (first) return keyRange(lines, first);
  return firstLineRange(lines, map);
}

export function pairsOf(node: unknown, doc?: Document): Pair<Node, Node | null>[] {
  const map = asMap(node, doc);
  return map ? (map.items.filter(isPair) as Pair<Node, Node | null>[]) : [];
}

export function itemsOf(node: unknown, doc?: Document): AnyNode[] {
  const seq = asSeq(node, doc);
  return seq ? seq.items.map((item) => resolve(item, doc)) : [];
}
