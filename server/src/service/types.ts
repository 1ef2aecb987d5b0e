/** Plain data shaped like the LSP types, so every adapter can pass them on unchanged. */
import type { Platform, WorkflowType } from './shared/knowledge';

export type { Platform, WorkflowType };

/** 0-based line and UTF-16 character offset, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** Stable rule id, listed in docs/diagnostics.md. */
  code: string;
  message: string;
  /** Structured facts for quick fixes (e.g. the suggested replacement). */
  data?: Record<string, unknown>;
  /** For a document embedded in a CloudFormation template or Terraform file: the logical id or Terraform address. */
  resource?: string;
}

export type DocumentKind = 'component' | 'workflow' | 'unknown';

export interface ValidateOptions {
  /** Forces the kind; detected from the root keys when absent. */
  kind?: 'component' | 'workflow';
  /** Component platform; from the CLI flag or project metadata. */
  platform?: Platform;
  /** Workflow type; from the CLI flag or project metadata. */
  workflowType?: WorkflowType;
  /** The file's base name, to recognise an ExecuteDocument step that runs its own document. */
  fileName?: string;
  /** CreateComponent `supportedOsVersions` from project metadata (UpdateOS rule). */
  supportedOsVersions?: string[];
}

export interface ValidationResult {
  kind: DocumentKind;
  diagnostics: Diagnostic[];
}
