/**
 * Unsubstituted template placeholders: `${name}` (Terraform templatefile, CloudFormation !Sub,
 * shell-style generators) and `%{ if }` / `%{ for }` directives. Image Builder takes them
 * literally, and `%{` even breaks the YAML, so the user should render the template first.
 */
import { isPair, isScalar, visit } from 'yaml';
import { diagnostic } from '../diagnostics';
import type { ParsedDocument } from '../parse';
import type { Diagnostic } from '../types';

const PLACEHOLDER = /\$\{[^}\n]{1,200}\}|%\{[^}\n]{0,200}\}/g;
/** Keys whose values are scripts, where `${VAR}` is the shell's own syntax. */
const SCRIPT_KEYS = new Set(['commands']);

export function checkPlaceholders(parsed: ParsedDocument, existing: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { text, lines } = parsed;
  if (!text.includes('${') && !text.includes('%{')) return out;

  // When the YAML did not parse, explain template directives found on the text itself.
  if (existing.some((d) => d.code === 'yaml-syntax')) {
    for (const match of text.matchAll(/%\{[^}\n]{0,200}\}/g)) {
      const start = match.index ?? 0;
      // A directive mentioned in a comment is not part of the template.
      const lineStart = text.lastIndexOf('\n', start) + 1;
      if (text.slice(lineStart, start).includes('#')) continue;
      out.push(diagnostic('template-placeholder', lines.range(start, start + match[0].length),
        `\`${match[0]}\` is a template directive (Terraform templatefile): the file is a template, not yet a document. Render it first; the YAML errors nearby come from it.`));
    }
    if (out.length) return out;
  }

  const doc = parsed.yaml;
  if (!doc) return out;
  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || !node.range) return;
      if (!node.value.includes('${') && !node.value.includes('%{')) return;
      if (path.some((ancestor) => isPair(ancestor) && isScalar(ancestor.key) && SCRIPT_KEYS.has(String(ancestor.key.value)))) return;
      const [start, end] = node.range;
      const source = text.slice(start, end);
      for (const match of source.matchAll(PLACEHOLDER)) {
        const at = start + (match.index ?? 0);
        out.push(diagnostic('template-placeholder', lines.range(at, at + match[0].length),
          `\`${match[0]}\` looks like an unsubstituted template placeholder; Image Builder would use it literally. Render the template (Terraform, CloudFormation !Sub) before linting or publishing.`));
      }
    },
  } as Parameters<typeof visit>[1]);
  return out;
}

