/**
 * What a dry run or publish sends for one document: its text, kind, name, platform or workflow
 * type and the other Create* fields, gathered from flags, editor settings, project metadata and
 * `# imagebuilder:` directives (first wins), plus what was last published. Also lints the text,
 * so nothing with errors is sent.
 */
import { basename } from 'node:path';
import { MetadataStore, type DocumentMetadata, type PendingPublish } from '../project/metadata';
import { readDirectives } from '../service/directives';
import { parse } from '../service/parse';
import { INLINE_DATA_LIMIT, detectKind, validateParsed } from '../service/validate';
import type { Diagnostic, Platform, WorkflowType } from '../service/types';
import { AwsFailure } from './gateway';
import { isVersion, normalizeName, parseArn } from './versions';

/** The metadata flags of design.md section 3 (and the editor settings that play their part). */
export interface MetadataOverrides {
  name?: string;
  version?: string;
  platform?: Platform;
  workflowType?: WorkflowType;
  description?: string;
}

export interface PublishRecord {
  version?: string;
  arn?: string;
  sha256?: string;
  pending?: PendingPublish;
}

export interface DocumentTarget {
  /** Absolute path of the document file, when it is a file (metadata is recorded next to it). */
  path?: string;
  text: string;
  kind: 'component' | 'workflow';
  name: string;
  platform?: Platform;
  type?: WorkflowType;
  description?: string;
  changeDescription?: string;
  supportedOsVersions?: string[];
  tags?: Record<string, string>;
  kmsKeyId?: string;
  /** --version: publish exactly this one. */
  requestedVersion?: string;
  /** The last publish the metadata records for this name (empty when it was for another name). */
  recorded: PublishRecord;
  /** The metadata entry as found (to know which fields a first publish should record). */
  metadata?: DocumentMetadata;
  region?: string;
  profile?: string;
  diagnostics: Diagnostic[];
  warnings: string[];
}

/** Reads metadata and lints; throws AwsFailure (exit 2) when something the request needs is missing. */
export function resolveTarget(text: string, path: string | undefined, overrides: MetadataOverrides, purpose: 'create' | 'list' = 'create'): DocumentTarget {
  const warnings: string[] = [];
  let metadata: DocumentMetadata | undefined;
  if (path) {
    const lookup = new MetadataStore().lookup(path);
    metadata = lookup.metadata;
    warnings.push(...lookup.warnings);
  }
  const parsed = parse(text);
  const directives = readDirectives(text, parsed.lines);
  const detected = detectKind(parsed.value);
  const kind = metadata?.kind ?? directives.kind ?? (detected === 'unknown' ? undefined : detected);
  const platform = overrides.platform ?? metadata?.platform ?? directives.platform;
  const type = overrides.workflowType ?? metadata?.type ?? directives.workflowType;
  const fileName = path ? basename(path) : undefined;
  const result = validateParsed(parsed, { kind, platform, workflowType: type, supportedOsVersions: metadata?.supportedOsVersions, fileName });
  const where = path ? `${path}` : 'the document';
  if (!kind) {
    throw new AwsFailure('UnknownDocumentKind', `${where} is neither a component (root key \`phases\`) nor a workflow (root key \`steps\`); set "kind" in .imagebuilder.json or a \`# imagebuilder: kind=...\` comment.`, 2);
  }
  const name = overrides.name ?? metadata?.name;
  if (!name) {
    throw new AwsFailure('MissingName', `${where} needs a name in Image Builder: pass --name NAME, or add "name" to its entry in .imagebuilder.json.`, 2);
  }
  if (!/^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/.test(name)) {
    throw new AwsFailure('InvalidName', `The name '${name}' is not a valid Image Builder name: 3 to 128 letters, digits, '-', '_' or spaces, not starting or ending with a space.`, 2);
  }
  if (kind === 'component' && !platform && purpose === 'create') {
    throw new AwsFailure('MissingPlatform', `${where} is a component and needs a platform: pass --platform Linux|Windows|macOS, add "platform" to .imagebuilder.json, or a \`# imagebuilder: platform=Linux\` comment.`, 2);
  }
  if (kind === 'workflow' && !type) {
    throw new AwsFailure('MissingWorkflowType', `${where} is a workflow and needs a type: pass --workflow-type BUILD|TEST|DISTRIBUTION, add "type" to .imagebuilder.json, or a \`# imagebuilder: type=BUILD\` comment.`, 2);
  }
  if (overrides.version !== undefined && !isVersion(overrides.version)) {
    throw new AwsFailure('InvalidVersion', `--version must be MAJOR.MINOR.PATCH with plain numbers (e.g. 1.4.2), not '${overrides.version}'.`, 2);
  }
  if (text.length > INLINE_DATA_LIMIT && purpose === 'create') {
    throw new AwsFailure('DocumentTooLarge', `${where} has ${text.length} characters; Image Builder accepts at most ${INLINE_DATA_LIMIT} inline (larger documents go through S3, which this tool does not upload).`, 2);
  }
  return {
    path,
    text,
    kind,
    name,
    platform: kind === 'component' ? platform : undefined,
    type: kind === 'workflow' ? type : undefined,
    description: overrides.description ?? metadata?.description,
    changeDescription: metadata?.changeDescription,
    supportedOsVersions: kind === 'component' ? metadata?.supportedOsVersions : undefined,
    tags: metadata?.tags && Object.keys(metadata.tags).length ? metadata.tags : undefined,
    kmsKeyId: metadata?.kmsKeyId,
    requestedVersion: overrides.version,
    recorded: recordedFor(metadata, name, kind, type, warnings),
    metadata,
    region: metadata?.region,
    profile: metadata?.profile,
    diagnostics: result.diagnostics,
    warnings,
  };
}

/** What was recorded counts only if it was for this name (and workflow type): the ARN says. */
function recordedFor(metadata: DocumentMetadata | undefined, name: string, kind: string, type: WorkflowType | undefined, warnings: string[]): PublishRecord {
  if (!metadata) return {};
  const record: PublishRecord = { version: metadata.version && isVersion(metadata.version) ? metadata.version : undefined, arn: metadata.arn, sha256: metadata.sha256, pending: metadata.pending };
  if (metadata.version && !record.version) warnings.push(`the recorded version '${metadata.version}' is not MAJOR.MINOR.PATCH; ignored.`);
  if (metadata.arn) {
    const arn = parseArn(metadata.arn);
    const resource = kind === 'component' ? 'component' : `workflow/${(type ?? '').toLowerCase()}`;
    if (!arn || arn.name !== normalizeName(name) || arn.resource !== resource) {
      warnings.push(`the recorded ARN ${metadata.arn} is not for ${kind} '${name}'; its version and hash are not used.`);
      return {};
    }
  }
  return record;
}

export function lintErrors(target: Pick<DocumentTarget, 'diagnostics'>): Diagnostic[] {
  return target.diagnostics.filter((d) => d.severity === 'error');
}
