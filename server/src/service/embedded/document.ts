/** Turns a mapped text and the facts of its resource into an EmbeddedDocument. */
import type { Platform, ValidateOptions, WorkflowType } from '../types';
import type { MappedText } from './sourceMap';
import type { EmbeddedDocument } from './types';

const PLATFORMS: Record<string, Platform> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };
const WORKFLOW_TYPES = new Set<string>(['BUILD', 'TEST', 'DISTRIBUTION']);

export interface ResourceFacts {
  platform?: string;
  workflowType?: string;
  supportedOsVersions?: string[];
}

/** Validation options from what the resource says; values the service does not know are left out. */
export function resourceFacts(kind: 'component' | 'workflow', facts: ResourceFacts): ValidateOptions {
  const options: ValidateOptions = { kind };
  const platform = facts.platform ? PLATFORMS[facts.platform.toLowerCase()] : undefined;
  if (kind === 'component' && platform) options.platform = platform;
  const type = facts.workflowType?.toUpperCase();
  if (kind === 'workflow' && type && WORKFLOW_TYPES.has(type)) options.workflowType = type as WorkflowType;
  if (kind === 'component' && facts.supportedOsVersions?.length) options.supportedOsVersions = facts.supportedOsVersions;
  return options;
}

export function embeddedDocument(
  resource: string,
  kind: 'component' | 'workflow',
  mapped: MappedText,
  options: ValidateOptions,
  external?: EmbeddedDocument['external'],
): EmbeddedDocument {
  const document: EmbeddedDocument = {
    resource,
    kind,
    text: mapped.text,
    options,
    toHost: (offset) => mapped.toHost(offset),
    toHostEnd: (offset) => mapped.toHostEnd(offset),
    fromHost: (offset) => mapped.fromHost(offset),
    hostRange: mapped.hostRange(),
    exactMap: !mapped.segments.some((s) => s.kind === 'generated' && s.textLength > 0),
    opaqueSpans: mapped.spans('opaque'),
    escapeSpans: mapped.spans('escape').filter(([start, end]) => mapped.text.slice(start, end) === '${' || mapped.text.slice(start, end) === '%{'),
  };
  if (external) document.external = external;
  return document;
}
