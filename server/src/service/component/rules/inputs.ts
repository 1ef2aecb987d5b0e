/**
 * Input rules the schema cannot say: L11 PowerShell commands/file, L13 checksum+algorithm,
 * L14 permissions as numbers, L18 reserved MSI properties, L38/L39 wildcards, L40 self-call.
 */
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { findPair, keyRange, keyText, pairsOf, stringValue, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { inputItems, type ComponentModel, type StepModel } from '../model';
import type { ComponentRule } from './context';

const PERMISSION_ACTIONS = new Set(['CreateFile', 'CreateFolder', 'SetFilePermissions', 'SetFolderPermissions']);
const TRANSFER_ACTIONS = new Set(['CopyFile', 'CopyFolder', 'MoveFile', 'MoveFolder']);
const RESERVED_MSI_PROPERTIES = ['REBOOT', 'REINSTALLMODE', 'REINSTALL'];

export const checkInputs: ComponentRule = (model, context) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    const items = inputItems(step, model.doc);
    switch (step.action) {
      case 'ExecutePowerShell':
        out.push(...powerShell(model, step, items[0]));
        break;
      case 'WebDownload':
        for (const item of items) out.push(...checksumPair(model, item));
        break;
      case 'InstallMSI':
      case 'UninstallMSI':
        for (const item of items) out.push(...msiProperties(model, step, item));
        break;
      case 'S3Download':
        for (const item of items) out.push(...s3Prefix(model, item));
        break;
      case 'ExecuteDocument':
        for (const item of items) out.push(...selfCall(model, item, context.fileName));
        break;
      default:
        if (step.action && TRANSFER_ACTIONS.has(step.action)) for (const item of items) out.push(...wildcardTransfer(model, step, item));
    }
    if (step.action && PERMISSION_ACTIONS.has(step.action)) {
      for (const item of items) out.push(...permissionsNumber(model, item));
    }
  }
  return out;
};

function powerShell(model: ComponentModel, step: StepModel, inputs: YAMLMap | undefined): Diagnostic[] {
  if (!inputs) return [];
  const { lines } = model;
  const commands = findPair(inputs, 'commands');
  const file = findPair(inputs, 'file');
  if (commands && file) {
    return [diagnostic('powershell-commands-or-file', keyRange(lines, file), 'ExecutePowerShell takes `commands` or `file`, not both: remove one of them.')];
  }
  if (!commands && !file) {
    return [diagnostic('powershell-commands-or-file', keyRange(lines, step.inputsPair!), 'ExecutePowerShell needs `commands` (a list of PowerShell lines) or `file` (a .ps1 script).')];
  }
  const path = stringValue(file?.value, model.doc);
  if (file && path !== undefined && !path.includes('{{') && !/\.ps1$/i.test(path.trim())) {
    return [diagnostic('powershell-commands-or-file', valueRange(lines, file), `\`file\` must be a PowerShell script ending in \`.ps1\`; \`${path}\` is not.`)];
  }
  return [];
}

function checksumPair(model: ComponentModel, item: YAMLMap): Diagnostic[] {
  const checksum = findPair(item, 'checksum');
  const algorithm = findPair(item, 'algorithm');
  if (checksum && !algorithm) return [diagnostic('checksum-without-algorithm', keyRange(model.lines, checksum), '`checksum` is only verified together with `algorithm` (MD5, SHA1, SHA256 or SHA512): add `algorithm`.')];
  if (algorithm && !checksum) return [diagnostic('checksum-without-algorithm', keyRange(model.lines, algorithm), '`algorithm` has no effect without `checksum`: add the expected `checksum`.')];
  return [];
}

