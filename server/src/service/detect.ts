/**
 * Is this YAML an Image Builder document? Shared by the CLI (which walks whole repositories) and
 * the language server (which editors send every YAML file). A root `steps:` is not enough:
 * Buildkite, Woodpecker and Drone pipelines have one too, and AWS CodeBuild buildspecs a root
 * `phases:`. A document is one when its content says so, a `# imagebuilder:` directive names it,
 * or the user did (project metadata, the `imagebuilder.files` setting, `--kind`).
 */
import type { Directives } from './directives';
import type { DocumentKind } from './types';

export type DetectionReason = 'content' | 'directive' | 'declared';

export interface Detection {
  imageBuilder: boolean;
  /** Why it is one; absent when it is not. */
  reason?: DetectionReason;
  /** The kind the content shows, when it shows one. */
  kind?: Exclude<DocumentKind, 'unknown'>;
}

export interface DetectionHints {
  /** Project metadata, a `files` glob or a flag names the file as an Image Builder document. */
  declared?: boolean;
}

export function detectDocument(value: unknown, text: string, directives: Directives, hints: DetectionHints = {}): Detection {
  const kind = contentKind(value, text);
  if (kind) return { imageBuilder: true, reason: 'content', kind };
  if (directives.kind || directives.platform || directives.workflowType || directives.diagnostics.length > 0) return { imageBuilder: true, reason: 'directive' };
  if (hints.declared) return { imageBuilder: true, reason: 'declared' };
  return { imageBuilder: false };
}

/** The kind the content itself shows: component and workflow documents have telling shapes. */
export function contentKind(value: unknown, text: string): Detection['kind'] {
  if (value === undefined) return textKind(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const root = value as Record<string, unknown>;
  const versioned = 'schemaVersion' in root;
  if ('phases' in root) {
    const phases = root.phases;
    // CodeBuild's `phases:` is a mapping (install, build ...) beside `version: 0.2`.
    if (Array.isArray(phases) || versioned || (phases === null && !('version' in root))) return 'component';
  }
  if ('steps' in root) {
    const steps = root.steps;
    // Workflow steps carry `action`; CI pipelines' steps carry `command`, `image`, `uses`.
    const hasAction = Array.isArray(steps) && steps.some((s) => !!s && typeof s === 'object' && 'action' in s);
    if (versioned || hasAction) return 'workflow';
  }
  return undefined;
}

/** For text the parser could not read: the same signs, line by line. */
function textKind(text: string): Detection['kind'] {
  if (!/^schemaVersion[ \t]*:/m.test(text)) return undefined;
  if (/^phases[ \t]*:/m.test(text)) return 'component';
  if (/^steps[ \t]*:/m.test(text)) return 'workflow';
  return undefined;
}
