/**
 * `lint` for CloudFormation templates and Terraform files: reads what file() / templatefile()
 * name, asks the service for the embedded documents' diagnostics, and turns them into reports
 * for the host file and for each file a document lives in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectHost, validateHost } from '../service/embedded/index';
import type { DocumentKind, Platform, WorkflowType } from '../service/types';
import type { FileReport } from './report';

/** Files whose extension makes them worth a look when a folder is searched; kept only if they are hosts. */
export const HOST_CANDIDATE = /\.(tf|json|template)$/i;

export interface HostLintOptions {
  /** Flags fill in what a resource does not say; what the resource says wins. */
  platform?: Platform;
  workflowType?: WorkflowType;
  /** Named on the command line: reported even when it holds no document. */
  named?: boolean;
}

/**
 * The reports for a host file (and the files its documents live in); none for a host found in
 * a folder that holds no Image Builder document; undefined when the file is no host.
 */
export function lintHostFile(path: string, text: string, options: HostLintOptions = {}): FileReport[] | undefined {
  const host = detectHost(text, path);
  if (!host) return undefined;
  const result = validateHost(text, path, { readFile, listDirectory, defaults: { platform: options.platform, workflowType: options.workflowType } });
  if (result.kinds.length === 0 && result.diagnostics.length === 0 && !options.named) return [];
  const kinds = new Set(result.kinds);
  const kind: DocumentKind = kinds.size === 1 ? [...kinds][0] : 'unknown';
  const reports: FileReport[] = [{ path, kind, host, diagnostics: result.diagnostics }];
  for (const external of result.external) {
    reports.push({ path: external.path, kind: external.kind, embeddedIn: path, resource: external.resource, diagnostics: external.diagnostics });
  }
  return reports;
}

/** Drops the stand-alone report of a file that a host already checked with its resource's facts. */
export function withoutCheckedElsewhere(reports: FileReport[]): FileReport[] {
  const checked = new Set(reports.filter((r) => r.embeddedIn).map((r) => resolve(r.path)));
  if (checked.size === 0) return reports;
  const seen = new Set<string>();
  return reports.filter((r) => {
    const key = resolve(r.path);
    if (!checked.has(key)) return true;
    if (!r.embeddedIn) return false;
    // A file that two resources read is reported once per resource.
    const id = `${key}\u0000${r.resource}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function readFile(path: string): string | undefined {
  try {
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function listDirectory(path: string): string[] | undefined {
  try {
    return readdirSync(path);
  } catch {
    return undefined;
  }
}
