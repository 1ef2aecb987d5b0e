import type { Diagnostic, WorkflowType } from '../../types';
import type { WorkflowModel } from '../model';

export interface WorkflowRuleContext {
  /** Declared type: CLI flag or editor setting, project metadata, else the document's directive. */
  workflowType?: WorkflowType;
}

/** A semantic rule: reads the model, reports diagnostics, never throws on odd input. */
export type WorkflowRule = (model: WorkflowModel, context: WorkflowRuleContext) => Diagnostic[];
