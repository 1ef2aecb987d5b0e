/**
 * Project metadata: `.imagebuilder.json`, found in a document's folder or the nearest folder
 * above it. It says what the document text cannot: the component platform, the workflow type,
 * and later the name and last published version.
 *
 *   { "documents": { "components/hello.yaml": { "platform": "Linux", "name": "hello", "version": "1.0.0" },
 *                    "workflows/release.yaml": { "type": "DISTRIBUTION" } } }
 *
 * Paths are relative to the metadata file. Flags given on the command line win.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Platform, WorkflowType } from '../service/types';

export const METADATA_FILE = '.imagebuilder.json';

export interface DocumentMetadata {
  kind?: 'component' | 'workflow';
  name?: string;
  version?: string;
  description?: string;
  platform?: Platform;
  type?: WorkflowType;
  supportedOsVersions?: string[];
}

export interface MetadataLookup {
  metadata?: DocumentMetadata;
  /** Problems with the metadata file, to show to the user (the lint still runs). */
  warnings: string[];
}

const PLATFORMS: Platform[] = ['Linux', 'Windows', 'macOS'];
const TYPES: WorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];

/** Caches parsed metadata files by path for one run of the CLI. */
export class MetadataStore {
  private readonly files = new Map<string, { documents: Record<string, unknown>; warnings: string[] } | null>();

  lookup(documentPath: string): MetadataLookup {
    const absolute = resolve(documentPath);
    const file = this.findFile(dirname(absolute));
    if (!file) return { warnings: [] };
    const loaded = this.load(file);
    if (!loaded) return { warnings: [] };
    const key = relative(dirname(file), absolute).split(sep).join('/');
    const entry = loaded.documents[key];
    if (entry === undefined) return { warnings: loaded.warnings };
    const warnings = [...loaded.warnings];
    return { metadata: readEntry(entry, `${file}: "${key}"`, warnings), warnings };
  }

  private findFile(folder: string): string | undefined {
    for (let current = folder; ; current = dirname(current)) {
      const candidate = join(current, METADATA_FILE);
      if (existsSync(candidate)) return candidate;
      if (dirname(current) === current) return undefined;
    }
  }

  private load(file: string): { documents: Record<string, unknown>; warnings: string[] } | null {
    if (this.files.has(file)) return this.files.get(file)!;
    let result: { documents: Record<string, unknown>; warnings: string[] } | null;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const documents = (parsed as { documents?: unknown })?.documents;
      result = documents && typeof documents === 'object' && !Array.isArray(documents)
        ? { documents: documents as Record<string, unknown>, warnings: [] }
        : { documents: {}, warnings: [`${file}: expected an object with a "documents" mapping; ignored.`] };
    } catch (error) {
      result = { documents: {}, warnings: [`${file}: cannot be read (${error instanceof Error ? error.message : String(error)}); ignored.`] };
    }
    this.files.set(file, result);
    return result;
  }
}

function readEntry(entry: unknown, where: string, warnings: string[]): DocumentMetadata | undefined {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    warnings.push(`${where} must be an object; ignored.`);
    return undefined;
  }
  const raw = entry as Record<string, unknown>;
  const metadata: DocumentMetadata = {};
  const text = (key: 'name' | 'version' | 'description') => {
    if (raw[key] === undefined) return;
    if (typeof raw[key] === 'string') metadata[key] = raw[key] as string;
    else warnings.push(`${where}: "${key}" must be a string; ignored.`);
  };
  text('name');
  text('version');
  text('description');
  if (raw.kind !== undefined) {
    if (raw.kind === 'component' || raw.kind === 'workflow') metadata.kind = raw.kind;
    else warnings.push(`${where}: "kind" must be "component" or "workflow"; ignored.`);
  }
  if (raw.platform !== undefined) {
    if (PLATFORMS.includes(raw.platform as Platform)) metadata.platform = raw.platform as Platform;
    else warnings.push(`${where}: "platform" must be one of ${PLATFORMS.join(', ')}; ignored.`);
  }
  if (raw.type !== undefined) {
    if (TYPES.includes(raw.type as WorkflowType)) metadata.type = raw.type as WorkflowType;
    else warnings.push(`${where}: "type" must be one of ${TYPES.join(', ')}; ignored.`);
  }
  if (raw.supportedOsVersions !== undefined) {
    if (Array.isArray(raw.supportedOsVersions) && raw.supportedOsVersions.every((v) => typeof v === 'string')) metadata.supportedOsVersions = raw.supportedOsVersions;
    else warnings.push(`${where}: "supportedOsVersions" must be a list of strings; ignored.`);
  }
  return metadata;
}
