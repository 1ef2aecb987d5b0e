/**
 * Where a position-based request lands: in a standalone Image Builder document, or inside a
 * document embedded in a CloudFormation template (a `Data` block scalar, a JSON string) or a
 * Terraform heredoc. Features ask here, call the service on the document's own analysis and
 * move the ranges of their answer back with `toHost`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../service/types';
import { embeddedAt } from './hosts';
import type { Workspace } from './workspace';

export interface RequestTarget {
  analysis: NonNullable<ReturnType<Workspace['imageBuilder']>>;
  /** The position inside the analysed text. */
  position: Position;
  offset: number;
  /** Moves a range of the analysed text to the requested document (identity for standalone documents). */
  toHost(range: Range): Range;
  embedded: boolean;
  /** Rewrites text inserted at the target for its host: indentation of a block scalar, escapes of a JSON string. */
  toHostText(text: string): string;
}

export function targetAt(workspace: Workspace, uri: string, position: Position): RequestTarget | undefined {
  const document = workspace.documents.get(uri);
  // A position outside the text has no answer, rather than the answer at a clamped position.
  if (!document || !inside(document, position)) return undefined;
  const analysis = workspace.imageBuilder(uri);
  if (analysis) {
    const offset = analysis.offsetAt(position);
    return { analysis, position: analysis.lines.positionAt(offset), offset, toHost: (range) => range, embedded: false, toHostText: (text) => text };
  }
  const embedded = embeddedAt(workspace, uri, document.offsetAt(position));
  if (!embedded) return undefined;
  const inner = embedded.analysis.lines.positionAt(embedded.offset);
  // The host column where the document's line starts: a block scalar's indentation.
  const lineStart = embedded.toHost({ start: { line: inner.line, character: 0 }, end: { line: inner.line, character: 0 } }).start.character;
  const json = document.getText().trimStart().startsWith('{');
  const toHostText = (text: string) => (json ? JSON.stringify(text).slice(1, -1) : text.replace(/\n/g, `\n${' '.repeat(lineStart)}`));
  return { analysis: embedded.analysis, position: inner, offset: embedded.offset, toHost: embedded.toHost, embedded: true, toHostText };
}

function inside(document: TextDocument, position: Position): boolean {
  if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) return false;
  if (position.line < 0 || position.character < 0 || position.line >= document.lineCount) return false;
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  return position.character <= line.replace(/\r?\n$|\r$/, '').length;
}
