/**
 * The one list of diagnostic codes. Every diagnostic the service reports has a code from
 * here, with the severity given here; docs/diagnostics.md is generated from this list.
 */
import type { DataArgument } from './fixData';
import type { Diagnostic, Range, Severity } from './types';

export interface RuleInfo {
  severity: Severity;
  /** Which documents the rule applies to. */
  applies: 'any' | 'component' | 'workflow';
  /** What the rule checks, in one line. */
  summary: string;
  /** Rule ids of the spec (L01..L44 for components, A.x/B.x/F.x for workflows). */
  spec?: string;
}

const rule = (severity: Severity, applies: RuleInfo['applies'], summary: string, spec?: string): RuleInfo => ({ severity, applies, summary, spec });

export const RULES = {
  // Any document
  'yaml-syntax': rule('error', 'any', 'The text is not valid YAML; reported where the parser stopped.'),
  'yaml-warning': rule('warning', 'any', 'YAML the parser accepts with a warning.'),
  'multiple-documents': rule('warning', 'any', 'Only the first YAML document of a file is read; later ones are ignored.'),
  'binary-content': rule('error', 'any', 'The file contains NUL characters (not text; rejected by the API).'),
  'document-too-large': rule('error', 'any', 'The file is too large to validate.'),
  'unknown-document-kind': rule('error', 'any', 'Neither a component (root `phases`) nor a workflow (root `steps`) document.'),
  'template-placeholder': rule('warning', 'any', 'An unsubstituted `${...}` / `%{...}` template placeholder (Terraform, CloudFormation, shell).'),
  'invalid-directive': rule('warning', 'any', 'A `# imagebuilder:` comment directive that cannot be read.'),
  'document-too-long': rule('warning', 'any', 'Longer than the 16,000 characters the API reference allows inline as `data` (warning), or over 64 KB (error).', 'L42, conflict 11'),
  'wrong-type': rule('error', 'any', 'A part of the document has the wrong YAML type, e.g. a list where a mapping is needed.'),
  'unknown-key': rule('warning', 'any', 'A key the documents do not define (ignored or rejected by the service).', 'L44'),
  'missing-key': rule('error', 'any', 'A required key is missing.'),
  'invalid-value': rule('error', 'any', 'A value has the wrong type or is not one of the allowed values.'),
  'schema-version': rule('error', 'any', '`schemaVersion` is missing or not 1.0.', 'L01'),

  // Component documents (AWSTOE)
  'missing-phases': rule('error', 'component', '`phases` is missing/empty, or no phase is named build, validate or test.', 'L02'),
  'invalid-phase-name': rule('error', 'component', 'Phase name not 3-128 characters of letters, digits, `-`, `_`.', 'L03'),
  'duplicate-phase-name': rule('error', 'component', 'Two phases have the same name.', 'L03'),
  'invalid-step-name': rule('error', 'any', 'Step name does not match the documented pattern.', 'L04, A.4'),
  'duplicate-step-name': rule('error', 'any', 'Two steps in one phase (component) or one document (workflow) have the same name.', 'L04, A.4'),
  'unknown-action': rule('error', 'any', 'The action is not an action module / step action.', 'L05, B'),
  'invalid-on-failure': rule('error', 'any', '`onFailure` not one of the allowed values.', 'L06, A.3'),
  'invalid-timeout': rule('error', 'any', '`timeoutSeconds` out of range.', 'L07, B.3'),
  'invalid-max-attempts': rule('error', 'component', '`maxAttempts` is not an integer >= 1.', 'L08'),
  'execute-document-step-field': rule('error', 'component', 'ExecuteDocument steps allow only `timeoutSeconds: -1` and `maxAttempts: 1`.', 'L09'),
  'reboot-timeout': rule('warning', 'component', 'Reboot does not support a step timeout.', 'L10'),
  'powershell-commands-or-file': rule('error', 'component', 'ExecutePowerShell needs exactly one of `commands`/`file`, and `file` must be a .ps1 script.', 'L11'),
  'inputs-shape': rule('error', 'any', '`inputs` is a mapping where the action needs a list, or the reverse.', 'L12'),
  'missing-input': rule('error', 'any', 'A required input is missing.', 'L12, B.2'),
  'unknown-input': rule('warning', 'any', 'An input key the action does not define.', 'L12, B.2'),
  'invalid-input-value': rule('error', 'any', 'An input value has the wrong type or is not an allowed value.', 'L12, B.2'),
  'checksum-without-algorithm': rule('warning', 'component', 'WebDownload `checksum` and `algorithm` must be given together.', 'L13'),
  'permissions-not-string': rule('warning', 'component', '`permissions` written as a YAML number; it must be a string such as `\'0755\'`.', 'L14'),
  'platform-unsupported-action': rule('error', 'component', 'The action module does not run on the component platform.', 'L15'),
  'platform-unsupported-input': rule('error', 'component', 'owner/group/permissions of CreateFile/CreateFolder are not supported on Windows.', 'L16'),
  'platform-unknown': rule('information', 'component', 'The platform is not known, so platform rules were skipped.', 'L15, L16'),
  'updateos-amazon-linux-2023': rule('warning', 'component', 'UpdateOS does not support Amazon Linux 2023.', 'L17'),
  'msi-reserved-property': rule('error', 'component', 'InstallMSI/UninstallMSI `properties` may not set REBOOT, REINSTALLMODE or REINSTALL.', 'L18'),
  'invalid-variable-name': rule('error', 'component', 'Parameter/constant name not 3-128 characters of letters, digits, `-`, `_`.', 'L19'),
  'duplicate-variable': rule('error', 'component', 'A parameter or constant name is used twice (across both sections).', 'L19'),
  'parameter-type': rule('warning', 'component', 'Parameter `type` other than `string` (only `string` is documented).', 'L20'),
  'constant-incomplete': rule('error', 'component', 'A constant needs `type` and `value`.', 'L21'),
  'undefined-reference': rule('warning', 'any', 'A reference names nothing the document defines.', 'L22, A.5'),
  'unquoted-reference': rule('error', 'any', 'A plain scalar starting with `{{` is read by YAML as a mapping.', 'L23'),
  'imds-blocked-path': rule('error', 'component', '`aws:imds:` paths under `iam/` and `identity-credentials/` are rejected.', 'L24'),
  'unknown-context-key': rule('warning', 'component', '`context:` key that AWSTOE does not define.', 'L25'),
  'invalid-chaining': rule('warning', 'component', 'Chaining to a missing phase/step, a later step, an index out of range or an output the module does not produce.', 'L26'),
  'cross-stage-chaining': rule('warning', 'component', 'Chaining between build-stage (build/validate) and test-stage (test/container-host-test) phases.', 'L27'),
  'loop-reference-out-of-scope': rule('warning', 'component', '`loop.*` / `<loopName>.*` used outside the step that owns the loop.', 'L28'),
  'invalid-loop': rule('error', 'component', 'Loop without exactly one of `for`/`forEach`, `updateBy: 0`, a direction that never ends, or chaining where not allowed.', 'L29'),
  'invalid-delimiter': rule('error', 'component', '`forEach.delimiter` is not one of `. , ; : \\n \\t space - _`.', 'L30'),
  'duplicate-loop-name': rule('error', 'component', 'Two loops in one phase have the same name.', 'L31'),
  'invalid-condition': rule('error', 'any', 'A conditional expression is malformed (operators, then/else, list forms, operand counts).', 'L32, A.7'),
  'misplaced-condition-branch': rule('warning', 'component', '`then`/`else` nested below the top of a step\'s `if` (documented only at the top).', 'L32'),
  'condition-too-deep': rule('error', 'any', 'Conditional expressions nest deeper than 4 levels.', 'L33, A.7'),
  'comparison-operand': rule('error', 'component', 'A comparison lacks its companion key (`value`/`path`) or has one it must not have.', 'L34'),
  'non-numeric-operand': rule('warning', 'any', 'A number comparison operand that is not a number.', 'L35, F11'),
  'invalid-pattern': rule('error', 'component', '`patternMatches` is not a valid RE2 regular expression.', 'L36'),
  'reboot-exit-code': rule('warning', 'component', 'A script reboots without the exit code that tells AWSTOE to resume (194 Bash, 3010 PowerShell).', 'L37'),
  's3-prefix-wildcard': rule('warning', 'component', 'S3Download `source` uses `*` other than as a trailing `/*`.', 'L38'),
  'wildcard-destination': rule('warning', 'component', 'Copy/Move with a wildcard source needs a destination ending in a separator; `*` only in the last segment.', 'L39'),
  'execute-document-cycle': rule('warning', 'component', 'ExecuteDocument runs the document itself.', 'L40'),
  'component-type': rule('information', 'component', 'Which component type (BUILD or TEST) Image Builder will assign.', 'L41'),
  'possible-secret': rule('information', 'component', 'A secret may end up in logs (echo of an SSM value, password-like parameter).', 'L43'),

  // Workflow documents
  'too-many-steps': rule('error', 'workflow', 'More than 15 steps.', 'A.1, F25'),
  'action-not-allowed': rule('error', 'workflow', 'The action is not allowed in this workflow type.', 'B.1'),
  'collect-metadata-outside-build': rule('warning', 'workflow', 'CollectImageMetadata is documented as valid only in BUILD workflows.', 'F6'),
  'mixed-distribution': rule('error', 'workflow', 'DistributeContainerImage mixed with AMI distribution actions.', 'B.1'),
  'timeout-above-86400': rule('warning', 'workflow', '`timeoutSeconds` above 86,400 (the document-structure page\'s limit).', 'F1'),
  'workflow-type-unknown': rule('information', 'workflow', 'The workflow type is not known: validated against all types.', 'A'),
  'invalid-step-output': rule('warning', 'workflow', '`$.stepOutputs` names a missing or later step, or an output its action does not produce.', 'A.3, A.5'),
  'distributed-images-source': rule('error', 'workflow', '`distributedImages.$` does not point at a DistributeImage `distributedImages` output.', 'B.2'),
  'undefined-parameter': rule('error', 'workflow', '`$.parameters.<name>` names no declared parameter.', 'A.5'),
  'parameter-type-mismatch': rule('warning', 'workflow', 'A parameter of one type feeds an input or condition of another.', 'A.2'),
  'unknown-system-variable': rule('warning', 'workflow', '`$.imagebuilder.<name>` is not a documented system variable.', 'A.6, F9'),
  'invalid-jsonpath': rule('warning', 'workflow', 'A JSONPath reference that is not well formed.', 'A.5'),
  'jsonpath-without-suffix': rule('warning', 'workflow', 'A `$.` JSONPath value on a key without the `.$` suffix is taken literally.', 'A.5, F5'),
  'literal-on-chained-key': rule('warning', 'workflow', 'A `<key>.$` input whose value is not a `$.` JSONPath.', 'A.5, F5'),
  // Warning, not error: the official gated-distribution sample (spec A.9) passes plain text as a payload.
  'invalid-json': rule('warning', 'workflow', 'WaitForAction `payload` / ExecuteStateMachine `input` is not valid JSON once interpolated.', 'B.2'),
  'invalid-output': rule('warning', 'workflow', 'A document output refers to a missing step or output, or its name is used twice.', 'A.8'),
  'parameter-default-type': rule('error', 'workflow', 'A parameter default does not match its declared type.', 'A.2'),
  'duplicate-parameter': rule('error', 'workflow', 'Two parameters have the same name.', 'A.2'),
  'step-description-too-long': rule('warning', 'workflow', 'A step description over 500 characters (the runtime record keeps 500).', 'F3'),
  // Documents inside CloudFormation templates and Terraform files
  'host-syntax': rule('error', 'any', 'A CloudFormation template or Terraform file that holds Image Builder documents cannot be read where reported.'),
  'embedded-uri': rule('information', 'any', 'The resource takes its document from S3 (`Uri` / `uri`); it is not checked.'),
  'embedded-not-static': rule('information', 'any', 'The resource\'s document is computed (a variable, an intrinsic function) and cannot be read before deployment.'),
  'embedded-file-missing': rule('warning', 'any', 'The file that file() / templatefile() reads for the document cannot be found or read.'),
  'internal-error': rule('information', 'any', 'A rule failed on this document (a bug: please report it); the other checks still ran.'),
  'unused-parameter': rule('hint', 'any', 'A declared parameter is never referenced.'),
} satisfies Record<string, RuleInfo>;

export type DiagnosticCode = keyof typeof RULES;

/**
 * A diagnostic of a code, with the typed quick-fix data of that code (fixData.ts); the data
 * carries its code too, so a client that sends it back cannot attach it to another code.
 */
export function diagnostic<C extends DiagnosticCode>(code: C, range: Range, message: string, data?: DataArgument<C>, severity?: Severity): Diagnostic {
  const result: Diagnostic = { range, severity: severity ?? RULES[code].severity, code, message };
  if (data) {
    // Fields left undefined are dropped, as JSON would drop them on the way to the client.
    result.data = { code };
    for (const [name, value] of Object.entries(data as object)) if (value !== undefined) result.data[name] = value;
  }
  return result;
}
