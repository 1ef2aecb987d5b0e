/**
 * Terraform files: the `data` of every aws_imagebuilder_component / aws_imagebuilder_workflow
 * resource (and the awscc_ equivalents), as a heredoc, a quoted string, yamlencode() /
 * jsonencode() of a value written in place, file() / templatefile() of a file next to the
 * module, a `local.` value or a conditional choosing one of those. The parse tree comes from
 * tree-sitter, so a resource inside a comment is not a resource, and a syntax error elsewhere
 * does not hide the documents.
 */
import { posix, win32 } from 'node:path';
import { diagnostic } from '../../diagnostics';
import { LineIndex } from '../../text';
import type { Diagnostic } from '../../types';
import { embeddedDocument, resourceFacts } from '../document';
import { MappedTextBuilder, type MappedText } from '../sourceMap';
import type { EmbeddedDocument, FindOptions, FoundDocuments } from '../types';
import { encode, heredocContent, unwrap } from './encode';
import { parseHcl, type SyntaxNode } from './parser';
import { renderTemplate, renderTemplateFile } from './template';

const RESOURCE_KINDS: Record<string, 'component' | 'workflow'> = {
  aws_imagebuilder_component: 'component',
  aws_imagebuilder_workflow: 'workflow',
  awscc_imagebuilder_component: 'component',
  awscc_imagebuilder_workflow: 'workflow',
};
const MAX_INDIRECTION = 8;
const RESOURCE_START = /^[ \t]*resource\s+"(aws|awscc)_imagebuilder_(component|workflow)"/gm;

interface Context {
  host: string;
  path: string;
  lines: LineIndex;
  options: FindOptions;
  locals: Map<string, { node: SyntaxNode; host: string; path: string }>;
  siblingsRead: boolean;
  found: FoundDocuments;
  /** The `data` expression of the resource being read, in the host. */
  data?: SyntaxNode;
}

export function findTerraformDocuments(text: string, path: string, options: FindOptions): FoundDocuments {
  const found: FoundDocuments = { host: 'terraform', documents: [], diagnostics: [] };
  // A file without Image Builder resources costs a text search, not a parse.
  if (!/imagebuilder_(component|workflow)/.test(text)) return found;
  const lines = new LineIndex(text);
  const { root, failure } = parseHcl(text);
  if (!root) {
    found.diagnostics.push(diagnostic('host-syntax', lines.range(0, 0),
      `Terraform files cannot be read on this machine: the tree-sitter HCL parser did not load (${failure}).`, undefined, 'warning'));
    return found;
  }
  const context: Context = { host: text, path, lines, options, locals: new Map(), siblingsRead: false, found };
  collectLocals(root, text, path, context.locals);
  const resources = topLevelBlocks(root).filter((b) => b.type === 'resource' && RESOURCE_KINDS[b.labels[0]]);
  if (root.hasError && text.search(RESOURCE_START) >= 0) {
    reportSyntaxError(root, context);
    resources.push(...recoverResources(text, root, resources));
  }
  for (const resource of resources) {
    const [type, name] = resource.labels;
    const kind = RESOURCE_KINDS[type];
    const address = `${type}.${name}`;
    const attributes = attributesOf(resource.body);
    const facts = resourceFacts(kind, {
      platform: literalString(attributes.get('platform'), text),
      workflowType: literalString(attributes.get('type'), text),
      supportedOsVersions: literalList(attributes.get('supported_os_versions'), text),
    });
    const data = attributes.get('data');
    if (!data) {
      const uri = attributes.get('uri');
      if (uri) found.diagnostics.push(note('embedded-uri', lines, uri.parent?.namedChildren[0] ?? uri, address,
        `${address} takes its document from \`uri\` (S3); it is not checked here. Lint the file that is uploaded there.`));
      continue;
    }
    context.data = data;
    readData(data, { host: text, path }, address, kind, facts, context, 0);
  }
  return found;
}

interface Source {
  host: string;
  path: string;
}

