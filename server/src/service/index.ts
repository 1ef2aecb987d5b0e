/**
 * The language service's facade: what the CLI and the language server import. Every function is
 * pure: text and options in, plain LSP-shaped data out; none does I/O or throws on user input.
 * Features take an `Analysis` (one per text version, see analysis.ts) so nothing parses twice.
 */
export { analyze, Analysis, type AnalyzeOptions } from './analysis';
export { validate, validateParsed } from './validate';
export { cursorAt, nodeAt, type CursorContext, type NodeContext } from './cursor';
export { detectDocument, contentKind, type Detection } from './detect';
export { SymbolIndex, type Declaration, type SymbolReference, type ReferencePart } from './symbols';
export type { Diagnostic, DocumentKind, Position, Range, Severity, ValidateOptions } from './types';
