/** Which kind of host a file is, from its content (and `.tf` for Terraform). Cheap: a few searches. */
import type { HostKind } from './types';

const JSON_TEMPLATE = /"(AWSTemplateFormatVersion|Resources)"\s*:/;
const JSON_RESOURCE_TYPE = /"Type"\s*:\s*"(AWS|Custom|Alexa)::/;
const YAML_TEMPLATE = /^(AWSTemplateFormatVersion|Transform)\s*:/m;
const YAML_RESOURCES = /^Resources\s*:/m;
const YAML_RESOURCE_TYPE = /^[ \t]+Type\s*:\s*['"]?(AWS|Custom|Alexa)::/m;

export function detectHost(text: string, path: string): HostKind | undefined {
  if (/\.tf$/i.test(path)) return 'terraform';
  const head = text.slice(0, 200).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    return JSON_TEMPLATE.test(text) && JSON_RESOURCE_TYPE.test(text) ? 'cloudformation-json' : undefined;
  }
  if (YAML_RESOURCES.test(text) && (YAML_TEMPLATE.test(text) || YAML_RESOURCE_TYPE.test(text))) return 'cloudformation-yaml';
  return undefined;
}
