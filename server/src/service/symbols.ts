/**
 * Declarations and references of a document, with the range of each name and of each part of a
 * reference. Built once per analysis (see `analysis.ts`) and read by navigation, completion,
 * hover, rename and by the rules that judge references, so they can never disagree.
 */
import type { Range } from './types';

export type DeclarationKind = 'parameter' | 'constant' | 'phase' | 'step' | 'loop' | 'output';

export interface Declaration {
  kind: DeclarationKind;
  name: string;
  /** `build.Download` for a component step, the name itself elsewhere. */
  qualifiedName: string;
  /** Offsets and range of the name as written: the key of `- Name:`, the value of `name: X`. */
  nameStart: number;
  nameEnd: number;
  nameRange: Range;
  /** The whole declaration (the step's mapping, the parameter's item). */
  range: Range;
  /** A component step's or loop's phase. */
  phase?: string;
  /** Index of the step in document order (component: across phases; workflow: in `steps`). */
  stepIndex?: number;
  /** The step's action, for steps. */
  action?: string;
  /** Declared type and default of a parameter, value of a constant, described for hover. */
  type?: string;
  defaultValue?: string;
  description?: string;
}

export type PartRole = 'root' | 'name' | 'phase' | 'step' | 'section' | 'index' | 'key' | 'loop' | 'property' | 'namespace';

export interface ReferencePart {
  role: PartRole;
  text: string;
  start: number;
  end: number;
  range: Range;
  /** The declaration this part names, when it names one that exists. */
  target?: Declaration;
}

export type ReferenceKind =
  | 'variable' | 'loop' | 'chaining' | 'ssm' | 'env' | 'imds' | 'context' | 'goTemplate' | 'unknownNamespace' | 'malformed'
  | 'parameter' | 'stepOutput' | 'imagebuilder' | 'workflowOutput' | 'jsonpath';

export interface SymbolReference {
  /** `{{ ... }}` of components (and `{{ $... }}` of workflows), or a bare JSONPath. */
  syntax: 'template' | 'jsonpath';
  kind: ReferenceKind;
  /** The expression without braces, trimmed: `build.Download.outputs.destination`, `$.parameters.x`. */
  text: string;
  /** Offsets and range of `text` in the document. */
  start: number;
  end: number;
  range: Range;
  /** Offsets of the whole written form, braces included for templates. */
  outerStart: number;
  outerEnd: number;
  parts: ReferencePart[];
  /** The declaration the whole reference names: the variable, the loop, the chained step. */
  target?: Declaration;
  /** Index of the step the reference is written in (see Declaration.stepIndex); none at document level. */
  fromStep?: number;
}

export interface PartAt {
  reference: SymbolReference;
  part?: ReferencePart;
}

export class SymbolIndex {
  constructor(
    readonly declarations: readonly Declaration[],
    readonly references: readonly SymbolReference[],
  ) {}

  // Sorted by start, for binary search: editors ask at every keystroke and pointer move.
  private declarationsByStart?: Declaration[];
  private referencesByStart?: SymbolReference[];

  /** The declaration whose name is at `offset` (inclusive of the end, where a cursor sits after typing). */
  declarationAt(offset: number): Declaration | undefined {
    this.declarationsByStart ??= [...this.declarations].sort((a, b) => a.nameStart - b.nameStart);
    return containing(this.declarationsByStart, offset, (d) => d.nameStart, (d) => d.nameEnd);
  }

  /** The reference, and the part of it, at `offset`. */
  referenceAt(offset: number): PartAt | undefined {
    this.referencesByStart ??= [...this.references].sort((a, b) => a.outerStart - b.outerStart);
    const reference = containing(this.referencesByStart, offset, (r) => r.outerStart, (r) => r.outerEnd);
    if (!reference) return undefined;
    return { reference, part: reference.parts.find((p) => p.start <= offset && offset <= p.end) };
  }

  /** Every reference part that names `declaration`. */
  usesOf(declaration: Declaration): PartAt[] {
    const uses: PartAt[] = [];
    for (const reference of this.references) {
      for (const part of reference.parts) if (part.target === declaration) uses.push({ reference, part });
    }
    return uses;
  }

  /** The declaration a position names: a declaration's name, or a reference part with a target. */
  symbolAt(offset: number): Declaration | undefined {
    const declared = this.declarationAt(offset);
    if (declared) return declared;
    const at = this.referenceAt(offset);
    return at?.part?.target ?? (at && !at.part ? at.reference.target : undefined);
  }

  byKind(kind: DeclarationKind): Declaration[] {
    return this.declarations.filter((d) => d.kind === kind);
  }
}

/**
 * The first of non-overlapping spans, sorted by start, that contains `offset` (ends included):
 * the last span starting at or before it, or the one before when both touch the offset.
 */
function containing<T>(sorted: readonly T[], offset: number, start: (item: T) => number, end: (item: T) => number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (start(sorted[middle]) <= offset) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  let found: T | undefined;
  for (let i = last; i >= 0 && end(sorted[i]) >= offset; i--) found = sorted[i];
  return found;
}