/** Follows the data expression to the document(s) it produces. */
function readData(expression: SyntaxNode, source: Source, address: string, kind: 'component' | 'workflow',
  facts: EmbeddedDocument['options'], context: Context, depth: number): boolean {
  const node = unwrapAll(expression);
  const inHost = source.host === context.host;
  const push = (mapped: MappedText) => {
    if (inHost) context.found.documents.push(embeddedDocument(address, kind, mapped, facts));
    else notStatic(expression, source, address, context);
    return true;
  };
  switch (node.type) {
    case 'heredoc_template': {
      const { start, end } = heredocContent(source.host, node);
      const flush = node.namedChildren[0]?.text === '<<-';
      return push(renderTemplate(source.host, start, end, node, flush ? 'flush-heredoc' : 'heredoc'));
    }
    case 'string_lit':
    case 'quoted_template':
      return push(renderTemplate(source.host, node.startIndex + 1, node.endIndex - 1, node, 'quoted'));
    case 'function_call': {
      const name = node.namedChildren[0]?.text;
      const args = argumentsOf(node);
      if ((name === 'yamlencode' || name === 'jsonencode') && args[0]) {
        return push(encode(args[0], name === 'jsonencode' ? 'json' : 'yaml', { host: source.host, readFileCall: (call) => readFileCall(call, source, context) }));
      }
      if ((name === 'file' || name === 'templatefile') && args[0]) return readExternal(node, args[0], name, source, address, kind, facts, context);
      break;
    }
    case 'conditional': {
      // `var.uri == null ? local.data : null`: the first branch that holds a document.
      const branches = node.namedChildren.filter((c) => c.type === 'expression').slice(1);
      for (const branch of branches) {
        if (unwrapAll(branch).type === 'null_lit') continue;
        const notes = context.found.diagnostics.length;
        if (readData(branch, source, address, kind, facts, context, depth + 1)) return true;
        context.found.diagnostics.length = notes; // one note for the whole expression, below
      }
      break;
    }
    default: {
      const local = localName(node);
      if (local && depth < MAX_INDIRECTION) {
        const definition = findLocal(local, context);
        if (definition) return readData(definition.node, { host: definition.host, path: definition.path }, address, kind, facts, context, depth + 1);
      }
    }
  }
  notStatic(expression, source, address, context);
  return false;
}

function notStatic(expression: SyntaxNode, source: Source, address: string, context: Context): void {
  // A note about a local defined in another file points at the resource's own `data`.
  const inHost = source.host === context.host;
  const at = inHost ? expression : context.data ?? expression;
  const range = inHost || context.data ? context.lines.range(at.startIndex, at.endIndex) : context.lines.range(0, 0);
  context.found.diagnostics.push({ ...diagnostic('embedded-not-static', range,
    `The \`data\` of ${address} is computed (\`${oneLine(expression.text)}\`) and cannot be read before \`terraform apply\`; it is not checked.`), resource: address });
}

/** file(path) / templatefile(path, vars): the document is that file, checked with the resource's facts. */
function readExternal(call: SyntaxNode, pathArgument: SyntaxNode, name: string, source: Source, address: string,
  kind: 'component' | 'workflow', facts: EmbeddedDocument['options'], context: Context): boolean {
  const { readFile, listDirectory } = context.options;
  // Where the host refers to the file: the call, or the resource's `data` when the call sits in another .tf file.
  const at = source.host === context.host ? call : context.data ?? call;
  const reference = { start: at.startIndex, end: at.endIndex };
  const pattern = pathPattern(pathArgument, source);
  if (!pattern) {
    notStatic(call, source, address, context);
    return false;
  }
  let targets: Array<{ path: string; key?: string }> = [];
  if (!pattern.wildcard) targets = [{ path: pattern.path }];
  else {
    const folder = pathModule(pattern.path).dirname(pattern.path);
    const base = pathModule(pattern.path).basename(pattern.path);
    const names = listDirectory?.(folder);
    const regex = new RegExp(`^${base.split('\u0000').map(escapeRegex).join('(.+)')}$`);
    for (const file of (names ?? []).sort()) {
      const match = regex.exec(file);
      if (match) targets.push({ path: pathModule(pattern.path).join(folder, file), key: match[1] });
    }
  }
  // Without a reader (an editor that only has this buffer) the file is somebody else's to check.
  if (!readFile || (pattern.wildcard && !listDirectory)) return true;
  if (targets.length === 0) {
    context.found.diagnostics.push({ ...diagnostic('embedded-file-missing', context.lines.range(reference.start, reference.end),
      `${address} reads its document from \`${oneLine(pathArgument.text)}\`, which matches no file; it is not checked.`), resource: address });
    return true;
  }
  for (const target of targets) {
    const resource = target.key === undefined ? address : `${address}["${target.key}"]`;
    const content = readFile(target.path);
    if (content === undefined) {
      context.found.diagnostics.push({ ...diagnostic('embedded-file-missing', context.lines.range(reference.start, reference.end),
        `${resource} reads its document from ${target.path}, which cannot be read; it is not checked.`), resource });
      continue;
    }
    // file() returns the content as it is; templatefile() renders it first.
    const mapped = name === 'templatefile' ? renderTemplateFile(content) : undefined;
    // The file's own name, as for a stand-alone file (an ExecuteDocument step that runs itself).
    const options = { ...facts, fileName: pathModule(target.path).basename(target.path) };
    const external = { path: target.path, text: content, referenceRange: reference };
    const document = embeddedDocument(resource, kind, mapped ?? wholeFile(content), options, external);
    context.found.documents.push(document);
  }
  return true;
}

