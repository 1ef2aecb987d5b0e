/**
 * `# imagebuilder: key=value ...` comment directives. They live in the document itself, so they
 * survive copy and paste; flags and project metadata still win over them.
 *
 *   # imagebuilder: type=DISTRIBUTION
 *   # imagebuilder: platform=Windows kind=component
 */
import { diagnostic } from './diagnostics';
import type { LineIndex } from './text';
import type { Diagnostic, Platform, WorkflowType } from './types';

export interface Directives {
  kind?: 'component' | 'workflow';
  platform?: Platform;
  workflowType?: WorkflowType;
  /** Range of the directive that set the workflow type, for messages that cite it. */
  diagnostics: Diagnostic[];
}

// `\uFEFF?`: a byte order mark may come before a directive on the first line.
const DIRECTIVE = /^\uFEFF?[ \t]*#[ \t]*imagebuilder[ \t]*:(.*)$/gm;
const PLATFORMS: Record<string, Platform> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };
const TYPES: Record<string, WorkflowType> = { build: 'BUILD', test: 'TEST', distribution: 'DISTRIBUTION' };
const KINDS: Record<string, 'component' | 'workflow'> = { component: 'component', workflow: 'workflow' };

export function readDirectives(text: string, lines: LineIndex): Directives {
  const result: Directives = { diagnostics: [] };
  // Directives are comments, so a quick test avoids the regex on most documents.
  if (!text.includes('imagebuilder')) return result;
  for (const match of text.matchAll(DIRECTIVE)) {
    const bodyStart = (match.index ?? 0) + match[0].length - match[1].length;
    for (const setting of match[1].matchAll(/[^\s,]+/g)) {
      const start = bodyStart + (setting.index ?? 0);
      const range = lines.range(start, start + setting[0].length);
      const [rawKey, rawValue = ''] = setting[0].split('=');
      const key = rawKey.toLowerCase();
      const value = rawValue.toLowerCase();
      if (key === 'platform' && PLATFORMS[value]) result.platform = PLATFORMS[value];
      else if (key === 'type' && TYPES[value]) result.workflowType = TYPES[value];
      else if (key === 'kind' && KINDS[value]) result.kind = KINDS[value];
      else {
        result.diagnostics.push(
          diagnostic('invalid-directive', range,
            `Cannot read \`${setting[0]}\`: write \`type=BUILD|TEST|DISTRIBUTION\`, \`platform=Linux|Windows|macOS\` or \`kind=component|workflow\`.`),
        );
      }
    }
  }
  return result;
}
