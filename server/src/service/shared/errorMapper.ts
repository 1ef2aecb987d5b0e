/**
 * Turns ajv errors into diagnostics: finds the YAML node each error is about (by its instance
 * path), picks the stable code the error means for that place, and words the message in the
 * document's terms, saying how to fix it.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isPair, type Node, type Pair } from 'yaml';
import { asMap, asSeq, findPair, firstLineRange, keyRange, mappingAnchor, resolve, valueRange } from '../ast';
import { diagnostic, type DiagnosticCode } from '../diagnostics';
import type { DataArgument, LiteralData } from '../fixData';
import type { ParsedDocument } from '../parse';
import type { Diagnostic, Range } from '../types';
import type { JSONSchema } from './jsonSchema';
import type { SchemaContext, Segment } from './schemaValidation';
import { closest, didYouMean, oneOfList } from './suggest';

/**
 * ajv reports a bad key name twice: the errors of the name's own schema (a `pattern` on the
 * mapping, which reads as if a value were wrong), then a `propertyNames` error naming the key.
 * Only the latter is kept: one diagnostic per bad name.
 */
export function withoutKeyNameDetails(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'propertyNames') return;
    for (let j = index - 1; j >= 0 && errors[j].instancePath === error.instancePath && errors[j].keyword !== 'propertyNames'; j--) dropped.add(j);
  });
  return errors.filter((_, index) => !dropped.has(index));
}

function pointerToSegments(pointer: string): Segment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

interface Located {
  /** The node at the path (deepest found). */
  node: Node | null | undefined;
  /** The pair whose value is `node`, when `node` is a mapping value. */
  pair?: Pair;
  /** Whether the whole path was found. */
  complete: boolean;
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping (`key: value` lines)',
  array: 'a list (`- item` lines)',
  null: 'empty',
};

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  // Numbers and booleans are text to the reader; other types (a list) are still worth naming.
  const shown = types.includes('string') && types.includes('number') ? types.filter((t) => t !== 'number' && t !== 'boolean') : types;
  return shown.map((t) => typeWords[String(t)] ?? String(t)).join(' or ');
}

