/**
 * The JSONPath references of workflow documents (spec A.5): `$.parameters.<name>`,
 * `$.stepOutputs.<step>.<output>`, `$.workflowOutputs.<name>` and `$.imagebuilder.<variable>`,
 * written as a `<key>.$` value, as a bare value in conditions, or as `{{ $... }}` inside text.
 */

export type PathSegment = string | number;

export const REFERENCE_ROOTS = ['parameters', 'stepOutputs', 'workflowOutputs', 'imagebuilder'] as const;
export type ReferenceRoot = (typeof REFERENCE_ROOTS)[number];

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; problem: string };

/** A value that is meant as a JSONPath: it starts with `$.` or `$[`. `$DEFAULT` is not one. */
export function looksLikeJsonPath(value: unknown): boolean {
  return typeof value === 'string' && /^\s*\$[.[]/.test(value);
}

/** Splits `$.a.b[0]['c d']` into segments; says what is wrong when it is not well formed. */
export function parseJsonPath(raw: string): ParsedPath {
  const text = raw.trim();
  if (!text.startsWith('$')) return { ok: false, problem: 'a JSONPath starts with `$.`' };
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest[0] === '.') {
      const name = /^\.([^.[\]\s'"{}]+)/.exec(rest);
      if (!name) return { ok: false, problem: `a name is missing after the \`.\` at character ${i + 1}` };
      segments.push(name[1]);
      i += name[0].length;
    } else if (rest[0] === '[') {
      const index = /^\[\s*(\d+|\*|'[^']*'|"[^"]*")\s*\]/.exec(rest);
      if (!index) return { ok: false, problem: `\`[\` at character ${i + 1} must hold an index such as \`[0]\` or a quoted name` };
      const inner = index[1];
      segments.push(/^\d+$/.test(inner) ? Number(inner) : inner === '*' ? '*' : inner.slice(1, -1));
      i += index[0].length;
    } else {
      return { ok: false, problem: `\`${rest[0]}\` at character ${i + 1} is not allowed here` };
    }
  }
  if (segments.length === 0) return { ok: false, problem: '`$` alone names nothing; write e.g. `$.parameters.<name>`' };
  return { ok: true, segments };
}

export interface LocatedSegment {
  value: PathSegment;
  /** Offsets of the segment's text within the path: the name without `.`, the inside of `['...']`. */
  start: number;
  end: number;
}

/**
 * The segments of a path with their offsets, as far as the path is well formed: a half-typed
 * `$.stepOutputs.` gives `stepOutputs` and an empty last segment, for completion.
 */
export function locateSegments(path: string): LocatedSegment[] {
  const segments: LocatedSegment[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    const rest = path.slice(i);
    const name = /^\.([^.[\]\s'"{}]*)/.exec(rest);
    const index = /^\[\s*(\d+|\*|'[^']*'|"[^"]*")\s*\]/.exec(rest);
    if (name) {
      segments.push({ value: name[1], start: i + 1, end: i + 1 + name[1].length });
      i += name[0].length;
      if (name[1] === '') break;
    } else if (index) {
      const inner = index[1];
      const at = i + index[0].indexOf(inner);
      const quoted = inner.startsWith("'") || inner.startsWith('"');
      segments.push({
        value: /^\d+$/.test(inner) ? Number(inner) : inner === '*' ? '*' : inner.slice(1, -1),
        start: quoted ? at + 1 : at,
        end: quoted ? at + inner.length - 1 : at + inner.length,
      });
      i += index[0].length;
    } else {
      break;
    }
  }
  return segments;
}

export interface Interpolation {
  /** The JSONPath inside the braces, trimmed. */
  path: string;
  /** Offsets of the path (not the braces) within the searched text. */
  start: number;
  end: number;
}

const INTERPOLATION = /\{\{\s*(\$[^{}]*?)\s*\}\}/g;

/**
 * `{{ $... }}` interpolations in a text. `{{ imagebuilder:buildDate }}` and other AMI-name
 * placeholders (no `$`) are not JSONPath and are left alone.
 */
export function findInterpolations(text: string): Interpolation[] {
  const found: Interpolation[] = [];
  for (const match of text.matchAll(INTERPOLATION)) {
    const start = (match.index ?? 0) + match[0].indexOf(match[1]);
    found.push({ path: match[1], start, end: start + match[1].length });
  }
  return found;
}

/** The text with every `{{ ... }}` replaced by `0`, which is valid JSON inside or outside quotes. */
export function withoutInterpolations(text: string): string {
  return text.replace(/\{\{[^{}]*\}\}/g, '0');
}

/** Writes segments back as a JSONPath, e.g. for a suggested replacement. */
export function formatJsonPath(segments: PathSegment[]): string {
  return `$${segments.map((s) => (typeof s === 'number' || s === '*' ? `[${s}]` : /^[^.[\]\s'"{}]+$/.test(s) ? `.${s}` : `['${s}']`)).join('')}`;
}
