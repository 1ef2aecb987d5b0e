/**
 * Rename, with `prepareRename`: parameters, constants, loop names and step names, from the
 * declaration or any use. Every use the symbol index knows is rewritten (`{{ Name }}`,
 * `aws:ssm:resolve(Name)`, `phase.Step.outputs.x`, `$.parameters.x`, `$.stepOutputs.Step.x`,
 * `distributedImages.$`), the declaration keeps its quoting and gains quotes when YAML would
 * otherwise read the new name as something else. What cannot be renamed, and names the
 * document format rejects, are refused with a message the editor shows.
 */
import { parse as parseYaml } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { NAME_PATTERN } from './component/schema';
import { nodeAt } from './cursor';
import { offsetOf } from './shared/position';
import type { Declaration } from './symbols';
import type { Position, Range } from './types';
import { STEP_NAME_UNION } from './workflow/schema';

export interface RenameRefusal {
  refused: string;
}

export interface RenameTarget {
  /** The name under the cursor, quotes excluded. */
  range: Range;
  placeholder: string;
}

const RENAMEABLE = new Set<Declaration['kind']>(['parameter', 'constant', 'loop', 'step']);

export function prepareRename(analysis: Analysis, position: Position): RenameTarget | RenameRefusal {
  const found = renameable(analysis, position);
  if ('refused' in found) return found;
  return { range: found.range, placeholder: found.declaration.name };
}

export function rename(analysis: Analysis, position: Position, newName: string): TextEdit[] | RenameRefusal {
  const found = renameable(analysis, position);
  if ('refused' in found) return found;
  const { declaration } = found;
  if (newName === declaration.name) return [];
  const invalid = checkName(analysis, declaration, newName);
  if (invalid) return { refused: invalid };

  const text = analysis.text;
  const written = writtenName(analysis, declaration);
  if ('refused' in written) return written;
  const edits: TextEdit[] = [{ range: written.range, newText: written.quote ? quoteAs(newName, written.quote) : plainOrQuoted(newName) }];
  for (const use of analysis.symbols.usesOf(declaration)) {
    const part = use.part;
    if (!part) continue;
    // A part whose source text is not the name (an escape in a quoted scalar) cannot be edited in place.
    if (text.slice(part.start, part.end) !== declaration.name) return { refused: `A reference to \`${declaration.name}\` at line ${part.range.start.line + 1} is written with escapes; rename it by hand.` };
    edits.push({ range: part.range, newText: newName });
  }
  return edits;
}

interface Found {
  declaration: Declaration;
  range: Range;
}

function renameable(analysis: Analysis, position: Position): Found | RenameRefusal {
  const offset = offsetOf(analysis, position);
  if (offset === undefined || analysis.kind === 'unknown') return { refused: 'There is nothing to rename here.' };
  const symbols = analysis.symbols;
  const declared = symbols.declarationAt(offset);
  if (declared) {
    const refusal = kindRefusal(declared);
    if (refusal) return { refused: refusal };
    const written = writtenName(analysis, declared);
    return 'refused' in written ? written : { declaration: declared, range: written.range };
  }
  const at = symbols.referenceAt(offset);
  if (at) {
    const part = at.part;
    if (part?.target) {
      const refusal = kindRefusal(part.target);
      return refusal ? { refused: refusal } : { declaration: part.target, range: part.range };
    }
    return { refused: referenceRefusal(part?.text, part?.role, at.reference.kind) };
  }
  const node = nodeAt(analysis, offset);
  if (node?.role === 'value' && node.key === 'action') return { refused: 'Action names are defined by AWSTOE and Image Builder; they cannot be renamed.' };
  if (node?.role === 'key') return { refused: 'Keys are defined by the document format; they cannot be renamed.' };
  return { refused: 'Only parameters, constants, loop names and step names can be renamed: place the cursor on one, or on a reference to one.' };
}

function kindRefusal(declaration: Declaration): string | undefined {
  if (RENAMEABLE.has(declaration.kind)) return undefined;
  if (declaration.kind === 'phase') return 'Phases are not renamed: Image Builder runs phases by their names (`build`, `validate`, `test`, `container-host-test`).';
  return `Workflow outputs are read by later workflows as \`$.workflowOutputs.${declaration.name}\`, outside this document; rename it by hand.`;
}

