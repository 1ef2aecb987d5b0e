import type { ParsedDocument } from '../parse';
import type { Diagnostic, WorkflowType } from '../types';

export function validateWorkflow(_parsed: ParsedDocument, _context: { workflowType?: WorkflowType }): Diagnostic[] {
  return [];
}
