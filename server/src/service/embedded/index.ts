/**
 * Image Builder documents inside CloudFormation templates and Terraform files: find them,
 * validate each with the same service as a standalone document, and report every diagnostic at
 * its place in the host file (or in the file a file()/templatefile() call reads).
 */
import { diagnostic } from '../diagnostics';
import { MAX_TEXT_LENGTH } from '../parse';
import { LineIndex } from '../text';
import type { Diagnostic, DocumentKind } from '../types';
import { sortDiagnostics, validate } from '../validate';
import { findCloudFormationDocuments } from './cloudformation';
import { detectHost } from './detect';
import { findTerraformDocuments } from './terraform/documents';
import type { EmbeddedDocument, FindOptions, FoundDocuments, HostKind } from './types';

export { detectHost };
export type { EmbeddedDocument, FindOptions, FoundDocuments, HostKind };

export function findEmbeddedDocuments(text: string, path: string, options: FindOptions = {}): FoundDocuments {
  const host = detectHost(text, path);
  if (!host) return { documents: [], diagnostics: [] };
  if (text.length > MAX_TEXT_LENGTH) {
    return { host, documents: [], diagnostics: [diagnostic('document-too-large', new LineIndex(text).range(0, 0),
      `The file has ${text.length} characters; files over ${MAX_TEXT_LENGTH} are not searched for Image Builder documents.`)] };
  }
  if (host === 'terraform') return findTerraformDocuments(text, path, options);
  return findCloudFormationDocuments(text, host);
}

/** The diagnostics of a file that file()/templatefile() reads, at positions in that file. */
export interface ExternalReport {
  path: string;
  kind: DocumentKind;
  resource: string;
  diagnostics: Diagnostic[];
}

export interface HostValidation {
  host?: HostKind;
  /** Host-positioned, each naming its resource. */
  diagnostics: Diagnostic[];
  /** One entry per document that lives in a file of its own. */
  external: ExternalReport[];
  /** The kinds of the documents found, in order. */
  kinds: Array<'component' | 'workflow'>;
}

export function validateHost(text: string, path: string, options: FindOptions = {}): HostValidation {
  const found = findEmbeddedDocuments(text, path, options);
  const hostLines = new LineIndex(text);
  const diagnostics = [...found.diagnostics];
  const external: ExternalReport[] = [];
  for (const document of found.documents) {
    const filled = withDefaults(document, options.defaults);
    const mapped = validateEmbedded(filled, document.external ? undefined : hostLines);
    if (document.external) {
      external.push({ path: document.external.path, kind: document.kind ?? 'unknown', resource: document.resource, diagnostics: mapped });
    } else {
      diagnostics.push(...mapped);
    }
  }
  return { host: found.host, diagnostics: sortDiagnostics(diagnostics), external, kinds: found.documents.map((d) => d.kind ?? 'component') };
}

/**
 * Validates one document and moves its diagnostics to the host. A diagnostic on an opaque
 * value is dropped: the value is only known at deploy time, so it cannot be judged here.
 */
export function validateEmbedded(document: EmbeddedDocument, hostLines?: LineIndex): Diagnostic[] {
  const lines = hostLines ?? new LineIndex(document.external?.text ?? '');
  const textLines = new LineIndex(document.text);
  const out: Diagnostic[] = [];
  // A message that names an opaque value (`found \`xphase\``) judges the value, not the document.
  const values = new Set(document.opaqueSpans.map(([start, end]) => document.text.slice(start, end)));
  const namesValue = (message: string) => [...values].some((v) => message.includes(`\`${v}\``) || message.includes(`"${v}"`));
  for (const d of validate(document.text, document.options).diagnostics) {
    if (values.size && namesValue(d.message)) continue;
    const start = textLines.offsetAt(d.range.start);
    const end = textLines.offsetAt(d.range.end);
    if (document.opaqueSpans.some((span) => touches(span, start, end))) continue;
    if (d.code === 'template-placeholder' && document.escapeSpans.some((span) => touches(span, start, end))) continue;
    const hostStart = document.toHost(start);
    const hostEnd = end > start ? Math.max(hostStart, document.toHostEnd(end)) : hostStart;
    out.push({ ...d, range: lines.range(hostStart, hostEnd), resource: document.resource });
  }
  return sortDiagnostics(out);
}

function withDefaults(document: EmbeddedDocument, defaults: FindOptions['defaults']): EmbeddedDocument {
  if (!defaults) return document;
  const options = { ...document.options };
  if (document.kind === 'component' && !options.platform && defaults.platform) options.platform = defaults.platform;
  if (document.kind === 'workflow' && !options.workflowType && defaults.workflowType) options.workflowType = defaults.workflowType;
  return { ...document, options };
}

function touches([spanStart, spanEnd]: [number, number], start: number, end: number): boolean {
  if (end === start) return start >= spanStart && start < spanEnd;
  return start < spanEnd && spanStart < end;
}