function referenceRefusal(text: string | undefined, role: string | undefined, kind: string): string {
  if (role === 'loop' && text === 'loop') return '`loop` is the built-in name of the current loop; it cannot be renamed.';
  if (role === 'namespace' || role === 'root' || role === 'section' || role === 'property' || kind === 'imagebuilder' || kind === 'context' || kind === 'env' || kind === 'imds' || kind === 'ssm' || kind === 'workflowOutput') {
    return `\`${text ?? ''}\` is built in or defined outside this document; it cannot be renamed.`;
  }
  if (role === 'key' || role === 'index') return 'Input and output keys are defined by the action; they cannot be renamed.';
  return text ? `\`${text}\` is not declared in this document; there is nothing to rename.` : 'There is nothing to rename here.';
}

/** The name as written: its range without quotes, and the quote it is written with. */
function writtenName(analysis: Analysis, declaration: Declaration): { range: Range; quote?: "'" | '"' } | RenameRefusal {
  const raw = analysis.text.slice(declaration.nameStart, declaration.nameEnd);
  const first = raw[0];
  if (first === "'" || first === '"') {
    const inner = raw.slice(1, -1);
    const unescaped = first === "'" ? inner.replace(/''/g, "'") : inner;
    if (raw.length < 2 || raw[raw.length - 1] !== first || unescaped !== declaration.name || (first === '"' && inner.includes('\\'))) {
      return { refused: `\`${declaration.name}\` is written with escapes; rename it by hand.` };
    }
    return { range: analysis.lines.range(declaration.nameStart + 1, declaration.nameEnd - 1), quote: first };
  }
  if (raw !== declaration.name) return { refused: `\`${declaration.name}\` is not written as a plain or quoted name here; rename it by hand.` };
  return { range: declaration.nameRange };
}

const COMPONENT_NAME = new RegExp(NAME_PATTERN);
const WORKFLOW_STEP_NAME = new RegExp(STEP_NAME_UNION);
// Stricter than the API's `[^\x00]+`, so `$.parameters.<name>` stays a plain JSONPath and plain YAML.
const WORKFLOW_PARAMETER_NAME = /^[A-Za-z0-9_-]{1,128}$/;

function checkName(analysis: Analysis, declaration: Declaration, name: string): string | undefined {
  const what = declaration.kind === 'loop' ? 'loop name' : `${declaration.kind} name`;
  const shown = `\`${name}\``;
  if (analysis.kind === 'workflow') {
    if (declaration.kind === 'step' && !WORKFLOW_STEP_NAME.test(name)) {
      return `${shown} is not a valid step name: use 3 to 128 letters, digits or \`_\` (the API also accepts \`-\` in names of up to 100 characters that start with a letter).`;
    }
    if (declaration.kind === 'parameter' && !WORKFLOW_PARAMETER_NAME.test(name)) {
      return `${shown} is not a valid parameter name here: use 1 to 128 letters, digits, \`-\` or \`_\`, so \`$.parameters.${name}\` stays a plain JSONPath.`;
    }
  } else if (!COMPONENT_NAME.test(name)) {
    return `${shown} is not a valid ${what}: use 3 to 128 letters, digits, \`-\` or \`_\`.`;
  }
  if ((declaration.kind === 'loop' || declaration.kind === 'parameter' || declaration.kind === 'constant') && name === 'loop' && analysis.kind === 'component') {
    return '`loop` is the built-in name of the current loop; choose another name.';
  }
  const clash = analysis.symbols.declarations.find((d) => d !== declaration && d.name === name && sameScope(declaration, d));
  if (clash) return `${shown} is already declared as a ${clash.kind} at line ${clash.nameRange.start.line + 1}.`;
  return undefined;
}

/** Where two names must differ: variables across parameters and constants, steps and loops per phase (components) or document (workflows). */
function sameScope(a: Declaration, b: Declaration): boolean {
  const variable = (d: Declaration) => d.kind === 'parameter' || d.kind === 'constant';
  if (variable(a)) return variable(b);
  if (a.kind !== b.kind) return false;
  return a.phase === b.phase;
}

function quoteAs(name: string, quote: "'" | '"'): string {
  return quote === "'" ? name.replace(/'/g, "''") : name.replace(/["\\]/g, (c) => `\\${c}`);
}

/** The name as a plain scalar when YAML (1.1 as AWSTOE reads it, and 1.2) reads it back as that string; quoted otherwise. */
function plainOrQuoted(name: string): string {
  return readsAsString(name, '1.1') && readsAsString(name, '1.2') ? name : `'${quoteAs(name, "'")}'`;
}

function readsAsString(name: string, version: '1.1' | '1.2'): boolean {
  try {
    return parseYaml(name, { version }) === name;
  } catch {
    return false;
  }
}
