/**
 * Semantic tokens for what a YAML grammar cannot see: the parts of every reference (a
 * parameter, a constant, a loop variable, a chained phase and step, `$.stepOutputs.Step.x`, a
 * system variable), the names where they are declared, and the operators of conditions.
 */
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { keyText, resolve } from './ast';
import { COMPARISON_BY_NAME as COMPONENT_COMPARISONS } from './component/conditions';
import type { Declaration, ReferencePart, SymbolReference } from './symbols';
import type { Range } from './types';
import { COMPARISON_BY_NAME as WORKFLOW_COMPARISONS } from './workflow/conditions';

const TYPES = ['namespace', 'parameter', 'variable', 'property', 'function', 'keyword', 'number'] as const;
const MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;
type TokenType = (typeof TYPES)[number];
type TokenModifier = (typeof MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

export interface SemanticToken {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

/** The tokens, encoded as LSP wants them; only those on the lines of `range` when one is given. */
export function semanticTokens(analysis: Analysis, range?: Range): SemanticTokens {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const token of semanticTokenList(analysis)) {
    const start = analysis.lines.positionAt(token.start);
    const end = analysis.lines.positionAt(token.end);
    if (end.line !== start.line || end.character <= start.character) continue;
    if (range && (start.line < range.start.line || start.line > range.end.line)) continue;
    const deltaLine = start.line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? start.character - previousCharacter : start.character, end.character - start.character,
      TYPES.indexOf(token.type), token.modifiers.reduce((bits, m) => bits | (1 << MODIFIERS.indexOf(m)), 0));
    previousLine = start.line;
    previousCharacter = start.character;
  }
  return { data };
}

/** Every token in document order, none overlapping. */
export function semanticTokenList(analysis: Analysis): SemanticToken[] {
  if (analysis.kind === 'unknown') return [];
  const tokens: SemanticToken[] = [];
  for (const declaration of analysis.symbols.declarations) {
    const token = declarationToken(analysis, declaration);
    if (token) tokens.push(token);
  }
  for (const reference of analysis.symbols.references) {
    for (const part of reference.parts) {
      const token = partToken(reference, part);
      if (token) tokens.push(token);
    }
  }
  tokens.push(...operatorTokens(analysis));
  tokens.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SemanticToken[] = [];
  for (const token of tokens) if (token.end > token.start && (kept.length === 0 || token.start >= kept[kept.length - 1].end)) kept.push(token);
  return kept;
}

const DECLARATION_TYPES: Record<Declaration['kind'], [TokenType, TokenModifier[]]> = {
  parameter: ['parameter', ['declaration']],
  constant: ['variable', ['declaration', 'readonly']],
  phase: ['namespace', ['declaration']],
  step: ['function', ['declaration']],
  loop: ['variable', ['declaration']],
  output: ['property', ['declaration']],
};

function declarationToken(analysis: Analysis, declaration: Declaration): SemanticToken | undefined {
  let { nameStart: start, nameEnd: end } = declaration;
  const first = analysis.text[start];
  // A quoted name: the token is the name, not its quotes.
  if ((first === "'" || first === '"') && analysis.text[end - 1] === first && end - start >= 2) {
    start++;
    end--;
  }
  const [type, modifiers] = DECLARATION_TYPES[declaration.kind];
  return { start, end, type, modifiers };
}

function partToken(reference: SymbolReference, part: ReferencePart): SemanticToken | undefined {
  const token = (type: TokenType, modifiers: TokenModifier[] = []): SemanticToken => ({ start: part.start, end: part.end, type, modifiers });
  switch (part.role) {
    case 'name':
      if (part.target?.kind === 'parameter') return token('parameter');
      if (part.target?.kind === 'constant') return token('variable', ['readonly']);
      return token('variable');
    case 'loop':
      return token('variable');
    case 'phase':
    case 'root':
    case 'namespace':
      return token('namespace');
    case 'step':
      return token('function');
    case 'section':
      return token('keyword');
    case 'index':
      return token('number');
    case 'property':
      if (reference.kind === 'imagebuilder') return token('variable', ['defaultLibrary', 'readonly']);
      return token('property', reference.kind === 'loop' ? ['defaultLibrary'] : []);
    case 'key':
      if (reference.kind === 'context') return token('variable', ['defaultLibrary', 'readonly']);
      if (reference.kind === 'ssm' || reference.kind === 'env' || reference.kind === 'imds') return token('variable', ['readonly']);
      return token('property');
    default:
      return undefined;
  }
}

/** Operator keys of `if` trees and of Assert's inputs: comparisons as functions, `and`/`or`/`not` as keywords. */
function operatorTokens(analysis: Analysis): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  const component = analysis.component;
  const workflow = analysis.workflow;
  const comparisons: ReadonlyMap<string, unknown> = component ? COMPONENT_COMPARISONS : WORKFLOW_COMPARISONS;
  const doc = analysis.parsed.yaml;
  const visit = (raw: unknown, depth: number) => {
    const node = resolve(raw, doc);
    if (depth > 50 || !node) return;
    if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair);
      const range = (pair.key as Node | null)?.range;
      if (key === undefined || !range) continue;
      if (key === 'and' || key === 'or' || key === 'not') {
        tokens.push({ start: range[0], end: range[1], type: 'keyword', modifiers: [] });
        visit(pair.value, depth + 1);
      } else if (comparisons.has(key)) {
        tokens.push({ start: range[0], end: range[1], type: 'function', modifiers: ['defaultLibrary'] });
      }
    }
  };
  for (const step of component?.steps ?? []) {
    visit(step.ifPair?.value, 0);
    if (step.action === 'Assert') visit(step.inputs, 0);
  }
  for (const step of workflow?.steps ?? []) visit(step.ifPair?.value, 0);
  return tokens;
}
