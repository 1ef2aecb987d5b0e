/**
 * workflow-type-unknown: declares the type with a `# imagebuilder: type=...` directive on the
 * first line (after a byte order mark), one action per type the document's actions allow.
 */
import type { Fix, FixProvider } from './edit';
import { eolOf, insert } from './edit';

const TYPES = new Set(['BUILD', 'TEST', 'DISTRIBUTION']);

export const declareWorkflowType: FixProvider<'workflow-type-unknown'> = (data, context) => {
  const { analysis } = context;
  if (analysis.kind !== 'workflow' || analysis.directives.workflowType) return [];
  const at = analysis.text.startsWith('\uFEFF') ? 1 : 0;
  const candidates = data.candidates.filter((type) => TYPES.has(type));
  return candidates.map((type): Fix => ({
    title: `Declare the workflow type ${type} (\`# imagebuilder: type=${type}\`)`,
    edits: [insert(analysis, at, `# imagebuilder: type=${type}${eolOf(analysis)}`)],
    isPreferred: candidates.length === 1,
  }));
};
