/** Reads ../shared/corpus/SOURCES.tsv: each document with its notes and whether it is broken. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

export interface CorpusEntry {
  /** File name inside component/ or workflow/. */
  file: string;
  path: string;
  notes: string;
  /** Marked `looks broken`, or with an auto-check finding other than an unusual-but-valid one. */
  broken: boolean;
}

/** Auto-check findings that describe unusual documents, not broken ones (spec L44, section 3). */
const UNUSUAL_ONLY = /^(unexpected-top-level:\S+|phase-name:\S+)$/;

export function corpusEntries(kind: 'component' | 'workflow'): CorpusEntry[] {
  const rows = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return rows
    .map((row) => row.split('\t'))
    .filter((cells) => cells[0].startsWith(`${kind}/`))
    .map((cells) => {
      const file = cells[0].slice(kind.length + 1);
      const notes = cells[6] ?? '';
      const checks = /auto-check: ([^;]*)/.exec(notes)?.[1].split(',').map((c) => c.trim()).filter(Boolean) ?? [];
      const broken = /looks broken/.test(notes) || checks.some((c) => !UNUSUAL_ONLY.test(c));
      return { file, path: join(CORPUS, kind, file), notes, broken };
    });
}
