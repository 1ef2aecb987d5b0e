/**
 * Where in a document a service error points: the line it names ("line 7", "line 7, column 3"),
 * or the key, step or value it quotes. Pure: text and message in, a range out.
 */
import type { Range } from '../service/types';

/** Request fields that come from metadata or flags, not from the document text. */
export const REQUEST_FIELDS = new Set(['name', 'semanticVersion', 'platform', 'type', 'description', 'changeDescription', 'supportedOsVersions', 'kmsKeyId', 'tags', 'clientToken', 'uri']);

export interface Location {
  range: Range;
  /** What the message named: `line`, `text` (a quoted key or value), or `parameter` (a request field). */
  by: 'line' | 'text' | 'parameter' | 'document';
  parameter?: string;
}

export function locateServiceError(text: string, message: string): Location {
  const lines = text.split(/\r?\n/);
  // A final newline does not start a line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const lineMatch = /\bline[: ]\s*(\d+)(?:\s*,?\s*col(?:umn)?[: ]\s*(\d+))?/i.exec(message);
  if (lineMatch) {
    const line = Math.min(Math.max(Number(lineMatch[1]) - 1, 0), Math.max(lines.length - 1, 0));
    const content = lines[line] ?? '';
    const column = lineMatch[2] ? Math.min(Math.max(Number(lineMatch[2]) - 1, 0), content.length) : content.length - content.trimStart().length;
    return { range: { start: { line, character: column }, end: { line, character: content.length } }, by: 'line' };
  }
  const quoted = [...message.matchAll(/'([^'\n]{1,200})'|"([^"\n]{1,200})"|`([^`\n]{1,200})`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  // "The value supplied for parameter 'name' is not valid": a request field, not the document.
  const parameter = /parameter\s+'([A-Za-z]+)'/.exec(message)?.[1];
  if (parameter && REQUEST_FIELDS.has(parameter)) return { range: firstLine(lines), by: 'parameter', parameter };
  for (const word of quoted) {
    if (word === 'data' || word.trim() === '') continue;
    const found = findText(lines, word);
    if (found) return { range: found, by: 'text' };
  }
  return { range: firstLine(lines), by: 'document' };
}

/** The first place `word` appears as a key, a `name:` value, or a whole word. */
function findText(lines: string[], word: string): Range | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [
    new RegExp(`^\\s*(?:-\\s+)?name:\\s*["']?(${escaped})["']?\\s*(?:#.*)?$`),
    new RegExp(`^\\s*(?:-\\s+)?(${escaped})\\s*:`),
    new RegExp(`(?<![\\w.$-])(${escaped})(?![\\w-])`),
  ];
  for (const pattern of patterns) {
    for (let line = 0; line < lines.length; line++) {
      const m = pattern.exec(lines[line]);
      if (!m) continue;
      const start = m.index + m[0].indexOf(m[1]);
      return { start: { line, character: start }, end: { line, character: start + m[1].length } };
    }
  }
  return undefined;
}

function firstLine(lines: string[]): Range {
  const line = Math.max(0, lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#')));
  return { start: { line, character: 0 }, end: { line, character: (lines[line] ?? '').length } };
}
