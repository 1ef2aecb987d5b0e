/**
 * L37: a script that reboots must exit with the code that tells AWSTOE to resume the step
 * after the reboot (194 for Bash, 3010 for PowerShell); the other shell's code does nothing.
 */
import { isScalar, visit, type Scalar } from 'yaml';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { inputItems, type ComponentModel, type StepModel } from '../model';
import type { ComponentRule } from './context';

interface ScriptRules {
  reboot: RegExp;
  exitCode: RegExp;
  code: number;
  wrongCode: RegExp;
  wrongCodeValue: number;
}

// A reboot command where a command starts: line start, after `;`, `&&`, `||`, `sudo`, `then`, `do`.
const COMMAND_START = String.raw`(?:^[\s'"-]*|[;&|]\s*|\b(?:sudo|then|do|else)\s+)`;
const BASH: ScriptRules = { reboot: new RegExp(`${COMMAND_START}(reboot|shutdown\\s+(?:-\\S+\\s+)*-r|systemctl\\s+reboot)\\b`, 'm'), exitCode: /\bexit\s+194\b/, code: 194, wrongCode: /\bexit\s+3010\b/, wrongCodeValue: 3010 };
const POWERSHELL: ScriptRules = { reboot: new RegExp(`${COMMAND_START}(Restart-Computer)\\b`, 'im'), exitCode: /\bexit\s+3010\b/i, code: 3010, wrongCode: /\bexit\s+194\b/i, wrongCodeValue: 194 };

export const checkScripts: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    const rules = step.action === 'ExecuteBash' ? BASH : step.action === 'ExecutePowerShell' ? POWERSHELL : undefined;
    if (rules) out.push(...checkScript(model, step, rules));
  }
  return out;
};

function checkScript(model: ComponentModel, step: StepModel, rules: ScriptRules): Diagnostic[] {
  const scalars: Scalar[] = [];
  for (const item of inputItems(step, model.doc)) {
    visit(item as never, { Scalar: (_k: unknown, s: Scalar) => void scalars.push(s) } as never);
  }
  const lines = scalars.filter((s) => typeof s.value === 'string' && s.range).map((s) => ({ scalar: s, text: withoutComments(String(s.value)) }));
  const all = lines.map((l) => l.text).join('\n');
  const out: Diagnostic[] = [];
  const shell = step.action === 'ExecuteBash' ? 'Bash' : 'PowerShell';
  for (const { scalar } of lines) {
    const source = model.parsed.text.slice(scalar.range![0], scalar.range![1]);
    const reboot = rules.reboot.exec(withoutComments(source));
    if (reboot && !rules.exitCode.test(all) && isScalar(scalar)) {
      const at = scalar.range![0] + reboot.index + reboot[0].length - reboot[1].length;
      out.push(diagnostic('reboot-exit-code', model.lines.range(at, at + reboot[1].length),
        `This ${shell} script reboots without \`exit ${rules.code}\`; AWSTOE may see the step fail. Exit with ${rules.code} instead (AWSTOE reboots and runs the step again), or use the Reboot action.`));
    }
    const wrong = rules.wrongCode.exec(source);
    if (wrong) {
      const at = scalar.range![0] + wrong.index;
      out.push(diagnostic('reboot-exit-code', model.lines.range(at, at + wrong[0].length),
        `Exit code ${rules.wrongCodeValue} requests a reboot only in ${rules.wrongCodeValue === 194 ? 'Bash' : 'PowerShell'}; a ${shell} script uses \`exit ${rules.code}\`.`));
    }
  }
  return out;
}

/** Drops `#` comments so a commented-out reboot is not taken for one. */
function withoutComments(script: string): string {
  // Same length, so offsets found in the result are offsets in the source.
  return script.replace(/(^|\s)(#.*)$/gm, (_m, space: string, comment: string) => space + ' '.repeat(comment.length));
}
