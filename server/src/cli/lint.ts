/** `imagebuilder-yaml lint`: reads files, asks the service, prints a report, returns the exit code. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MetadataStore } from '../project/metadata';
import { validate } from '../service/validate';
import type { Platform, WorkflowType } from '../service/types';
import { expandPaths } from './files';
import { toJson, toSarif, toText, type FileReport } from './report';

export interface LintOptions {
  format: 'text' | 'json' | 'sarif';
  platform?: Platform;
  workflowType?: WorkflowType;
  kind?: 'component' | 'workflow';
  paths: string[];
  color: boolean;
  version: string;
}

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function lint(options: LintOptions, output: Output): number {
  const { files, missing } = expandPaths(options.paths);
  const metadata = new MetadataStore();
  const reports: FileReport[] = [];
  let unreadable = missing.length > 0;
  for (const path of missing) output.stderr(`imagebuilder-yaml: ${path}: no such file or directory\n`);
  const warned = new Set<string>();

  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      unreadable = true;
      output.stderr(`imagebuilder-yaml: ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
      continue;
    }
    const { metadata: meta, warnings } = metadata.lookup(path);
    for (const warning of warnings) {
      if (!warned.has(warning)) output.stderr(`imagebuilder-yaml: warning: ${warning}\n`);
      warned.add(warning);
    }
    const result = validate(text, {
      kind: options.kind ?? meta?.kind,
      platform: options.platform ?? meta?.platform,
      workflowType: options.workflowType ?? meta?.type,
      supportedOsVersions: meta?.supportedOsVersions,
      fileName: basename(path),
    });
    reports.push({ path, kind: result.kind, diagnostics: result.diagnostics });
  }

  if (options.format === 'json') output.stdout(toJson(reports));
  else if (options.format === 'sarif') output.stdout(toSarif(reports, options.version));
  else output.stdout(toText(reports, options.color));

  if (unreadable) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
