/**
 * CloudFormation templates and Terraform files in the editor: their embedded Image Builder
 * documents are validated with host positions, and editor features run inside a document's
 * text as they do in a standalone file. One result per document version, like the analyses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, type Analysis } from '../service/analysis';
import { detectHost, findEmbeddedDocuments, validateHost, type EmbeddedDocument } from '../service/embedded';
import type { Diagnostic, Range } from '../service/types';
import { LineIndex } from '../service/text';
import type { Workspace } from './workspace';

interface HostEntry {
  version: number;
  documents: EmbeddedDocument[];
  diagnostics?: Diagnostic[];
  analyses: Map<EmbeddedDocument, Analysis>;
  notes: Diagnostic[];
  /** Line starts of this version of the host text, built once for every request on it. */
  hostLines?: LineIndex;
}

const IMAGE_BUILDER_RESOURCE = /AWS::ImageBuilder::(Component|Workflow)|aws_imagebuilder_(component|workflow)/;

const cache = new Map<string, HostEntry>();

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function entry(workspace: Workspace, uri: string): HostEntry | undefined {
  const document = workspace.documents.get(uri);
  const path = pathOf(uri) ?? uri;
  if (!document) return undefined;
  const text = document.getText();
  if (!detectHost(text, path)) return undefined;
  const cached = cache.get(uri);
  if (cached && cached.version === document.version) return cached;
  const found = findEmbeddedDocuments(text, path, { readFile });
  const fresh: HostEntry = {
    version: document.version,
    documents: found.documents.filter((d) => !d.external),
    analyses: new Map(),
    // A file that names Image Builder resources but yielded none (the Terraform parser did not
    // load, a `Uri` document, computed `data`) still hears why.
    notes: IMAGE_BUILDER_RESOURCE.test(text) ? found.diagnostics : [],
  };
  cache.delete(uri);
  cache.set(uri, fresh);
  // Like the analyses, only the recently used host files are kept.
  while (cache.size > 12) cache.delete(cache.keys().next().value!);
  return fresh;
}

/**
 * Host-positioned diagnostics of a template or Terraform file that holds Image Builder
 * resources; `undefined` for any other file, which the server leaves alone.
 */
export function hostDiagnostics(workspace: Workspace, uri: string): Diagnostic[] | undefined {
  const found = entry(workspace, uri);
  if (!found) return undefined;
  if (found.documents.length === 0) return found.notes.length ? found.notes : undefined;
  if (!found.diagnostics) {
    const document = workspace.documents.get(uri)!;
    const settings = workspace.settings;
    found.diagnostics = validateHost(document.getText(), pathOf(uri) ?? uri, {
      readFile,
      defaults: { platform: settings.platform, workflowType: settings.workflowType },
    }).diagnostics;
  }
  return found.diagnostics;
}

export interface EmbeddedPosition {
  analysis: Analysis;
  /** The offset inside the embedded document's text. */
  offset: number;
  /** Moves a range of the embedded text back into the host file. */
  toHost(range: Range): Range;
}

/** The embedded document under a host position, with the analysis of its text. */
export function embeddedAt(workspace: Workspace, uri: string, hostOffset: number): EmbeddedPosition | undefined {
  const found = entry(workspace, uri);
  if (!found) return undefined;
  for (const document of found.documents) {
    const offset = document.fromHost(hostOffset);
    if (offset === undefined) continue;
    let analysis = found.analyses.get(document);
    if (!analysis) {
      analysis = analyze(document.text, { ...document.options, declared: true });
      found.analyses.set(document, analysis);
    }
    found.hostLines ??= new LineIndex(workspace.documents.get(uri)!.getText());
    const hostLines = found.hostLines;
    const lines = analysis.lines;
    return {
      analysis,
      offset,
      toHost: (range) => {
        const start = document.toHost(lines.offsetAt(range.start));
        const endOffset = lines.offsetAt(range.end);
        const end = endOffset > lines.offsetAt(range.start) ? Math.max(start, document.toHostEnd(endOffset)) : start;
        return hostLines.range(start, end);
      },
    };
  }
  return undefined;
}

export function forgetHost(uri: string): void {
  cache.delete(uri);
}

export function invalidateHosts(): void {
  cache.clear();
}
