/**
 * Project metadata: `.imagebuilder.json`, found in a document's folder or the nearest folder
 * above it. It says what the document text cannot: the component platform, the workflow type,
 * the name and other CreateComponent / CreateWorkflow fields, and what was last published
 * (version, build-version ARN, hash of the text sent). Its JSON Schema is
 * `schemas/imagebuilder-metadata.schema.json`.
 *
 *   { "region": "us-east-1",
 *     "documents": { "components/hello.yaml": { "platform": "Linux", "name": "hello", "version": "1.0.0" },
 *                    "workflows/release.yaml": { "type": "DISTRIBUTION" } } }
 *
 * Paths are relative to the metadata file. Flags given on the command line win.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Platform, WorkflowType } from '../service/types';
import { writeFileAtomic } from './atomicWrite';

export const METADATA_FILE = '.imagebuilder.json';

/** A publish that was sent but not confirmed: a rerun reuses its token and version. */
export interface PendingPublish {
  version: string;
  clientToken: string;
  sha256: string;
}

export interface DocumentMetadata {
  kind?: 'component' | 'workflow';
  name?: string;
  /** The last published version (or the one the project starts from). */
  version?: string;
  description?: string;
  changeDescription?: string;
  platform?: Platform;
  type?: WorkflowType;
  supportedOsVersions?: string[];
  tags?: Record<string, string>;
  kmsKeyId?: string;
  region?: string;
  profile?: string;
  /** Build-version ARN of the last publish. */
  arn?: string;
  /** SHA-256 (hex) of the document text last published. */
  sha256?: string;
  pending?: PendingPublish;
}

export interface MetadataLookup {
  metadata?: DocumentMetadata;
  /** Problems with the metadata file, to show to the user (the lint still runs). */
  warnings: string[];
  /** The metadata file that applies, if any. */
  file?: string;
  /** The document's key in that file. */
  key?: string;
}

const PLATFORMS: Platform[] = ['Linux', 'Windows', 'macOS'];
const TYPES: WorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];
const STRING_FIELDS = ['name', 'version', 'description', 'changeDescription', 'kmsKeyId', 'region', 'profile', 'arn', 'sha256'] as const;

interface LoadedFile {
  documents: Record<string, unknown>;
  /** File-wide defaults (`region`, `profile`). */
  defaults: { region?: string; profile?: string };
  warnings: string[];
}

/** Caches parsed metadata files by path for one run of the CLI. */
export class MetadataStore {
  private readonly files = new Map<string, LoadedFile | null>();

  lookup(documentPath: string): MetadataLookup {
    const absolute = resolve(documentPath);
    const file = findMetadataFile(dirname(absolute));
    if (!file) return { warnings: [] };
    const loaded = this.load(file);
    if (!loaded) return { warnings: [] };
    const key = relative(dirname(file), absolute).split(sep).join('/');
    const entry = loaded.documents[key];
    if (entry === undefined) return { warnings: loaded.warnings, file, key };
    const warnings = [...loaded.warnings];
    const metadata = readEntry(entry, `${file}: "${key}"`, warnings);
    if (metadata) {
      metadata.region ??= loaded.defaults.region;
      metadata.profile ??= loaded.defaults.profile;
    }
    return { metadata, warnings, file, key };
  }

  private load(file: string): LoadedFile | null {
    if (this.files.has(file)) return this.files.get(file)!;
    let result: LoadedFile;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
      const documents = parsed?.documents;
      const defaults: LoadedFile['defaults'] = {};
      if (typeof parsed?.region === 'string') defaults.region = parsed.region;
      if (typeof parsed?.profile === 'string') defaults.profile = parsed.profile;
      result = documents && typeof documents === 'object' && !Array.isArray(documents)
        ? { documents: documents as Record<string, unknown>, defaults, warnings: [] }
        : { documents: {}, defaults, warnings: [`${file}: expected an object with a "documents" mapping; ignored.`] };
    } catch (error) {
      result = { documents: {}, defaults: {}, warnings: [`${file}: cannot be read (${error instanceof Error ? error.message : String(error)}); ignored.`] };
    }
    this.files.set(file, result);
    return result;
  }
}

