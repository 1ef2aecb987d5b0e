/**
 * CloudFormation templates, YAML or JSON (CDK snapshots included): the `Data` of every
 * AWS::ImageBuilder::Component and AWS::ImageBuilder::Workflow resource, with the facts of the
 * resource. Both syntaxes go through the `yaml` library (JSON is YAML's flow style), with the
 * short-form intrinsic tags declared so that `!Sub`, `!Ref` and the rest are read, not reported.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { diagnostic } from '../diagnostics';
import { LineIndex } from '../text';
import type { Diagnostic, ValidateOptions } from '../types';
import { embeddedDocument, resourceFacts } from './document';
import { MappedText, MappedTextBuilder, opaqueValue } from './sourceMap';
import { substituteCloudFormation } from './substitutions';
import type { FoundDocuments, HostKind } from './types';
import { mapScalar } from './yamlScalar';

const INTRINSIC_TAGS = ['Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Select', 'FindInMap', 'ImportValue', 'Base64', 'Split',
  'GetAZs', 'Cidr', 'Condition', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString', 'ForEach',
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll'];
/** Each short form, as a scalar, a sequence and a mapping: the node keeps its tag, nothing is resolved. */
export const CLOUDFORMATION_TAGS = INTRINSIC_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

const DOCUMENT_TYPES: Record<string, 'component' | 'workflow'> = {
  'AWS::ImageBuilder::Component': 'component',
  'AWS::ImageBuilder::Workflow': 'workflow',
};

export function findCloudFormationDocuments(text: string, host: HostKind): FoundDocuments {
  const found: FoundDocuments = { host, documents: [], diagnostics: [] };
  // A template without Image Builder documents costs a text search, not a parse.
  if (!/AWS::ImageBuilder::(Component|Workflow)/.test(text)) return found;
  const lines = new LineIndex(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, logLevel: 'silent', prettyErrors: false, uniqueKeys: false }) as Document.Parsed;
  } catch (error) {
    found.diagnostics.push(diagnostic('host-syntax', lines.range(0, 0), `The template cannot be read: ${String(error)}`));
    return found;
  }
  for (const error of doc.errors.slice(0, 1)) {
    const [start, end] = error.pos;
    found.diagnostics.push(diagnostic('host-syntax', lines.range(start, Math.max(start + 1, end)),
      `The CloudFormation template is not valid ${host === 'cloudformation-json' ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}. Documents after this point may be missed.`));
  }
  const resources = isMap(doc.contents) ? doc.contents.get('Resources', true) : undefined;
  if (!isMap(resources)) return found;
  for (const pair of resources.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const logicalId = String(pair.key.value);
    const type = stringOf(pair.value.get('Type', true));
    const kind = type ? DOCUMENT_TYPES[type] : undefined;
    if (!kind) continue;
    const properties = pair.value.get('Properties', true);
    if (!isMap(properties)) continue;
    const data = propertyPair(properties, 'Data');
    if (!data) {
      const uri = propertyPair(properties, 'Uri');
      if (uri) found.diagnostics.push(uriNote(lines, uri, logicalId));
      continue;
    }
    const options = optionsOf(properties, kind);
    const mapped = readString(text, data.value as Node | null);
    if (!mapped) {
      const range = nodeRange(data.value as Node | null) ?? nodeRange(data.key as Node)!;
      found.diagnostics.push({ ...diagnostic('embedded-not-static', lines.range(range[0], range[1]),
        `The \`Data\` of ${logicalId} is computed by an intrinsic function that cannot be read before deployment; it is not checked.`), resource: logicalId });
      continue;
    }
    found.documents.push(embeddedDocument(logicalId, kind, mapped, options));
  }
  return found;
}

function optionsOf(properties: YAMLMap, kind: 'component' | 'workflow'): ValidateOptions {
  const platform = stringOf(properties.get('Platform', true));
  const workflowType = stringOf(properties.get('Type', true));
  const versions = properties.get('SupportedOsVersions', true);
  return resourceFacts(kind, {
    platform,
    workflowType,
    supportedOsVersions: isSeq(versions) ? versions.items.map(stringOf).filter((v): v is string => v !== undefined) : undefined,
  });
}

function propertyPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function uriNote(lines: LineIndex, pair: Pair, resource: string): Diagnostic {
  const range = nodeRange(pair.key as Node)!;
  return { ...diagnostic('embedded-uri', lines.range(range[0], range[1]),
    `${resource} takes its document from \`Uri\` (S3); it is not checked here. Lint the file that is uploaded there.`), resource };
}

/** A plain string value of a node: no tag, no intrinsic. */
function stringOf(node: unknown): string | undefined {
  if (!isScalar(node) || node.tag?.startsWith('!')) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

function nodeRange(node: Node | null | undefined, host?: string): [number, number] | undefined {
  if (!node?.range) return undefined;
  let start = node.range[0];
  // The library's range starts after a short-form tag; the opaque value covers `!Ref X` whole.
  if (host && node.tag?.startsWith('!')) {
    let before = start;
    while (before > 0 && /\s/.test(host[before - 1])) before--;
    if (host.slice(before - node.tag.length, before) === node.tag) start = before - node.tag.length;
  }
  return [start, node.range[1]];
}

/** The single `Fn::Name` key of an intrinsic in long form, or the short-form tag. */
function intrinsic(node: Node): { name: string; argument: Node | null } | undefined {
  if (node.tag?.startsWith('!')) return { name: node.tag.slice(1), argument: node };
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
    const key = String(node.items[0].key.value);
    if (key === 'Ref') return { name: 'Ref', argument: node.items[0].value as Node | null };
    if (key.startsWith('Fn::')) return { name: key.slice(4), argument: node.items[0].value as Node | null };
  }
  return undefined;
}

/**
 * A string-valued property as the text CloudFormation will produce: a string, `Fn::Sub` in
 * both forms, `Fn::Join` of such pieces; any other intrinsic is an opaque value.
 * Undefined when the whole value is computed.
 */
function readString(host: string, node: Node | null, nested = false): MappedText | undefined {
  if (!node) return undefined;
  const call = intrinsic(node);
  if (!call) {
    if (isScalar(node) && typeof node.value === 'string') return mapScalar(host, node as Scalar<string>);
    if (isScalar(node) && node.range && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
      return new MappedTextBuilder().copy(host, node.range[0], node.range[1]).build();
    }
    return undefined;
  }
  if (call.name === 'Sub') {
    const template = isSeq(call.argument) ? (call.argument.items[0] as Node | null) : call.argument;
    if (isScalar(template) && typeof template.value === 'string') {
      // The short form's argument is the tagged node itself; read it without the tag.
      const mapped = mapScalar(host, template as Scalar<string>);
      return mapped && substituteCloudFormation(mapped);
    }
    return nested ? opaque(host, node) : undefined;
  }
  if (call.name === 'Join' && isSeq(call.argument)) {
    const [delimiter, list] = call.argument.items as Array<Node | null>;
    if (!isSeq(list)) return nested ? opaque(host, node) : undefined;
    const separator = delimiter ? readString(host, delimiter, true) : undefined;
    const builder = new MappedTextBuilder();
    (list as YAMLSeq<Node | null>).items.forEach((piece, index) => {
      if (index > 0 && separator) builder.append(separator);
      const mapped = piece ? readString(host, piece, true) : undefined;
      if (mapped) builder.append(mapped);
      else if (piece) builder.append(opaque(host, piece)!);
    });
    return builder.build();
  }
  return nested ? opaque(host, node) : undefined;
}

/** An intrinsic between string pieces: one opaque value over its whole host span. */
function opaque(host: string, node: Node): MappedText | undefined {
  const range = nodeRange(node, host);
  if (!range) return undefined;
  const call = intrinsic(node);
  const hint = call ? `${call.name}_${isScalar(call.argument) ? String(call.argument.value) : ''}` : 'value';
  return new MappedTextBuilder().mapped(opaqueValue(hint), range[0], range[1], 'opaque').build();
}

