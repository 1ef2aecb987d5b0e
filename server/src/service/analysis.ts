/**
 * One analysis per text version: the parse, the directives, the kind and whether it is an
 * Image Builder document at all, the kind's model, its symbols and its diagnostics. Every
 * feature reads the same analysis; parts are built the first time a feature asks for them, so
 * a hover does not pay for validation and validation does not pay for symbols it never reads.
 */
import { buildComponentModel, type ComponentModel } from './component/model';
import { componentSymbols } from './component/symbols';
import { detectDocument, type Detection } from './detect';
import { readDirectives, type Directives } from './directives';
import { parse, type ParsedDocument } from './parse';
import { SymbolIndex } from './symbols';
import type { LineIndex } from './text';
import type { Diagnostic, DocumentKind, Platform, ValidateOptions, WorkflowType } from './types';
import { detectKind, validateParsed } from './validate';
import { buildWorkflowModel, type WorkflowModel } from './workflow/model';
import { workflowSymbols } from './workflow/symbols';

export interface AnalyzeOptions extends ValidateOptions {
  /** The project metadata, the `files` setting or a flag names this file as an Image Builder document. */
  declared?: boolean;
  /** Name and last recorded version from the project metadata, for display. */
  name?: string;
  version?: string;
}

export class Analysis {
  readonly parsed: ParsedDocument;
  readonly directives: Directives;
  readonly kind: DocumentKind;
  readonly detection: Detection;
  private componentModel?: ComponentModel | null;
  private workflowModel?: WorkflowModel | null;
  private symbolIndex?: SymbolIndex;
  private validation?: Diagnostic[];

  constructor(readonly text: string, readonly options: AnalyzeOptions = {}) {
    this.parsed = parse(text);
    this.directives = readDirectives(text, this.parsed.lines);
    this.kind = options.kind ?? this.directives.kind ?? detectKind(this.parsed.value);
    this.detection = detectDocument(this.parsed.value, text, this.directives, { declared: options.declared || options.kind !== undefined });
  }

  get lines(): LineIndex {
    return this.parsed.lines;
  }

  /** Whether editors should hear about this document at all. */
  get isImageBuilder(): boolean {
    return this.detection.imageBuilder;
  }

  /** Platform and workflow type as the rules use them: options (flags, settings, metadata) first, then directives. */
  get platform(): Platform | undefined {
    return this.options.platform ?? this.directives.platform;
  }

  get workflowType(): WorkflowType | undefined {
    return this.options.workflowType ?? this.directives.workflowType;
  }

  get component(): ComponentModel | undefined {
    if (this.componentModel === undefined) this.componentModel = this.kind === 'component' ? buildComponentModel(this.parsed) ?? null : null;
    return this.componentModel ?? undefined;
  }

  get workflow(): WorkflowModel | undefined {
    if (this.workflowModel === undefined) this.workflowModel = this.kind === 'workflow' ? buildWorkflowModel(this.parsed) ?? null : null;
    return this.workflowModel ?? undefined;
  }

  /** Declarations and references, shared with the rules that judge them. */
  get symbols(): SymbolIndex {
    if (!this.symbolIndex) {
      const component = this.component;
      const workflow = this.workflow;
      this.symbolIndex = component ? componentSymbols(component).index : workflow ? workflowSymbols(workflow).index : new SymbolIndex([], []);
    }
    return this.symbolIndex;
  }

  /** The diagnostics of `validate`, computed once. */
  get diagnostics(): Diagnostic[] {
    this.validation ??= validateParsed(this.parsed, { ...this.options, kind: this.kind === 'unknown' ? undefined : this.kind }, {
      directives: this.directives,
      component: this.component,
      workflow: this.workflow,
    }).diagnostics;
    return this.validation;
  }

  offsetAt(position: { line: number; character: number }): number {
    return this.parsed.lines.offsetAt(position);
  }
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return new Analysis(text, options);
}