function permissionsNumber(model: ComponentModel, item: YAMLMap): Diagnostic[] {
  const pair = findPair(item, 'permissions');
  if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'number') return [];
  const range = pair.value.range;
  const source = range ? model.parsed.text.slice(range[0], range[1]) : String(pair.value.value);
  // `0o755` is YAML 1.2's octal notation; the mode string AWSTOE expects is `0755`.
  const fixed = source.replace(/^0o([0-7]+)$/i, '0$1');
  const octal = /^0[0-7]/.test(source) ? ', and YAML 1.1 parsers read a leading 0 as octal' : '';
  return [diagnostic('permissions-not-string', valueRange(model.lines, pair),
    `\`permissions\` must be a string: write \`'${fixed}'\`. Unquoted, \`${source}\` is a YAML number${octal}.`,
    { replacement: `'${fixed}'` })];
}

function msiProperties(model: ComponentModel, step: StepModel, item: YAMLMap): Diagnostic[] {
  const properties = findPair(item, 'properties');
  const out: Diagnostic[] = [];
  for (const pair of pairsOf(properties?.value, model.doc)) {
    const name = keyText(pair);
    if (name && RESERVED_MSI_PROPERTIES.includes(name.toUpperCase())) {
      out.push(diagnostic('msi-reserved-property', keyRange(model.lines, pair),
        `${step.action} sets \`${name}\` itself; it may not be given in \`properties\` (REBOOT, REINSTALLMODE and REINSTALL are reserved). Use the \`reboot\` input to control reboots.`));
    }
  }
  return out;
}

function s3Prefix(model: ComponentModel, item: YAMLMap): Diagnostic[] {
  const pair = findPair(item, 'source');
  const source = stringValue(pair?.value, model.doc);
  if (!pair || source === undefined || !source.includes('*')) return [];
  if (/\/\*$/.test(source) && source.indexOf('*') === source.length - 1) return [];
  return [diagnostic('s3-prefix-wildcard', valueRange(model.lines, pair),
    'S3Download accepts `*` only as a trailing `/*` that downloads every object under a key prefix (e.g. `s3://bucket/folder/*`).')];
}

function wildcardTransfer(model: ComponentModel, step: StepModel, item: YAMLMap): Diagnostic[] {
  const sourcePair = findPair(item, 'source');
  const source = stringValue(sourcePair?.value, model.doc);
  if (!sourcePair || source === undefined || !source.includes('*')) return [];
  const out: Diagnostic[] = [];
  const lastSeparator = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
  if (source.indexOf('*') < lastSeparator) {
    out.push(diagnostic('wildcard-destination', valueRange(model.lines, sourcePair), `${step.action} allows \`*\` only in the last segment of \`source\`.`));
  }
  const destinationPair = findPair(item, 'destination');
  const destination = stringValue(destinationPair?.value, model.doc);
  if (destinationPair && destination !== undefined && !/[\\/]$/.test(destination)) {
    const separator = destination.includes('\\') && !destination.includes('/') ? '\\' : '/';
    out.push(diagnostic('wildcard-destination', valueRange(model.lines, destinationPair),
      `With a wildcard \`source\`, \`destination\` must be a folder ending in \`/\` or \`\\\`: write \`${destination}${separator}\`.`, { replacement: `${destination}${separator}` }));
  }
  return out;
}

function selfCall(model: ComponentModel, item: YAMLMap, fileName: string | undefined): Diagnostic[] {
  const pair: Pair | undefined = findPair(item, 'document');
  const target = stringValue(pair?.value, model.doc);
  if (!pair || !target) return [];
  const targetBase = target.split(/[\\/]/).pop()!.toLowerCase();
  const ownName = stringValue(findPair(model.root, 'name')?.value, model.doc)?.toLowerCase();
  const isComponentArn = /:component\//.test(target);
  const arnName = isComponentArn ? target.split(':component/')[1]?.split('/')[0]?.toLowerCase() : undefined;
  const selfByFile = !isComponentArn && fileName !== undefined && targetBase === fileName.toLowerCase();
  const selfByArn = arnName !== undefined && ownName !== undefined && arnName === ownName.replace(/[\s_]+/g, '-');
  if (!selfByFile && !selfByArn) return [];
  return [diagnostic('execute-document-cycle', valueRange(model.lines, pair),
    'This ExecuteDocument step runs the document it belongs to: the call never ends and fails at run time. Point `document` at another document.')];
}
