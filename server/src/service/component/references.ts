/**
 * Finds `{{ ... }}` references in a component document and classifies what each one names.
 * Offsets come from the source text of each scalar, so ranges are exact even in block scalars.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Scalar, type YAMLMap } from 'yaml';

export interface ReferenceOccurrence {
  /** Text between the braces, trimmed. */
  expression: string;
  /** Offsets of the whole `{{ ... }}` in the document text. */
  start: number;
  end: number;
  /** The scalar holding it; none for an unquoted `{{ x }}` that YAML read as a mapping. */
  scalar: Scalar | undefined;
}

export type Reference =
  | { kind: 'variable'; name: string }
  | { kind: 'loop'; loop: string; property: 'index' | 'value' }
  | { kind: 'chaining'; phase: string; step: string; section: 'inputs' | 'outputs'; index?: number; key: string }
  | { kind: 'ssm'; name: string; resolveArgument?: string }
  | { kind: 'env'; name: string }
  | { kind: 'imds'; path: string }
  | { kind: 'context'; key: string }
  | { kind: 'goTemplate'; name: string }
  | { kind: 'unknownNamespace'; namespace: string }
  | { kind: 'malformed' };

const OCCURRENCE = /\{\{([^{}]*)\}\}/g;
const CHAINING = /^([^.\s[\]]+)\.([^.\s[\]]+)\.(inputs|outputs)(?:\[(\d+)\])?\.([^\s[\]]+)$/;
const LOOP = /^([^.\s]+)\.(index|value)$/;
const NAME = /^[^.\s:{}]+$/;

/** Every reference in the scalars below `node`, with its offsets. */
export function findReferences(node: Node | null | undefined, text: string): ReferenceOccurrence[] {
  const found: ReferenceOccurrence[] = [];
  if (!node) return found;
  const scan = (scalar: Scalar) => {
    if (typeof scalar.value !== 'string' || !scalar.range || !scalar.value.includes('{{')) return;
    const [start, end] = scalar.range;
    const source = text.slice(start, end);
    for (const match of source.matchAll(OCCURRENCE)) {
      const at = start + (match.index ?? 0);
      found.push({ expression: match[1].trim(), start: at, end: at + match[0].length, scalar });
    }
  };
  if (isScalar(node)) scan(node);
  else if (isMap(node) || isSeq(node)) visit(node as never, { Scalar: (_k: unknown, s: Scalar) => scan(s) } as never);
  return found;
}

/**
 * `key: {{ x }}` unquoted: YAML reads a flow mapping whose only key is another flow mapping
 * (L23). The mappings below `node` that have this shape, outermost first.
 */
export function findUnquotedReferences(node: Node | null | undefined): YAMLMap[] {
  const found: YAMLMap[] = [];
  if (!node || isScalar(node)) return found;
  if (isUnquotedReference(node)) return [node];
  visit(node as never, {
    Map: (_key: unknown, map: unknown) => {
      if (isUnquotedReference(map)) {
        found.push(map);
        return visit.SKIP;
      }
      return undefined;
    },
  } as never);
  return found;
}

function isUnquotedReference(candidate: unknown): candidate is YAMLMap {
  return isMap(candidate) && candidate.flow === true && candidate.items.length === 1 && isPair(candidate.items[0])
    && isMap(candidate.items[0].key) && (candidate.items[0].key as { flow?: boolean }).flow === true;
}

/** The `{{ ... }}` occurrences written in the source of unquoted-reference mappings. */
export function findUnquotedOccurrences(node: Node | null | undefined, text: string): ReferenceOccurrence[] {
  const found: ReferenceOccurrence[] = [];
  for (const map of findUnquotedReferences(node)) {
    if (!map.range) continue;
    const [start, end] = map.range;
    for (const match of text.slice(start, end).matchAll(OCCURRENCE)) {
      const at = start + (match.index ?? 0);
      found.push({ expression: match[1].trim(), start: at, end: at + match[0].length, scalar: undefined });
    }
  }
  return found;
}

export function classify(expression: string): Reference {
  if (expression.startsWith('.')) return { kind: 'goTemplate', name: expression.slice(1).trim() };
  const namespace = /^(aws:ssm|aws:imds|env|context):(.*)$/s.exec(expression);
  if (namespace) {
    const rest = namespace[2].trim();
    switch (namespace[1]) {
      case 'aws:ssm': {
        const resolveCall = /^resolve\((.*)\)$/s.exec(rest);
        return resolveCall ? { kind: 'ssm', name: rest, resolveArgument: resolveCall[1].trim() } : { kind: 'ssm', name: rest };
      }
      case 'aws:imds':
        return { kind: 'imds', path: rest };
      case 'env':
        return { kind: 'env', name: rest };
      default:
        return { kind: 'context', key: rest };
    }
  }
  const chaining = CHAINING.exec(expression);
  if (chaining) {
    return {
      kind: 'chaining',
      phase: chaining[1],
      step: chaining[2],
      section: chaining[3] as 'inputs' | 'outputs',
      index: chaining[4] === undefined ? undefined : Number(chaining[4]),
      key: chaining[5],
    };
  }
  const loop = LOOP.exec(expression);
  if (loop) return { kind: 'loop', loop: loop[1], property: loop[2] as 'index' | 'value' };
  // `aws:secretsmanager:x` names the namespace `aws:secretsmanager`, not `aws`.
  const unknown = /^(aws:[\w-]+|[a-z][\w-]*):/i.exec(expression);
  if (unknown) return { kind: 'unknownNamespace', namespace: unknown[1] };
  if (NAME.test(expression)) return { kind: 'variable', name: expression };
  return { kind: 'malformed' };
}