function wholeFile(content: string): MappedText {
  return new MappedTextBuilder().copy(content, 0, content.length).build();
}

/** The file a path argument names, relative to the .tf file; `${each.key}`-like parts become wildcards. */
function pathPattern(argument: SyntaxNode, source: Source): { path: string; wildcard: boolean } | undefined {
  const node = unwrapAll(argument);
  if (node.type !== 'string_lit' && node.type !== 'quoted_template') return undefined;
  let text = '';
  let wildcard = false;
  const contentStart = node.startIndex + 1;
  let at = contentStart;
  for (const part of node.namedChildren) {
    if (part.type !== 'template_interpolation') continue;
    text += source.host.slice(at, part.startIndex);
    const expression = part.text.slice(2, -1).trim();
    if (/^path\.(module|root|cwd)$/.test(expression)) text += '.';
    else {
      text += '\u0000';
      wildcard = true;
    }
    at = part.endIndex;
  }
  text += source.host.slice(at, node.endIndex - 1);
  if (wildcard && pathModule(source.path).dirname(text).includes('\u0000')) return undefined;
  const paths = pathModule(source.path);
  const folder = paths.dirname(source.path);
  return { path: paths.isAbsolute(text) ? text : paths.join(folder, text), wildcard };
}

function pathModule(path: string) {
  return /\\/.test(path) && !path.includes('/') ? win32 : posix;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readFileCall(call: SyntaxNode, source: Source, context: Context): string | undefined {
  const [argument] = argumentsOf(call);
  const pattern = argument && pathPattern(argument, source);
  if (!pattern || pattern.wildcard) return undefined;
  return context.options.readFile?.(pattern.path);
}

/**
 * Resources that a syntax error above them swallowed (tree-sitter's recovery can read the rest
 * of a file as one broken expression): each is parsed again with everything before it blanked
 * out, which keeps every offset the same.
 */
function recoverResources(text: string, root: SyntaxNode, found: Block[]): Block[] {
  const recovered: Block[] = [];
  const starts = new Set(found.map((b) => b.start));
  for (const match of text.matchAll(RESOURCE_START)) {
    const start = (match.index ?? 0) + match[0].length - match[0].trimStart().length;
    if (starts.has(start) || root.descendantForIndex(start).type === 'comment') continue;
    const masked = text.slice(0, start).replace(/[^\n]/g, ' ') + text.slice(start);
    const { root: again } = parseHcl(masked);
    // One parse recovers this resource and the well-formed ones after it.
    for (const block of again ? topLevelBlocks(again) : []) {
      if (block.start < start || starts.has(block.start) || block.type !== 'resource' || !RESOURCE_KINDS[block.labels[0]]) continue;
      if (block.start > start && again!.descendantForIndex(block.start, block.body?.endIndex ?? block.start).hasError) continue;
      recovered.push(block);
      starts.add(block.start);
    }
  }
  return recovered;
}

interface Block {
  start: number;
  type: string;
  labels: string[];
  body: SyntaxNode | undefined;
}

function topLevelBlocks(root: SyntaxNode): Block[] {
  const body = root.namedChildren.find((c) => c.type === 'body');
  if (!body) return [];
  return body.namedChildren.filter((c) => c.type === 'block').map((block) => ({
    start: block.startIndex,
    type: block.namedChildren[0]?.text ?? '',
    labels: block.namedChildren.filter((c) => c.type === 'string_lit' || c.type === 'identifier').slice(1).map((c) => (c.type === 'string_lit' ? c.text.slice(1, -1) : c.text)),
    body: block.namedChildren.find((c) => c.type === 'body'),
  }));
}

/** name -> the attribute's expression node. */
function attributesOf(body: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const map = new Map<string, SyntaxNode>();
  for (const attribute of body?.namedChildren ?? []) {
    if (attribute.type !== 'attribute') continue;
    const name = attribute.namedChildren[0]?.text;
    const expression = attribute.namedChildren.find((c) => c.type === 'expression');
    if (name && expression && !map.has(name)) map.set(name, expression);
  }
  return map;
}

function collectLocals(root: SyntaxNode, host: string, path: string, into: Context['locals']): void {
  for (const block of topLevelBlocks(root)) {
    if (block.type !== 'locals') continue;
    for (const [name, node] of attributesOf(block.body)) if (!into.has(name)) into.set(name, { node, host, path });
  }
}

/** A local of this file, or of another .tf file in the same folder (one module). */
function findLocal(name: string, context: Context) {
  const own = context.locals.get(name);
  if (own || context.siblingsRead) return own;
  context.siblingsRead = true;
  const paths = pathModule(context.path);
  const folder = paths.dirname(context.path);
  const self = paths.basename(context.path);
  for (const file of context.options.listDirectory?.(folder) ?? []) {
    if (!/\.tf$/.test(file) || file === self) continue;
    const path = paths.join(folder, file);
    const text = context.options.readFile?.(path);
    if (!text || !text.includes('locals')) continue;
    const { root } = parseHcl(text);
    if (root) collectLocals(root, text, path, context.locals);
  }
  return context.locals.get(name);
}

function localName(node: SyntaxNode): string | undefined {
  // `local.name` is a variable_expr `local` followed by a get_attr `.name`, siblings in an expression.
  const parent = node.type === 'variable_expr' ? node.parent : node;
  const children = parent?.namedChildren ?? [];
  if (children.length === 2 && children[0].type === 'variable_expr' && children[0].text === 'local' && children[1].type === 'get_attr') {
    return children[1].text.replace(/^\./, '').trim();
  }
  return undefined;
}

function unwrapAll(node: SyntaxNode): SyntaxNode {
  let current = unwrap(node);
  // `(expr)` parentheses.
  while (current.type === 'expression' && current.namedChildCount === 1) current = unwrap(current.namedChildren[0]);
  return current;
}

function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const list = call.namedChildren.find((c) => c.type === 'function_arguments');
  return list ? list.namedChildren.filter((c) => c.type === 'expression') : [];
}

