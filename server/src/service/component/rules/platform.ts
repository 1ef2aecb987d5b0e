/**
 * L15 modules per platform, L16 Windows-only restrictions on inputs, L17 UpdateOS on Amazon
 * Linux 2023. Without a known platform nothing is guessed: one note says the rules were skipped.
 */
import { findPair, keyRange, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { inputItems } from '../model';
import type { ComponentRule } from './context';

const ALL_PLATFORMS = 3;

export const checkPlatform: ComponentRule = (model, context) => {
  const out: Diagnostic[] = [];
  const { lines, doc } = model;
  const platform = context.platform;
  const platformSpecific = model.steps.filter(
    (s) => s.actionPair && s.spec && (s.spec.platforms.length < ALL_PLATFORMS || (s.spec.notOnWindows && inputItems(s, doc).some((i) => s.spec!.notOnWindows!.some((k) => findPair(i, k))))),
  );

  if (!platform) {
    const first = platformSpecific[0];
    if (first) {
      // A cross-platform module is here only for inputs Windows refuses (L16): say which.
      const spec = first.spec!;
      const reason = spec.platforms.length < ALL_PLATFORMS
        ? `\`${spec.name}\` runs only on ${spec.platforms.join(' and ')}`
        : `${spec.notOnWindows!.map((k) => `\`${k}\``).join(', ')} of \`${spec.name}\` are not supported on Windows`;
      out.push(diagnostic('platform-unknown', valueRange(lines, first.actionPair!),
        `The component platform is not known, so platform rules were not checked (${reason}). Pass --platform, set it in the project metadata, or add \`# imagebuilder: platform=Linux\` at the top.`));
    }
    return out;
  }

  for (const step of platformSpecific) {
    const spec = step.spec!;
    if (!spec.platforms.includes(platform)) {
      out.push(diagnostic('platform-unsupported-action', valueRange(lines, step.actionPair!),
        `\`${spec.name}\` does not run on ${platform}; it supports ${spec.platforms.join(' and ')}.${alternative(spec.name, platform)}`));
    }
    if (platform === 'Windows' && spec.notOnWindows) {
      for (const item of inputItems(step, doc)) {
        for (const key of spec.notOnWindows) {
          const pair = findPair(item, key);
          if (pair) out.push(diagnostic('platform-unsupported-input', keyRange(lines, pair), `\`${key}\` of \`${spec.name}\` is not supported on Windows; the module fails when it is set.`));
        }
      }
    }
  }

  if (context.supportedOsVersions?.some((v) => /amazon linux 2023/i.test(v))) {
    for (const step of model.steps.filter((s) => s.action === 'UpdateOS')) {
      out.push(diagnostic('updateos-amazon-linux-2023', valueRange(lines, step.actionPair!),
        'UpdateOS does not support Amazon Linux 2023 (one of the supported OS versions): use ExecuteBash with `sudo dnf update -y` instead.'));
    }
  }
  return out;
};

function alternative(action: string, platform: string): string {
  if (action === 'ExecuteBash' && platform === 'Windows') return ' Use `ExecutePowerShell` on Windows.';
  if (action === 'ExecutePowerShell') return ' Use `ExecuteBash` on Linux and macOS.';
  return '';
}

