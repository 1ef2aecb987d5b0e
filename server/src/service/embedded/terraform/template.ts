/**
 * Terraform string templates (heredocs, quoted strings, the files templatefile() reads) as the
 * text they render to: `${...}` becomes an opaque value, `%{ if }` keeps its first branch and
 * `%{ for }` its body once, `~` strip markers remove the whitespace they name, `$${` / `%%{`
 * are the literal `${` / `%{`, and `<<-` heredocs lose their common indentation.
 */
import { MappedText, MappedTextBuilder, opaqueValue } from '../sourceMap';
import { parseHcl, type SyntaxNode } from './parser';

export type TemplateStyle = 'heredoc' | 'flush-heredoc' | 'quoted';

interface Hole {
  start: number;
  end: number;
  /** An interpolation is a value; a directive marker or a skipped branch is nothing. */
  value: boolean;
  stripBefore: boolean;
  stripAfter: boolean;
}

const QUOTED_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Renders host[start, end) given the template nodes of the parse tree below `container`. */
export function renderTemplate(host: string, start: number, end: number, container: SyntaxNode, style: TemplateStyle): MappedText {
  const holes: Hole[] = [];
  collectHoles(host, container, holes);
  holes.sort((a, b) => a.start - b.start);
  const indent = style === 'flush-heredoc' ? commonIndent(host, start, end, holes) : 0;
  const builder = new MappedTextBuilder();
  let at = start;
  let holeIndex = 0;
  let lineStart = true;
  while (at < end) {
    while (holeIndex < holes.length && holes[holeIndex].end <= at) holeIndex++;
    const hole = holes[holeIndex];
    if (hole && hole.start <= at) {
      if (hole.stripBefore) builder.trimEnd();
      if (hole.value) builder.mapped(opaqueValue(host.slice(hole.start + 2, hole.end - 1)), hole.start, hole.end, 'opaque');
      at = hole.end;
      if (hole.stripAfter) while (at < end && /\s/.test(host[at])) at++;
      holeIndex++;
      lineStart = false;
      continue;
    }
    if (lineStart && indent > 0) {
      let skip = 0;
      while (skip < indent && at + skip < end && (host[at + skip] === ' ' || host[at + skip] === '\t')) skip++;
      at += skip;
      lineStart = false;
      continue;
    }
    lineStart = false;
    const c = host[at];
    if ((c === '$' || c === '%') && host[at + 1] === c && host[at + 2] === '{') {
      builder.mapped(`${c}{`, at, at + 3, 'escape');
      at += 3;
      continue;
    }
    if (style === 'quoted' && c === '\\') {
      const next = host[at + 1];
      const hex = next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hex) {
        const code = parseInt(host.slice(at + 2, at + 2 + hex), 16);
        builder.mapped(Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '', at, at + 2 + hex, 'escape');
        at += 2 + hex;
      } else {
        builder.mapped(QUOTED_ESCAPES[next] ?? next ?? '', at, at + 2, 'escape');
        at += 2;
      }
      continue;
    }
    // A run of ordinary characters, up to and including a line break, or to a special character.
    const stop = hole ? Math.min(hole.start, end) : end;
    let runEnd = at;
    while (runEnd < stop && host[runEnd] !== '\n' && !(runEnd > at && '$%\\'.includes(host[runEnd]))) runEnd++;
    if (runEnd < stop && host[runEnd] === '\n') {
      runEnd++;
      lineStart = true;
    }
    builder.copy(host, at, Math.max(runEnd, at + 1));
    at = Math.max(runEnd, at + 1);
  }
  return builder.build();
}

function collectHoles(host: string, node: SyntaxNode, holes: Hole[]): void {
  for (const child of node.namedChildren) {
    switch (child.type) {
      case 'template_interpolation':
        holes.push(hole(host, child.startIndex, child.endIndex, true));
        break;
      case 'template_if': {
        const elseIntro = child.namedChildren.find((c) => c.type === 'template_else_intro');
        for (const part of child.namedChildren) {
          if (part.type === 'template_if_intro') holes.push(hole(host, part.startIndex, part.endIndex, false));
          else if (part.type === 'template_if_end') {
            // The else branch is dropped with its markers: one branch is enough to check.
            holes.push(hole(host, elseIntro ? elseIntro.startIndex : part.startIndex, part.endIndex, false));
          } else if (!elseIntro || part.startIndex < elseIntro.startIndex) collectHoles(host, wrap(part), holes);
        }
        break;
      }
      case 'template_for':
        for (const part of child.namedChildren) {
          if (part.type === 'template_for_start' || part.type === 'template_for_end') holes.push(hole(host, part.startIndex, part.endIndex, false));
          else collectHoles(host, wrap(part), holes);
        }
        break;
      default:
        collectHoles(host, child, holes);
    }
  }
}

/** A node inside a directive body may itself be an interpolation: look at it, not just below it. */
function wrap(node: SyntaxNode): SyntaxNode {
  return { namedChildren: [node] } as unknown as SyntaxNode;
}

function hole(host: string, start: number, end: number, value: boolean): Hole {
  return { start, end, value, stripBefore: host[start + 2] === '~', stripAfter: host[end - 2] === '~' };
}

/** The smallest indentation of the lines that have content (the `<<-` rule). */
function commonIndent(host: string, start: number, end: number, holes: Hole[]): number {
  let smallest = Infinity;
  let at = start;
  while (at < end) {
    let lineEnd = host.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let spaces = 0;
    while (at + spaces < lineEnd && (host[at + spaces] === ' ' || host[at + spaces] === '\t')) spaces++;
    const hasContent = at + spaces < lineEnd && host[at + spaces] !== '\r';
    const inHole = holes.some((h) => h.start < at && h.end > at);
    if (hasContent && !inHole) smallest = Math.min(smallest, spaces);
    at = lineEnd + 1;
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

/**
 * A file that templatefile() reads, parsed as the body of a heredoc (the same template
 * language), so the parser finds its interpolations and directives with their offsets.
 */
export function renderTemplateFile(content: string): MappedText | undefined {
  let delimiter = 'IMAGEBUILDER_TEMPLATE';
  while (content.includes(delimiter)) delimiter += '_';
  const prefix = `t = <<${delimiter}\n`;
  const wrapped = `${prefix}${content}\n${delimiter}\n`;
  const { root } = parseHcl(wrapped);
  if (!root) return undefined;
  const heredoc = root.descendantsOfType('heredoc_template')[0];
  const shifted = renderTemplate(wrapped, prefix.length, prefix.length + content.length, heredoc ?? root, 'heredoc');
  const segments = shifted.segments.map((s) => ({ ...s, host: s.host - prefix.length }));
  return new MappedText(shifted.text, segments);
}
