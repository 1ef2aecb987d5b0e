/** Expands the paths given to `lint` into document files: directories are searched for YAML. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_CANDIDATE } from './hosts';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', '.vscode-test']);

export interface ExpandedPaths {
  files: string[];
  /** Paths that do not exist or cannot be read. */
  missing: string[];
  /** `.tf` / `.json` / `.template` files found in folders: linted only if they are CloudFormation or Terraform hosts. */
  candidates: Set<string>;
}

export function expandPaths(paths: string[]): ExpandedPaths {
  const files: string[] = [];
  const missing: string[] = [];
  const candidates = new Set<string>();
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (isDirectory) walk(path, files, candidates);
    else files.push(path);
  }
  return { files, missing, candidates };
}

function walk(folder: string, files: string[], candidates: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(path, files, candidates);
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
      files.push(path);
    } else if (entry.isFile() && HOST_CANDIDATE.test(entry.name)) {
      files.push(path);
      candidates.add(path);
    }
  }
}
