/** Editor settings, section `imagebuilder`, as the server reads them: pulled or pushed. */
import type { Platform, Severity, WorkflowType } from '../service/types';

export interface Settings {
  platform?: Platform;
  workflowType?: WorkflowType;
  /** Milliseconds to wait after the last edit before validating. */
  debounceMs?: number;
  /** Severity per diagnostic code, or `off`. */
  severity?: Record<string, Severity | 'off'>;
  /** Codes never reported. */
  disabledCodes?: string[];
  /** Globs (relative to a workspace folder, or absolute) of files that are Image Builder documents whatever their content. */
  files?: string[];
  profile?: string;
  region?: string;
  endpoint?: string;
}

export const DEFAULT_DEBOUNCE_MS = 150;
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts what clients send: the section itself, or `{ imagebuilder: {...} }`; ignores what it cannot read. */
export function readSettings(raw: unknown): Settings {
  let source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (source.imagebuilder && typeof source.imagebuilder === 'object') source = source.imagebuilder as Record<string, unknown>;
  const settings: Settings = {};
  if (source.platform === 'Linux' || source.platform === 'Windows' || source.platform === 'macOS') settings.platform = source.platform;
  if (source.workflowType === 'BUILD' || source.workflowType === 'TEST' || source.workflowType === 'DISTRIBUTION') settings.workflowType = source.workflowType;
  if (typeof source.debounceMs === 'number' && source.debounceMs >= 0) settings.debounceMs = source.debounceMs;
  if (source.severity && typeof source.severity === 'object' && !Array.isArray(source.severity)) {
    settings.severity = Object.fromEntries(Object.entries(source.severity).filter(([, v]) => typeof v === 'string' && SEVERITIES.has(v))) as Settings['severity'];
  }
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);
  settings.disabledCodes = strings(source.disabledCodes);
  settings.files = strings(source.files);
  for (const key of ['profile', 'region', 'endpoint'] as const) {
    if (typeof source[key] === 'string' && source[key] !== '') settings[key] = source[key] as string;
  }
  return settings;
}