export class ErrorMapper {
  private readonly out: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly context: SchemaContext,
  ) {}

  map(errors: ErrorObject[]): Diagnostic[] {
    // ajv lists the errors of an anyOf/oneOf's branches right before the anyOf/oneOf error
    // itself. Those branch errors are folded into one message about the alternatives.
    const branchesOf = new Map<number, ErrorObject[]>();
    const claimed = new Set<number>();
    errors.forEach((error, index) => {
      if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
      const branches: ErrorObject[] = [];
      const belongs = branchMatcher(error);
      for (let j = index - 1; j >= 0 && belongs(errors[j]); j--) {
        if (!claimed.has(j)) branches.unshift(errors[j]);
        claimed.add(j);
      }
      branchesOf.set(index, branches);
    });
    errors.forEach((error, index) => {
      if (claimed.has(index)) return;
      if (branchesOf.has(index)) this.alternative(error, branchesOf.get(index)!);
      else this.single(error);
    });
    return this.out;
  }

  covered(error: ErrorObject): boolean {
    const segments = pointerToSegments(error.instancePath);
    return this.context.coveredByRules(segments, this.where(segments).action, (path) => this.valueAt(path));
  }

  private add<C extends DiagnosticCode>(code: C, range: Range, message: string, data?: DataArgument<C>): void {
    const key = `${code}|${range.start.line}:${range.start.character}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(diagnostic(code, range, message, data));
  }

  private locate(segments: Segment[]): Located {
    const doc = this.parsed.yaml;
    let node: Node | null | undefined = resolve(doc?.contents, doc);
    let pair: Pair | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (typeof segment === 'number') {
        const seq = asSeq(node, doc);
        const item = seq?.items[segment];
        if (!seq || item === undefined) return { node, pair, complete: false };
        node = resolve(item, doc);
        pair = undefined;
      } else {
        const map = asMap(node, doc);
        const found = findPair(map, segment);
        if (!found) return { node, pair, complete: false };
        pair = found;
        node = resolve(found.value, doc);
      }
    }
    return { node, pair, complete: true };
  }

  /** Range for a problem with the value at a path: the value, or its key when it is empty. */
  private valueRangeAt(segments: Segment[]): Range {
    const located = this.locate(segments);
    if (located.pair && located.complete) return valueRange(this.parsed.lines, located.pair);
    if (isMap(located.node)) return mappingAnchor(this.parsed.lines, located.node);
    return firstLineRange(this.parsed.lines, located.node);
  }

  /** The value at a path as written (`2.0`, not the number 2), when it is a scalar. */
  private sourceAt(segments: Segment[]): string | undefined {
    const range = this.locate(segments).node?.range;
    return range ? this.parsed.text.slice(range[0], range[1]) : undefined;
  }

  /** Range for a problem with a whole mapping (a missing key): its key, name or first key. */
  private mappingRangeAt(segments: Segment[]): Range {
    // The document's own `name` is not where a missing top-level key belongs.
    if (segments.length === 0) return this.documentStart();
    const located = this.locate(segments);
    const lines = this.parsed.lines;
    if (located.pair && located.complete) return keyRange(lines, located.pair);
    // Under `inputs`, `name` is an input like any other (SetRegistry), not the item's name.
    if (isMap(located.node) && this.where(segments).inInputs) {
      const first = located.node.items.find(isPair);
      if (first) return keyRange(lines, first);
    }
    if (isMap(located.node)) return mappingAnchor(lines, located.node);
    return firstLineRange(lines, located.node);
  }

  private documentStart(): Range {
    const contents = this.parsed.yaml?.contents;
    if (isMap(contents)) {
      const first = contents.items.find(isPair);
      if (first) return keyRange(this.parsed.lines, first);
    }
    const lines = this.parsed.lines;
    return lines.range(0, lines.lineEnd(0));
  }

  private keyRangeAt(segments: Segment[], key: string): Range {
    const located = this.locate(segments);
    const pair = findPair(asMap(located.node, this.parsed.yaml), key);
    return pair ? keyRange(this.parsed.lines, pair) : this.mappingRangeAt(segments);
  }

  /** Where a path sits: which step and action it belongs to, and whether it is under `inputs`. */
  private where(segments: Segment[]): { action?: string; inInputs: boolean; inputPath: Segment[]; field?: string } {
    const stepsAt = segments.lastIndexOf('steps');
    let action: string | undefined;
    let inInputs = false;
    let inputPath: Segment[] = [];
    if (stepsAt >= 0 && typeof segments[stepsAt + 1] === 'number') {
      const stepPath = segments.slice(0, stepsAt + 2);
      const step = this.valueAt(stepPath);
      if (step && typeof step === 'object' && typeof (step as Record<string, unknown>).action === 'string') {
        action = (step as Record<string, string>).action;
      }
      if (segments[stepsAt + 2] === 'inputs') {
        inInputs = true;
        inputPath = segments.slice(stepsAt + 3);
      }
    }
    const field = [...segments].reverse().find((s): s is string => typeof s === 'string');
    return { action, inInputs, inputPath, field };
  }

  private valueAt(segments: Segment[]): unknown {
    let value: unknown = this.parsed.value;
    for (const segment of segments) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
  }

  private subject(segments: Segment[]): string {
    const { action, inInputs, inputPath } = this.where(segments);
    const last = segments[segments.length - 1];
    if (inInputs && action) {
      const key = [...inputPath].reverse().find((s) => typeof s === 'string');
      if (key === undefined) return `\`inputs\` of \`${action}\``;
      return `\`${key}\` of \`${action}\``;
    }
    if (typeof last === 'number') {
      const parent = segments[segments.length - 2];
      return `item ${last + 1} of \`${String(parent)}\``;
    }
    return last === undefined ? `the ${this.context.noun} document` : `\`${last}\``;
  }

  private single(error: ErrorObject): void {
    const segments = pointerToSegments(error.instancePath);
    const { action, inInputs, inputPath, field } = this.where(segments);
    const params = error.params as Record<string, unknown>;
    const subject = this.subject(segments);
    const atTop = segments.length === 0;
    const isStep = segments.length >= 2 && segments[segments.length - 2] === 'steps';
    const inputLevel = inInputs && inputPath.filter((s) => typeof s === 'string').length === 0;

    switch (error.keyword) {
      case 'required': {
        const missing = String(params.missingProperty);
        const range = this.mappingRangeAt(segments);
        if (atTop && missing === 'schemaVersion') return this.add('schema-version', range, 'The document needs `schemaVersion: 1.0`.', { present: false });
        if (segments[0] === 'constants' && segments.length === 3) return this.add('constant-incomplete', range, `Constant \`${String(segments[2])}\` needs \`${missing}\`${missing === 'value' ? ' (constants cannot be supplied at run time)' : ': write `type: string`'}.`);
        if (this.context.noun === 'component' && segments[0] === 'parameters' && segments.length === 3 && missing === 'type') return this.add('missing-key', range, `Parameter \`${String(segments[2])}\` needs \`type\`: write \`type: string\`.`, { missing });
        if (atTop && missing === 'phases') return this.add('missing-phases', range, 'A component document needs `phases`, a list of phases such as `- name: build`.');
        if (inInputs && action) {
          const where = inputLevel ? `\`${action}\`` : `${typeof segments[segments.length - 1] === 'number' ? 'Each item of ' : ''}${subject}`;
          // Every required key this mapping lacks, so one fix adds them all.
          const given = this.valueAt(segments);
          const absent = ((error.parentSchema as JSONSchema | undefined)?.required ?? [missing])
            .filter((key) => !given || typeof given !== 'object' || !Object.prototype.hasOwnProperty.call(given, key));
          return this.add('missing-input', range, `${where} needs \`${missing}\`.`, { missing: absent.length ? absent : [missing], action, where: 'inputs', path: inputPath });
        }
        if (isStep && missing === 'inputs' && action) return this.add('missing-input', range, `\`${action}\` needs \`inputs\`.`, { missing: [missing], action, where: 'step', path: [] });
        if (isStep) return this.add('missing-key', range, `Every step needs \`${missing}\`.`, { missing });
        if (this.context.noun === 'component' && segments.length === 2 && segments[0] === 'phases') {
          const phase = (this.valueAt(segments) as Record<string, unknown>).name;
          return this.add('missing-key', range, `${typeof phase === 'string' ? `Phase \`${phase}\`` : 'Every phase'} needs \`${missing}\`${missing === 'steps' ? ', the list of its steps' : ''}.`, { missing });
        }
        return this.add('missing-key', range, `${atTop ? 'The document' : subject} needs \`${missing}\`.`, { missing });
      }
      case 'additionalProperties': {
        const extra = String(params.additionalProperty);
        const shown = extra.length > 40 ? `${extra.slice(0, 37).replace(/\s+/g, ' ')}...` : extra;
        const known = Object.keys((error.parentSchema as JSONSchema | undefined)?.properties ?? {});
        const range = this.keyRangeAt(segments, extra);
        if (inInputs && action) {
          return this.add('unknown-input', range, `\`${action}\` has no input \`${shown}\`.${didYouMean(extra, known)}${known.length ? ` Its inputs are ${oneOfList(known)}.` : ''}`, { key: extra, action, replacement: closest(extra, known) });
        }
        const isPhase = this.context.noun === 'component' && segments.length === 2 && segments[0] === 'phases';
        const where = atTop ? 'at the top of a document' : isStep ? 'in a step' : isPhase ? 'in a phase' : `in ${subject}`;
        // Without a likely typo, list what is allowed so the reader can tell a misplaced key from a misspelt one.
        const hint = didYouMean(extra, known) || (known.length ? ` Known keys: ${known.map((k) => `\`${k}\``).join(', ')}.` : '');
        return this.add('unknown-key', range, `Unknown key \`${shown}\` ${where}.${hint}`, { key: extra, replacement: closest(extra, known) });
      }
      case 'type': {
        const range = this.valueRangeAt(segments);
        const expected = describeTypes(params.type);
        if (inInputs && action && inputPath.length === 0) {
          if (this.valueAt(segments) === null) return this.emptyInputs(action, range, error.parentSchema as JSONSchema | undefined);
          return this.inputsShape(action, range, params.type);
        }
        if (inInputs) {
          // `- echo "a": b` is a mapping to YAML because of the `: `; the fix is quoting the line.
          const given = this.valueAt(segments);
          const last = segments[segments.length - 1];
          if (typeof last === 'number' && given && typeof given === 'object' && !Array.isArray(given) && expected === 'text') {
            return this.add('invalid-input-value', range, `Item ${last + 1} of ${subject} must be text, but YAML reads it as a mapping (a \`: \` or a leading \`{\` makes one): put the whole item in quotes.`);
          }
          const typeBranch = [{ type: params.type as JSONSchema['type'] }];
          return this.add('invalid-input-value', range, `${subject} must be ${expected}.${literalHint(given, typeBranch)}`, literalFix(given, typeBranch));
        }
        if (field === 'phases' && segments.length === 1) return this.add('missing-phases', range, '`phases` must be a list of phases: write `- name: build` with `steps:` under it.');
        if (field === 'steps' && typeof segments[segments.length - 1] === 'string') return this.add('wrong-type', range, '`steps` must be a list of steps: write `- name: MyStep` with `action:` under it.');
        if (field === 'timeoutSeconds') return this.add('invalid-timeout', range, `\`timeoutSeconds\` must be ${expected === 'a whole number' && this.context.noun === 'component' ? '`-1` (no timeout) or a whole number of seconds of at least 1' : expected}.`);
        if (field === 'maxAttempts') return this.add('invalid-max-attempts', range, '`maxAttempts` must be a whole number of at least 1.');
        if (atTop) return this.add('wrong-type', range, `A ${this.context.noun} document must be a YAML mapping with keys such as \`schemaVersion\`.`);
        if (this.context.noun === 'component' && segments.length === 2 && segments[0] === 'phases') return this.add('wrong-type', range, `Each item of \`phases\` is a phase: a mapping with \`name:\` and \`steps:\`, not ${describeValue(this.valueAt(segments))}.`);
        // `name: 12345` or `name: yes`: YAML read a number or boolean where text was meant.
        const given = this.valueAt(segments);
        const quote = (params.type === 'string' || (Array.isArray(params.type) && params.type.includes('string'))) && (typeof given === 'number' || typeof given === 'boolean')
          ? ` YAML reads \`${this.sourceAt(segments) ?? String(given)}\` as a ${typeof given}: put it in quotes.` : '';
        return this.add('wrong-type', range, `${subject} must be ${expected}.${quote}`);
      }
      case 'enum':
      case 'const': {
        const range = this.valueRangeAt(segments);
        const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
        const given = this.valueAt(segments);
        const hint = typeof given === 'string' ? didYouMean(given, allowed.filter((a): a is string => typeof a === 'string')) : '';
        // `true` and `'true'` read the same in a message: list each once.
        const list = oneOfList(allowed.filter((a, i) => allowed.findIndex((b) => String(b) === String(a)) === i));
        if (field === 'schemaVersion' && segments.length === 1) return this.add('schema-version', range, `\`schemaVersion\` must be 1.0; ${this.sourceAt(segments) ?? JSON.stringify(given)} is not supported.`, { present: true });
        if (field === 'action' && isStepField(segments)) {
          const names = allowed.filter((a): a is string => typeof a === 'string');
          return this.add('unknown-action', range, `\`${String(given)}\` is not an ${this.context.noun === 'component' ? 'action module' : 'step action'}.${hint}`,
            { action: String(given), replacement: typeof given === 'string' ? closest(given, names) : undefined });
        }
        if (field === 'onFailure' && isStepField(segments)) return this.add('invalid-on-failure', range, `\`onFailure\` must be ${list}.${hint}`);
        if (inInputs) return this.add('invalid-input-value', range, `${subject} must be ${list}.${hint}`);
        return this.add('invalid-value', range, `${subject} must be ${list}.${hint}`);
      }
      case 'pattern': {
        const range = this.valueRangeAt(segments);
        const description = (error.parentSchema as JSONSchema | undefined)?.description;
        if (field === 'name' && isStepField(segments) && this.context.noun === 'component') {
          return this.add('invalid-step-name', range, `Step name ${JSON.stringify(this.valueAt(segments))} is not valid: use 3 to 128 letters, digits, \`-\` or \`_\` (no spaces).`);
        }
        if (field === 'name' && isStepField(segments)) return this.add('invalid-step-name', range, `Step name ${JSON.stringify(this.valueAt(segments))} is not valid: ${description ?? `it must match ${String(params.pattern)}`}`);
        if (field === 'name' && segments[0] === 'phases' && segments.length === 3) return this.add('invalid-phase-name', range, `Phase name ${JSON.stringify(this.valueAt(segments))} is not valid: use 3 to 128 letters, digits, \`-\` or \`_\`.`);
        if (inInputs) return this.add('invalid-input-value', range, `${subject} is not valid${description ? `: ${firstSentence(description)}` : ` (it must match \`${String(params.pattern)}\`)`}`);
        return this.add('invalid-value', range, `${subject} is not valid${description ? `: ${firstSentence(description)}` : ` (it must match \`${String(params.pattern)}\`)`}`);
      }
      case 'propertyNames': {
        const name = String(params.propertyName);
        const range = this.keyRangeAt(segments, name);
        return this.add('invalid-variable-name', range, `\`${name}\` is not a valid name: use 3 to 128 letters, digits, \`-\` or \`_\`.`);
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'not': {
        const range = this.valueRangeAt(segments);
        if (field === 'timeoutSeconds') {
          const allowed = this.context.noun === 'component' ? '`-1` (no timeout) or a whole number of seconds of at least 1' : 'a whole number of seconds of at least 1';
          return this.add('invalid-timeout', range, `\`timeoutSeconds\` must be ${allowed}.`);
        }
        if (field === 'maxAttempts') return this.add('invalid-max-attempts', range, '`maxAttempts` must be a whole number of at least 1.');
        const bound = error.keyword === 'not' ? 'is not allowed' : `must be ${error.keyword === 'maximum' ? 'at most' : 'at least'} ${String(params.limit)}`;
        return this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, `${subject} ${bound}.`);
      }
      case 'minItems':
      case 'maxItems': {
        const range = this.valueRangeAt(segments);
        if (field === 'phases' && segments.length === 1) return this.add('missing-phases', range, '`phases` is empty: add at least a `build`, `validate` or `test` phase.');
        const limit = Number(params.limit);
        if (field === 'steps' && error.keyword === 'minItems') return this.add('wrong-type', range, '`steps` is empty: add at least one step.');
        if (error.keyword === 'maxItems' && field === 'steps' && segments.length === 1) return this.add('too-many-steps', range, `A workflow has at most ${limit} steps; this one has ${(this.valueAt(segments) as unknown[]).length}.`);
        const message = error.keyword === 'minItems' ? `${subject} needs at least ${limit} item${limit === 1 ? '' : 's'}.` : `${subject} has more than ${limit} items.`;
        return this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, message);
      }
      case 'minProperties':
      case 'maxProperties': {
        const range = this.valueRangeAt(segments);
        const list = segments[0];
        if ((list === 'parameters' || list === 'constants') && segments.length === 2) {
          const example = list === 'parameters' ? '`- MyParam:` with `type: string` under it' : '`- MyConstant:` with `type: string` and `value:` under it';
          return this.add('invalid-value', range, `Each item of \`${list}\` is a mapping with exactly one key, the name: write ${example}.`);
        }
        return this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, `${subject} has ${error.keyword === 'minProperties' ? 'too few' : 'too many'} entries (${error.message ?? ''}).`);
      }
      case 'minLength':
      case 'maxLength': {
        const range = this.valueRangeAt(segments);
        const limit = Number(params.limit);
        const message = error.keyword === 'minLength' ? `${subject} must not be empty.` : `${subject} is longer than ${limit} characters.`;
        return this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, message);
      }
      case 'uniqueItems': {
        return this.add('invalid-value', this.valueRangeAt(segments), `${subject} lists the same item twice.`);
      }
      default: {
        const range = this.valueRangeAt(segments);
        return this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, `${subject} is not valid (${error.message ?? error.keyword}).`);
      }
    }
  }

  /** A value matched none of several allowed forms. */
  private alternative(error: ErrorObject, branchErrors: ErrorObject[]): void {
    const segments = pointerToSegments(error.instancePath);
    const { action, inInputs } = this.where(segments);
    const schema = error.parentSchema as JSONSchema | undefined;
    const branches = (error.keyword === 'anyOf' ? schema?.anyOf : schema?.oneOf) ?? [];

    // Every branch only asks for one key: "needs `a` or `a.$`".
    if (branchErrors.length > 0 && branchErrors.every((e) => e.keyword === 'required' && e.instancePath === error.instancePath)) {
      const keys = branchErrors.map((e) => String((e.params as Record<string, unknown>).missingProperty));
      const range = this.mappingRangeAt(segments);
      const inputPath = this.where(segments).inputPath;
      const list = [...inputPath].reverse().find((s): s is string => typeof s === 'string');
      const within = typeof inputPath[inputPath.length - 1] === 'number' && list ? ` in each item of \`${list}\`` : '';
      if (inInputs && action) return this.add('missing-input', range, `\`${action}\` needs ${oneOfList(keys)}${within}.`, { missing: [keys[0]], action, where: 'inputs', path: inputPath });
      return this.add('missing-key', range, `${this.subject(segments)} needs ${oneOfList(keys)}.`, { missing: keys[0] });
    }
    // A literal or a reference ("`overwrite` must be `true` or `false`, or a `{{ reference }}`").
    const range = this.valueRangeAt(segments);
    const forms = branches.map((b) => describeBranch(b, this.context.noun)).filter((f): f is string => !!f);
    const subject = this.subject(segments);
    const description = schema?.description ? ` ${firstSentence(schema.description)}` : '';
    const given = this.valueAt(segments);
    const choices = branches.flatMap((b) => (b.enum ?? []).filter((v): v is string => typeof v === 'string'));
    const choiceHint = typeof given === 'string' ? didYouMean(given, choices) : '';
    const hint = choiceHint || literalHint(given, branches);
    const message = forms.length ? `${subject} must be ${forms.join(', or ')}.${hint}` : `${subject} is not valid.${description}`;
    this.add(inInputs ? 'invalid-input-value' : 'invalid-value', range, message, forms.length && !choiceHint ? literalFix(given, branches) : undefined);
  }

  /** `inputs:` with nothing after it: neither a list nor a mapping, so say what belongs there. */
  private emptyInputs(action: string, range: Range, schema: JSONSchema | undefined): void {
    const isList = schema?.type === 'array';
    const required = (isList ? schema?.items?.required : schema?.required) ?? [];
    const example = `${isList ? '- ' : ''}${firstLineOf(this.context.exampleOf(action))}`;
    if (required.length) {
      const needs = oneOfList(required).replace(/ or (?=`[^`]*`$)/, ' and ');
      this.add('missing-input', range, `\`inputs\` of \`${action}\` is empty; it needs ${needs}: write \`${example}\` under it.`, { missing: required, action, where: 'inputs', path: [] });
    } else {
      this.add('inputs-shape', range, `\`inputs\` of \`${action}\` is empty: write \`${example}\` under it, or remove \`inputs:\` (its inputs are optional).`, { action });
    }
  }

  private inputsShape(action: string, range: Range, expected: unknown): void {
    const example = firstLineOf(this.context.exampleOf(action));
    if (expected === 'array') {
      this.add('inputs-shape', range, `\`inputs\` of \`${action}\` is a list of operations: write \`- ${example}\` (one list item per operation).`, { action, expected: 'list' });
    } else if (expected === 'object') {
      this.add('inputs-shape', range, `\`inputs\` of \`${action}\` is a single mapping, not a list: write \`${example}\` directly under \`inputs:\`.`, { action, expected: 'object' });
    } else {
      this.add('inputs-shape', range, `\`inputs\` of \`${action}\` must be ${describeTypes(expected)}.`, { action });
    }
  }
}

