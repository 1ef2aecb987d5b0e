/** `imagebuilder-yaml lint`: reads files, asks the service, prints a report, returns the exit code. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MetadataStore } from '../project/metadata';
import { analyze } from '../service/analysis';
import type { Platform, WorkflowType } from '../service/types';
import { expandPaths } from './files';
import { lintHostFile, withoutCheckedElsewhere } from './hosts';
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
  const { files, missing, candidates } = expandPaths(options.paths);
  const metadata = new MetadataStore();
  let reports: FileReport[] = [];
  let unreadable = missing.length > 0;
  for (const path of missing) output.stderr(`imagebuilder-yaml: ${path}: no such file or directory\n`);
  const warned = new Set<string>();
  const named = new Set(options.paths);
  const leftAlone: string[] = [];

  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      unreadable = true;
      output.stderr(`imagebuilder-yaml: ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
      continue;
    }
    // CloudFormation templates and Terraform files: their embedded documents, at host positions.
    const hosted = lintHostFile(path, text, { platform: options.platform, workflowType: options.workflowType, named: options.paths.includes(path) });
    if (hosted !== undefined) {
      reports.push(...hosted);
      continue;
    }
    if (candidates.has(path)) continue;
    const { metadata: meta, warnings } = metadata.lookup(path);
    for (const warning of warnings) {
      if (!warned.has(warning)) output.stderr(`imagebuilder-yaml: warning: ${warning}\n`);
      warned.add(warning);
    }
    const analysis = analyze(text, {
      kind: options.kind ?? meta?.kind,
      platform: options.platform ?? meta?.platform,
      workflowType: options.workflowType ?? meta?.type,
      supportedOsVersions: meta?.supportedOsVersions,
      fileName: basename(path),
      declared: meta !== undefined,
    });
    // A YAML file met while walking a folder is judged only when it is an Image Builder
    // document; a file named on the command line is always judged.
    if (!named.has(path) && !analysis.isImageBuilder) {
      leftAlone.push(path);
      continue;
    }
    reports.push({ path, kind: analysis.kind, diagnostics: analysis.diagnostics });
  }

  reports = withoutCheckedElsewhere(reports);
  if (options.format === 'json') output.stdout(toJson(reports, leftAlone));
  else if (options.format === 'sarif') output.stdout(toSarif(reports, options.version));
  else output.stdout(toText(reports, options.color, leftAlone.length));

  if (unreadable) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
