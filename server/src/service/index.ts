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
export { complete, COMPLETION_TRIGGER_CHARACTERS, type CompleteOptions } from './complete';
export { hover } from './hover';
export { definition, type DefinitionTarget } from './definition';
export { findReferences, declarationAtPosition } from './findReferences';
export { prepareRename, rename, type RenameRefusal, type RenameTarget } from './rename';
export { documentSymbols } from './documentSymbols';
export { foldingRanges } from './folding';
export { semanticTokens, semanticTokenList, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
export { documentHighlights } from './highlight';
export { codeActions, fixesFor, asLspDiagnostic, DIAGNOSTIC_SOURCE, type CodeActionOptions } from './codeActions';
export { readFixData, type FixData, type FixDataByCode, type FixableCode } from './fixData';
