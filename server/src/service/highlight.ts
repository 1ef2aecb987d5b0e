/**
 * Document highlight: the declaration under the cursor (written: Write) and its uses (read:
 * Read), whether the cursor is on the name or on a use.
 */
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { declarationAtPosition } from './findReferences';
import type { Position } from './types';

export function documentHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  const declaration = declarationAtPosition(analysis, position);
  if (!declaration) return [];
  return [
    { range: declaration.nameRange, kind: DocumentHighlightKind.Write },
    ...analysis.symbols.usesOf(declaration).flatMap((use) => (use.part ? [{ range: use.part.range, kind: DocumentHighlightKind.Read }] : [])),
  ];
}
