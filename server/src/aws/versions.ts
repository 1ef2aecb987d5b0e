/**
 * Version arithmetic for publish, as pure functions: which version comes next, given what the
 * service lists and what the project recorded. Compared as semver, never as strings
 * (1.10.0 is above 1.9.7).
 */
import semver from 'semver';

export type Bump = 'patch' | 'minor' | 'major';

export const FIRST_VERSION = '1.0.0';
/** Image Builder's VersionNumber: three numbers, no pre-release or build part. */
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/** Each node is at most 2^30 - 1 (API reference). */
const MAX_NODE = 1073741823;

export function isVersion(value: string): boolean {
  const match = VERSION.exec(value);
  return !!match && match.slice(1).every((n) => Number(n) <= MAX_NODE);
}

/** Sort order of two valid versions, as semver (1.9.7 before 1.10.0). */
export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

/** The highest of the given versions (invalid ones skipped), or undefined. */
export function highestVersion(versions: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    if (v === undefined || !isVersion(v)) continue;
    if (best === undefined || semver.gt(v, best)) best = v;
  }
  return best;
}

/**
 * The version the next publish creates: the larger of every existing version and the recorded
 * one (the service's list lags behind a create by up to two minutes), bumped; 1.0.0 for a new
 * name.
 */
export function nextVersion(existing: readonly string[], recorded: string | undefined, bump: Bump = 'patch'): string {
  const base = highestVersion([...existing, recorded]);
  if (base === undefined) return FIRST_VERSION;
  const next = semver.inc(base, bump);
  if (!next || !isVersion(next)) throw new RangeError(`Cannot bump ${base} (${bump}): a version node would exceed ${MAX_NODE}.`);
  return next;
}

/** Image Builder treats names differing only in case, spaces or underscores as one name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, '-');
}

export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  /** `component`, `image`, `workflow/build`, ... */
  resource: string;
  name: string;
  version?: string;
  build?: number;
}

const ARN = /^arn:(aws[^:]*):imagebuilder:([^:]+):([^:]+):(workflow\/(?:build|test|distribution)|[a-z-]+)\/([^/]+)(?:\/([0-9x]+\.[0-9x]+\.[0-9x]+)(?:\/([0-9]+))?)?$/;

export function parseArn(arn: string): ParsedArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3], resource: m[4], name: m[5], version: m[6], build: m[7] === undefined ? undefined : Number(m[7]) };
}