/**
 * Which of the errors listed just before an anyOf/oneOf error come from its branches. A choice
 * between required keys (`k` or `k.$`) claims only those `required` errors, so an unknown-key
 * error on the same mapping is kept; any other alternative claims what lies below its value.
 */
function branchMatcher(error: ErrorObject): (candidate: ErrorObject) => boolean {
  const schema = error.parentSchema as JSONSchema | undefined;
  const branches = (error.keyword === 'anyOf' ? schema?.anyOf : schema?.oneOf) ?? [];
  const requiredKeys = branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required)) ? branches.flatMap((b) => b.required!) : undefined;
  return (candidate) => {
    if (requiredKeys) {
      return candidate.keyword === 'required' && candidate.instancePath === error.instancePath && requiredKeys.includes(String((candidate.params as Record<string, unknown>).missingProperty));
    }
    return candidate.instancePath === error.instancePath || candidate.instancePath.startsWith(`${error.instancePath}/`);
  };
}

/**
 * A value that is text only because of how it was written: `yes` (a boolean in YAML 1.1, text
 * in YAML 1.2, which Image Builder's parser follows here) or a quoted number.
 */
function literalHint(given: unknown, branches: JSONSchema[]): string {
  if (typeof given !== 'string') return '';
  const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : []));
  if (types.includes('boolean') && /^(yes|no|on|off|y|n)$/i.test(given)) {
    return ` \`${given}\` is text in YAML 1.2: write \`${/^(yes|on|y)$/i.test(given) ? 'true' : 'false'}\`.`;
  }
  if ((types.includes('integer') || types.includes('number')) && /^[-+]?\d+(\.\d+)?$/.test(given.trim())) {
    return ` The quotes make \`${given}\` text: write ${given.trim()} without them.`;
  }
  return '';
}

