/** Runs semantic rules, so that a bug in one rule never costs the user the other diagnostics. */
import { diagnostic } from '../diagnostics';
import type { LineIndex } from '../text';
import type { Diagnostic } from '../types';

export type Rule<Model, Context> = (model: Model, context: Context) => Diagnostic[];

export function runRules<Model, Context>(rules: readonly Rule<Model, Context>[], model: Model, context: Context, lines: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule(model, context));
    } catch (error) {
      // Said where it is seen, so it gets reported rather than silently dropping checks.
      out.push(diagnostic('internal-error', lines.range(0, 0), `Internal error in rule ${rule.name || 'unnamed'}: ${error instanceof Error ? error.message : String(error)}. Please report it.`));
    }
  }
  return out;
}
