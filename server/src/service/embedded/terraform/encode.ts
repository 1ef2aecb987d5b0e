/**
 * `yamlencode({...})` and `jsonencode({...})` of an HCL value written in place: the YAML or
 * JSON text Terraform produces (object keys sorted, as Terraform does), with every key and
 * value mapped to where it is written in the .tf file. Parts that are only known at apply
 * time (`var.x`, `${...}` in a string) are opaque values.
 */
import { MappedText, MappedTextBuilder, opaqueValue } from '../sourceMap';
import type { SyntaxNode } from './parser';
import { renderTemplate } from './template';

/** A value read from HCL: what it is, and where. */
type Value =
  | { type: 'scalar'; text: string; node: SyntaxNode }
  | { type: 'string'; value: MappedText; node: SyntaxNode }
  | { type: 'opaque'; node: SyntaxNode }
  | { type: 'list'; items: Value[]; node: SyntaxNode }
  | { type: 'object'; entries: Array<{ key: string; keyNode: SyntaxNode; value: Value }>; node: SyntaxNode };

export interface EncodeContext {
  host: string;
  /** The text of file("...") inside the value, when the adapter can read it. */
  readFileCall(call: SyntaxNode): string | undefined;
}

export function encode(expression: SyntaxNode, format: 'yaml' | 'json', context: EncodeContext): MappedText {
  const value = readValue(expression, context);
  const builder = new MappedTextBuilder();
  if (format === 'json') emitJson(builder, value);
  else emitYaml(builder, value, 0, context.host);
  return builder.build();
}