/** The same two cases as data for the quick fix: what to write instead. */
function literalFix(given: unknown, branches: JSONSchema[]): LiteralData | undefined {
  if (typeof given !== 'string') return undefined;
  const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : []));
  if (types.includes('boolean') && /^(yes|no|on|off|y|n)$/i.test(given)) return { literal: 'boolean', replacement: /^(yes|on|y)$/i.test(given) ? 'true' : 'false' };
  if ((types.includes('integer') || types.includes('number')) && /^[-+]?\d+(\.\d+)?$/.test(given.trim())) return { literal: 'number', replacement: given.trim() };
  return undefined;
}

function firstLineOf(example: string | undefined): string {
  const first = (example ?? '').split('\n')[0].replace(/^-\s*/, '');
  return first ? `${first} ...` : 'key: value';
}

function describeBranch(schema: JSONSchema, noun: SchemaContext['noun']): string | undefined {
  if (schema.$ref?.endsWith('/reference')) return noun === 'component' ? 'a `{{ reference }}`' : 'a `{{ $.path }}` interpolation';
  if (schema.$ref?.endsWith('/jsonPath')) return 'a `$.` JSONPath';
  if (schema.enum) return oneOfList(schema.enum);
  if (schema.const !== undefined) return oneOfList([schema.const]);
  if (schema.type) {
    const base = describeTypes(schema.type);
    if (schema.type === 'integer' && schema.not?.const === 0) return 'a whole number other than 0';
    if (schema.type === 'integer' && schema.minimum !== undefined) return `a whole number of at least ${schema.minimum}`;
    if (schema.pattern && schema.description) return `${base} (${firstSentence(schema.description)})`;
    return base;
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

function firstSentence(text: string): string {
  const match = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text).replace(/\.$/, '');
}

function isStepField(segments: Segment[]): boolean {
  return segments.length >= 3 && segments[segments.length - 3] === 'steps' && typeof segments[segments.length - 2] === 'number';
}

