/**
 * Find references: every use of the declaration at the position (from its name or from any
 * use), with the declaration itself when the client asks for it. Uses come from the symbol
 * index, the same one `unused-parameter` and the reference rules read.
 */
import type { Analysis } from './analysis';
import { offsetOf } from './shared/position';
import type { Declaration } from './symbols';
import type { Position, Range } from './types';

export function findReferences(analysis: Analysis, position: Position, includeDeclaration = true): Range[] {
  const declaration = declarationAtPosition(analysis, position);
  if (!declaration) return [];
  const uses = analysis.symbols.usesOf(declaration).flatMap((use) => (use.part ? [use.part.range] : []));
  return includeDeclaration ? [declaration.nameRange, ...uses] : uses;
}

/** The declaration a position names: its own name, or a reference part that resolves to it. */
export function declarationAtPosition(analysis: Analysis, position: Position): Declaration | undefined {
  const offset = offsetOf(analysis, position);
  if (offset === undefined || analysis.kind === 'unknown') return undefined;
  return analysis.symbols.symbolAt(offset);
}