/** The expression below `expression` wrappers and parentheses. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (;;) {
    if ((current.type === 'expression' || current.type === 'collection_value' || current.type === 'literal_value' || current.type === 'template_expr') && current.namedChildCount === 1) {
      current = current.namedChildren[0];
    } else return current;
  }
}

function readValue(node: SyntaxNode, context: EncodeContext): Value {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'numeric_lit': {
      const number = Number(inner.text);
      return { type: 'scalar', text: Number.isFinite(number) ? String(number) : inner.text, node: inner };
    }
    case 'bool_lit':
    case 'null_lit':
      return { type: 'scalar', text: inner.text, node: inner };
    case 'string_lit':
    case 'quoted_template':
      return { type: 'string', value: renderTemplate(context.host, inner.startIndex + 1, inner.endIndex - 1, inner, 'quoted'), node: inner };
    case 'heredoc_template': {
      const flush = inner.namedChildren[0]?.text === '<<-';
      const { start, end } = heredocContent(context.host, inner);
      return { type: 'string', value: renderTemplate(context.host, start, end, inner, flush ? 'flush-heredoc' : 'heredoc'), node: inner };
    }
    case 'tuple':
      return { type: 'list', items: inner.namedChildren.filter((c) => c.type === 'expression').map((c) => readValue(c, context)), node: inner };
    case 'object': {
      const entries: Array<{ key: string; keyNode: SyntaxNode; value: Value }> = [];
      for (const element of inner.namedChildren.filter((c) => c.type === 'object_elem')) {
        const [keyNode, valueNode] = element.namedChildren.filter((c) => c.type === 'expression');
        if (!keyNode || !valueNode) continue;
        entries.push({ key: keyName(keyNode, context.host), keyNode, value: readValue(valueNode, context) });
      }
      // Terraform orders an object's attributes by name.
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return { type: 'object', entries, node: inner };
    }
    case 'function_call': {
      const name = inner.namedChildren[0]?.text;
      if (name === 'file') {
        const content = context.readFileCall(inner);
        if (content !== undefined) return { type: 'string', value: new MappedTextBuilder().mapped(content, inner.startIndex, inner.endIndex, 'generated').build(), node: inner };
      }
      return { type: 'opaque', node: inner };
    }
    default:
      return { type: 'opaque', node: inner };
  }
}

function keyName(node: SyntaxNode, host: string): string {
  const inner = unwrap(node);
  if (inner.type === 'string_lit' || inner.type === 'quoted_template') return renderTemplate(host, inner.startIndex + 1, inner.endIndex - 1, inner, 'quoted').text;
  return inner.text;
}

export function heredocContent(host: string, heredoc: SyntaxNode): { start: number; end: number } {
  const identifiers = heredoc.namedChildren.filter((c) => c.type === 'heredoc_identifier');
  const opening = identifiers[0];
  const closing = identifiers[identifiers.length - 1];
  let start = opening ? host.indexOf('\n', opening.endIndex) + 1 : heredoc.startIndex;
  if (start <= 0) start = heredoc.endIndex;
  let end = closing && closing !== opening ? host.lastIndexOf('\n', closing.startIndex - 1) + 1 : heredoc.endIndex;
  if (end < start) end = start;
  return { start, end };
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function emitYaml(builder: MappedTextBuilder, value: Value, indent: number, host: string, inList = false): void {
  const at = value.node.startIndex;
  const gen = (text: string) => builder.mapped(text, at, at, 'generated');
  if (value.type === 'object') {
    if (value.entries.length === 0) return void gen('{}\n');
    value.entries.forEach((entry, index) => {
      if (index > 0 || !inList) gen(' '.repeat(indent));
      builder.mapped(PLAIN_KEY.test(entry.key) ? entry.key : JSON.stringify(entry.key), entry.keyNode.startIndex, entry.keyNode.endIndex, 'generated');
      const child = entry.value;
      if ((child.type === 'object' && child.entries.length) || (child.type === 'list' && child.items.length)) {
        gen(':\n');
        emitYaml(builder, child, child.type === 'object' ? indent + 2 : indent, host);
      } else {
        gen(': ');
        emitYaml(builder, child, indent + 2, host);
      }
    });
    return;
  }
  if (value.type === 'list') {
    if (value.items.length === 0) return void gen('[]\n');
    for (const item of value.items) {
      gen(`${' '.repeat(indent)}- `);
      if (item.type === 'list' && item.items.length) {
        gen('\n');
        emitYaml(builder, item, indent + 2, host);
      } else emitYaml(builder, item, indent + 2, host, true);
    }
    return;
  }
  emitScalar(builder, value);
  gen('\n');
}

function emitJson(builder: MappedTextBuilder, value: Value): void {
  const at = value.node.startIndex;
  const gen = (text: string) => builder.mapped(text, at, at, 'generated');
  if (value.type === 'object') {
    gen('{');
    value.entries.forEach((entry, index) => {
      if (index) gen(',');
      builder.mapped(JSON.stringify(entry.key), entry.keyNode.startIndex, entry.keyNode.endIndex, 'generated');
      gen(':');
      emitJson(builder, entry.value);
    });
    return void gen('}');
  }
  if (value.type === 'list') {
    gen('[');
    value.items.forEach((item, index) => {
      if (index) gen(',');
      emitJson(builder, item);
    });
    return void gen(']');
  }
  emitScalar(builder, value);
}

/** A scalar as a double-quoted string (valid YAML and JSON), each character mapped to its source. */
function emitScalar(builder: MappedTextBuilder, value: Value): void {
  const { node } = value;
  if (value.type === 'scalar') return void builder.mapped(value.text, node.startIndex, node.endIndex, 'generated');
  if (value.type === 'opaque') return void builder.mapped(`"${opaqueValue(node.text)}"`, node.startIndex, node.endIndex, 'opaque');
  if (value.type !== 'string') return;
  const text = value.value;
  builder.mapped('"', node.startIndex, node.startIndex + 1, 'generated');
  let run = 0;
  for (let i = 0; i < text.text.length; i++) {
    const escaped = JSON.stringify(text.text[i]).slice(1, -1);
    if (escaped.length === 1) continue;
    builder.append(text, run, i);
    builder.mapped(escaped, text.toHost(i), text.toHostEnd(i + 1), 'escape');
    run = i + 1;
  }
  builder.append(text, run, text.text.length);
  builder.mapped('"', node.endIndex - 1, node.endIndex, 'generated');
}
