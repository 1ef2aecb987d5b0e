/**
 * The action whose inputs a path points into: keys and values of `inputs` are described by the
 * action tables (required, default, example), which say more than the schema alone.
 */
import { parse as parseYaml } from 'yaml';
import type { PathSegment } from '../cursor';
import type { ComponentActionSpec, InputSpec, WorkflowActionSpec } from '../shared/knowledge';
import type { CompletionRequest } from './items';

export interface InputsPlace {
  action: ComponentActionSpec | WorkflowActionSpec;
  /** The path of the mapping holding the input keys. */
  mapping: PathSegment[];
}

/**
 * The step action whose input mapping `mapping` is: `[..., steps, n, inputs]` for a mapping,
 * `[..., steps, n, inputs, i]` for one item of a list-shaped component input.
 */
export function inputsPlaceOf(request: CompletionRequest, mapping: readonly PathSegment[]): InputsPlace | undefined {
  const { cursor } = request;
  const at = mapping.lastIndexOf('inputs');
  if (at < 2 || mapping[at - 2] !== 'steps' || typeof mapping[at - 1] !== 'number') return undefined;
  const rest = mapping.length - at - 1;
  const component = cursor.step?.spec;
  if (component && mapping[0] === 'phases' && at === 4) {
    if (component.inputsShape === 'object' && rest === 0) return { action: component, mapping: [...mapping] };
    if (component.inputsShape === 'list' && rest === 1 && typeof mapping[at + 1] === 'number') return { action: component, mapping: [...mapping] };
    return undefined;
  }
  const workflow = cursor.workflowStep?.spec;
  if (workflow && mapping[0] === 'steps' && at === 2 && rest === 0) return { action: workflow, mapping: [...mapping] };
  return undefined;
}

export function inputSpec(action: InputsPlace['action'], key: string): InputSpec | undefined {
  const name = key.endsWith('.$') ? key.slice(0, -2) : key;
  return action.inputs.find((i) => i.name === name);
}

const examples = new Map<string, Record<string, unknown>>();

/** The action's example inputs as a mapping (the first item for list-shaped inputs). */
export function exampleInputs(action: InputsPlace['action']): Record<string, unknown> {
  let example = examples.get(action.name);
  if (!example) {
    let parsed: unknown;
    try {
      parsed = parseYaml(action.example);
    } catch {
      parsed = undefined;
    }
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    example = first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
    examples.set(action.name, example);
  }
  return example;
}

export function isWorkflowAction(action: InputsPlace['action']): action is WorkflowActionSpec {
  return 'types' in action;
}
