/** What the embedded-document features hand to the adapters: documents with their place in the host. */
import type { Diagnostic, ValidateOptions } from '../types';

export type HostKind = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform';

export interface EmbeddedDocument {
  /** The CloudFormation logical id, or the Terraform address such as `aws_imagebuilder_component.hello`. */
  resource: string;
  kind?: 'component' | 'workflow';
  /** The document as Image Builder will receive it, each substitution replaced by an opaque value. */
  text: string;
  /** platform / workflowType / supportedOsVersions / kind, from the resource. */
  options: ValidateOptions;
  /** Offset in `text` -> offset in the host text (or in the external file). */
  toHost(offset: number): number;
  /** Host offset -> offset in `text`; undefined outside the document. */
  fromHost(offset: number): number | undefined;
  /** Where the document sits in the host text (or in the external file). */
  hostRange: { start: number; end: number };
  /** file() / templatefile(): the document lives in that file; offsets are offsets in it. */
  external?: { path: string; text: string; referenceRange: { start: number; end: number } };
  /** The exclusive end of a text range, in the host: the end of the character before `offset`. */
  toHostEnd(offset: number): number;
  /**
   * Every character of `text` maps to the host characters that spell it (false for
   * yamlencode()/jsonencode(), whose YAML is generated: there keys and values map to their HCL).
   */
  exactMap: boolean;
  /** Text spans that stand for substituted values; diagnostics on them are not about the document. */
  opaqueSpans: Array<[number, number]>;
  /** Text spans the host spells as an escape (`${!X}`, `$${`): literal on purpose. */
  escapeSpans: Array<[number, number]>;
}

export interface FindOptions {
  /** Reads a file that file() / templatefile() names; undefined when it cannot be read. */
  readFile?(path: string): string | undefined;
  /** Names of the files in a folder, for a file() path computed from `each.key` and the like. */
  listDirectory?(path: string): string[] | undefined;
  /** Platform / workflow type for documents whose resource does not say (CLI flags); the resource wins. */
  defaults?: Pick<ValidateOptions, 'platform' | 'workflowType'>;
}

export interface FoundDocuments {
  host?: HostKind;
  documents: EmbeddedDocument[];
  /** Host-positioned notes about the host itself: syntax errors, S3 documents, computed data. */
  diagnostics: Diagnostic[];
}
