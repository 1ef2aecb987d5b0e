/**
 * Cursor-marker documents for service tests: `‸` marks the cursor (not `|`, which is YAML's
 * block-scalar indicator). Returns the text without the marker and the marker's offset.
 */
export const CURSOR = '‸';

export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('the document has no ‸ cursor marker');
  if (marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('the document has more than one ‸ cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** Strips the common indentation of a template literal, so documents can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
