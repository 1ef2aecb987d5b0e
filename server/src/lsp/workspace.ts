/**
 * The server's view of the open documents: settings, project metadata and one cached analysis
 * per document version. Every feature asks here, so nothing parses a version twice.
 */
import { dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetadataStore } from '../project/metadata';
import { analyze, type Analysis, type AnalyzeOptions } from '../service/analysis';
import { forgetHost, invalidateHosts } from './hosts';
import type { Settings } from './settings';

/** Analyses kept in memory at once, least recently used dropped first. */
export const MAX_CACHED_ANALYSES = 12;

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  settings: Settings = {};
  folders: string[] = [];
  /** Whether AWS calls may be made (false in an untrusted VS Code workspace). */
  awsEnabled = true;
  private readonly cache = new Map<string, { version: number; analysis: Analysis }>();
  /** Settings are known (pulled once after `initialized`, or the client does not pull). */
  isReady = false;
  private markReady!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  setReady(): void {
    this.isReady = true;
    this.markReady();
  }
  private metadata = new MetadataStore();

  /** The analysis of the open document's current version; `undefined` when it is not open. */
  analysis(uri: string): Analysis | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.cache.get(uri);
    // Most recently used last: the Map's order is the eviction order.
    this.cache.delete(uri);
    if (cached && cached.version === document.version) {
      this.cache.set(uri, cached);
      return cached.analysis;
    }
    const analysis = analyze(document.getText(), this.optionsFor(uri));
    this.cache.set(uri, { version: document.version, analysis });
    // An analysis is about 80 times its text; the documents being edited are the ones asked
    // about, and a document read again after eviction costs one parse (15 ms at 1,000 lines).
    while (this.cache.size > MAX_CACHED_ANALYSES) this.cache.delete(this.cache.keys().next().value!);
    return analysis;
  }

  /** The analysis, only for Image Builder documents: editor features stay silent on other YAML. */
  imageBuilder(uri: string): Analysis | undefined {
    const analysis = this.analysis(uri);
    return analysis?.isImageBuilder ? analysis : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    forgetHost(uri);
  }

  /** Settings or metadata changed: every analysis must be redone. */
  invalidate(): void {
    this.cache.clear();
    invalidateHosts();
    this.metadata = new MetadataStore();
  }

  /** Settings first, then project metadata: what the document text cannot say about itself. */
  optionsFor(uri: string): AnalyzeOptions {
    const settings = this.settings;
    const options: AnalyzeOptions = { platform: settings.platform, workflowType: settings.workflowType };
    if (!uri.startsWith('file:')) return options;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return options;
    }
    const { metadata } = this.metadata.lookup(path);
    return {
      kind: metadata?.kind,
      platform: settings.platform ?? metadata?.platform,
      workflowType: settings.workflowType ?? metadata?.type,
      supportedOsVersions: metadata?.supportedOsVersions,
      fileName: path.split(/[\\/]/).pop(),
      declared: metadata !== undefined || this.matchesFiles(path),
      name: metadata?.name,
      version: metadata?.version,
    };
  }

  /** The `files` setting: globs relative to a workspace folder (or the file's folder), or absolute. */
  private matchesFiles(path: string): boolean {
    const globs = this.settings.files ?? [];
    if (globs.length === 0) return false;
    const bases = this.folders.length ? this.folders : [dirname(path)];
    return globs.some((glob) => {
      const match = picomatch(glob, { dot: true });
      if (isAbsolute(glob)) return match(path);
      return bases.some((base) => {
        const rel = relative(base, path).split('\\').join('/');
        return !rel.startsWith('..') && match(rel);
      });
    });
  }
}