export function findMetadataFile(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const candidate = join(current, METADATA_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

function readEntry(entry: unknown, where: string, warnings: string[]): DocumentMetadata | undefined {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    warnings.push(`${where} must be an object; ignored.`);
    return undefined;
  }
  const raw = entry as Record<string, unknown>;
  const metadata: DocumentMetadata = {};
  for (const key of STRING_FIELDS) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'string') metadata[key] = raw[key] as string;
    else warnings.push(`${where}: "${key}" must be a string; ignored.`);
  }
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
  if (raw.tags !== undefined) {
    const tags = raw.tags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags) && Object.values(tags).every((v) => typeof v === 'string')) metadata.tags = tags as Record<string, string>;
    else warnings.push(`${where}: "tags" must map tag keys to string values; ignored.`);
  }
  if (raw.pending !== undefined) {
    const p = raw.pending as Record<string, unknown> | null;
    if (p && typeof p === 'object' && typeof p.version === 'string' && typeof p.clientToken === 'string' && typeof p.sha256 === 'string') {
      metadata.pending = { version: p.version, clientToken: p.clientToken, sha256: p.sha256 };
    } else {
      warnings.push(`${where}: "pending" must have "version", "clientToken" and "sha256" strings; ignored.`);
    }
  }
  return metadata;
}

/** A field value to set; `undefined` removes the field. */
export type EntryChanges = Record<string, unknown>;

/**
 * Sets fields of one document's entry and writes the file atomically, keeping every other
 * entry, unknown field, key order and the file's indentation. Creates `.imagebuilder.json` in
 * the document's folder when no metadata file applies. Returns the file written.
 */
export function updateDocumentMetadata(documentPath: string, changes: EntryChanges): string {
  const absolute = resolve(documentPath);
  const file = findMetadataFile(dirname(absolute)) ?? join(dirname(absolute), METADATA_FILE);
  const key = relative(dirname(file), absolute).split(sep).join('/');
  let root: Map<string, unknown>;
  let indent = '  ';
  let finalNewline = true;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    // Refuse to replace a file we cannot read: the user's content would be lost.
    let plain: unknown;
    try {
      plain = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix it, then publish again. Nothing was written.`);
    }
    if (!plain || typeof plain !== 'object' || Array.isArray(plain)) throw new Error(`${file} must hold a JSON object; nothing was written.`);
    // Plain objects keep key order except for integer-like keys, which they move first; only
    // then is the slower order-keeping parse needed.
    root = (/"(?:0|[1-9][0-9]*)"\s*:/.test(text) ? orderedParse(text) : undefined) ?? toMap(plain);
    indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    finalNewline = text.endsWith('\n');
  } else {
    root = new Map<string, unknown>([['documents', new Map()]]);
  }
  let documents = root.get('documents');
  if (!(documents instanceof Map)) {
    documents = new Map();
    root.set('documents', documents);
  }
  const docs = documents as Map<string, unknown>;
  let entry = docs.get(key);
  if (!(entry instanceof Map)) {
    entry = new Map();
    docs.set(key, entry);
  }
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) (entry as Map<string, unknown>).delete(field);
    else (entry as Map<string, unknown>).set(field, value instanceof Map || typeof value !== 'object' || value === null ? value : toMap(value));
  }
  writeFileAtomic(file, stringifyOrdered(root, indent, '') + (finalNewline ? '\n' : ''));
  return file;
}

/** JSON with key order as written, even for keys that look like numbers (plain objects reorder those). */
function orderedParse(text: string): Map<string, unknown> | undefined {
  try {
    const value = parseYaml(text, { mapAsMap: true, schema: 'json', uniqueKeys: false });
    return value instanceof Map ? (value as Map<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function toMap(value: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    map.set(k, v && typeof v === 'object' && !Array.isArray(v) ? toMap(v) : v);
  }
  return map;
}

function stringifyOrdered(value: unknown, indent: string, current: string): string {
  const inner = current + indent;
  if (value instanceof Map) {
    if (value.size === 0) return '{}';
    const parts = [...value].map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyOrdered(v, indent, inner)}`);
    return `{\n${parts.join(',\n')}\n${current}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stringifyOrdered(v, indent, inner)).join(',\n')}\n${current}]`;
  }
  if (value && typeof value === 'object') return stringifyOrdered(toMap(value), indent, current);
  return JSON.stringify(value) ?? 'null';
}