function literalString(node: SyntaxNode | undefined, host: string): string | undefined {
  if (!node) return undefined;
  const inner = unwrapAll(node);
  if (inner.type !== 'string_lit' && inner.type !== 'quoted_template') return undefined;
  if (inner.namedChildren.some((c) => c.type === 'template_interpolation' || c.type === 'template_directive')) return undefined;
  return renderTemplate(host, inner.startIndex + 1, inner.endIndex - 1, inner, 'quoted').text;
}

function literalList(node: SyntaxNode | undefined, host: string): string[] | undefined {
  if (!node) return undefined;
  const inner = unwrapAll(node);
  if (inner.type !== 'tuple') return undefined;
  return inner.namedChildren.filter((c) => c.type === 'expression').map((c) => literalString(c, host)).filter((v): v is string => v !== undefined);
}

function reportSyntaxError(root: SyntaxNode, context: Context): void {
  const error = firstError(root);
  if (!error) return;
  context.found.diagnostics.push(diagnostic('host-syntax', context.lines.range(error.startIndex, Math.max(error.startIndex + 1, error.endIndex)),
    'Terraform syntax error: this cannot be read as HCL (the Image Builder documents after it are still checked).'));
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (!child.hasError && !child.isMissing) continue;
    const found = firstError(child);
    if (found) return found;
  }
  return undefined;
}

function note(code: 'embedded-uri', lines: LineIndex, node: SyntaxNode, resource: string, message: string): Diagnostic {
  return { ...diagnostic(code, lines.range(node.startIndex, node.endIndex), message), resource };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
