/**
 * Step actions of image workflow documents and the `$.imagebuilder.*` system variables.
 * Source: spec workflow-document-and-api.md, sections A.5, A.6, B.1–B.3 and F.
 */
import type { WorkflowActionSpec, InputSpec, OutputSpec } from '../shared/knowledge';

type Schema = InputSpec['schema'];

const yaml = (...lines: string[]): string => lines.join('\n');

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const strList: Schema = { type: 'array', items: { type: 'string' } };

/** A closed object schema: only the listed keys, `required` ones must be present. */
function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return required.length > 0
    ? { type: 'object', properties, required, additionalProperties: false }
    : { type: 'object', properties, additionalProperties: false };
}

/**
 * An object or a list of such objects. Written as if/then/else rather than anyOf, so a wrong
 * key inside a list item is reported as such instead of as "must be a mapping or a list".
 */
function oneOrList(item: Schema): Schema {
  return { if: { type: 'array' }, then: { type: 'array', items: item }, else: item };
}

// ---------------------------------------------------------------------------
// Shared inputs and outputs

/** `instanceId` input of the actions that work on a launched instance. */
function instanceIdInput(extra = ''): InputSpec {
  return {
    name: 'instanceId',
    description:
      'ID of the EC2 instance to act on, normally chained from the `instanceId` output of a ' +
      `LaunchInstance step (\`instanceId.$: "$.stepOutputs.<step>.instanceId"\`).${extra}`,
    required: true,
    schema: str,
  };
}

const INSTANCE_EXAMPLE = 'instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"';

/** `distributedImages.$` of ModifyImageAttributes and ApplyImageConfigurations (chained form only). */
const distributedImagesInput: InputSpec = {
  name: 'distributedImages',
  description:
    'Reference to the `distributedImages` output of a DistributeImage step in the same workflow. ' +
    'Accepted only in chained form (`distributedImages.$`) with a JSONPath that starts with `$.stepOutputs.`.',
  required: true,
  schema: { type: 'string', pattern: '^\\$\\.stepOutputs\\.' },
};

const DISTRIBUTED_IMAGES_EXAMPLE = 'distributedImages.$: "$.stepOutputs.DistributeCopies.distributedImages"';

/** Outputs of the actions that run an SSM command on the instance. */
function ssmCommandOutputs(outputType: 'string' | 'list' = 'string'): OutputSpec[] {
  return [
    { name: 'runCommandId', description: 'ID of the Systems Manager command the step sent.', type: 'string' },
    { name: 'status', description: 'Final status of the Systems Manager command.', type: 'string' },
    {
      name: 'output',
      description:
        outputType === 'list'
          ? 'Output of the command as a list of strings; index it like `output[0]`.'
          : 'Output of the command.',
      type: outputType,
    },
  ];
}

const REGION_ITEM_STATUS =
  '`status` (`Completed`, `Failed`, `Cancelled` or `TimedOut`) and `errorMessage`';

// ---------------------------------------------------------------------------
// Nested schemas. Every key carries a description: it is the hover and completion text.

/** A schema with the description of the key it belongs to. */
const doc = (description: string, schema: Schema): Schema => ({ description, ...schema });

const distributionItem = obj(
  {
    region: doc('Region the AMI is copied to; required in each item, 1 to 1024 characters.', { type: 'string', minLength: 1, maxLength: 1024 }),
    name: doc('Name of the distributed AMI.', str),
    description: doc('Description of the distributed AMI.', str),
    targetAccountIds: doc('IDs of the AWS accounts the AMI is copied to.', strList),
    amiTags: doc('Tags of the distributed AMI, as tag name to value; at most 50 tags.', {
      type: 'object',
      additionalProperties: { type: 'string' },
      maxProperties: 50,
    }),
    kmsKeyId: doc('ID of the KMS key for the distributed AMI.', str),
  },
  ['region'],
);

const attributeItem = obj(
  {
    region: doc('Region of the distributed AMIs whose attributes this item modifies; required in each item.', str),
    launchPermission: doc(
      'Launch permissions of the AMI: `userIds`, `userGroups`, `organizationArns` and `organizationalUnitArns`, each a list of strings.',
      obj({
        userIds: doc('AWS account IDs allowed to launch the AMI.', strList),
        userGroups: doc('User groups allowed to launch the AMI.', strList),
        organizationArns: doc('ARNs of the organizations allowed to launch the AMI.', strList),
        organizationalUnitArns: doc('ARNs of the organizational units allowed to launch the AMI.', strList),
      }),
    ),
  },
  ['region'],
);

const s3ExportConfiguration = obj(
  {
    roleName: doc('Name of the IAM role used for the export; required.', str),
    diskImageFormat: doc('Disk image format of the export: `VMDK`, `RAW` or `VHD`; required.', {
      type: 'string',
      enum: ['VMDK', 'RAW', 'VHD'],
    }),
    s3Bucket: doc('S3 bucket the AMI is exported to; required.', str),
    s3Prefix: doc('Key prefix of the export in the S3 bucket.', str),
  },
  ['roleName', 'diskImageFormat', 's3Bucket'],
);

const ssmParameterConfiguration = obj(
  {
    amiAccountId: doc('AWS account ID of the AMI.', str),
    parameterName: doc('Name of the SSM parameter; required.', str),
    dataType: doc('Data type of the SSM parameter: `text` or `aws:ec2:image`.', { type: 'string', enum: ['text', 'aws:ec2:image'] }),
  },
  ['parameterName'],
);

const launchTemplateConfiguration = obj(
  {
    launchTemplateId: doc('ID of the launch template; required in each item.', str),
    accountId: doc('AWS account ID of the launch template.', str),
    setDefaultVersion: doc('Whether to make the launch template version with the AMI the default version.', bool),
  },
  ['launchTemplateId'],
);

const fastLaunchConfiguration = obj(
  {
    enabled: doc('Whether EC2 Fast Launch is enabled for the AMI; required in each item.', bool),
    snapshotConfiguration: doc(
      'Snapshot settings of EC2 Fast Launch, with `targetResourceCount`.',
      obj({ targetResourceCount: doc('Target number of snapshots for EC2 Fast Launch.', int) }),
    ),
    maxParallelLaunches: doc('Maximum number of parallel launches for EC2 Fast Launch.', int),
    launchTemplate: doc(
      'Launch template EC2 Fast Launch uses: `launchTemplateId`, `launchTemplateName` and `launchTemplateVersion`.',
      obj({
        launchTemplateId: doc('ID of the launch template.', str),
        launchTemplateName: doc('Name of the launch template.', str),
        launchTemplateVersion: doc('Version of the launch template.', str),
      }),
    ),
  },
  ['enabled'],
);

const configurationItem = obj(
  {
    region: doc('Region of the distributed AMIs this configuration applies to; required in each item.', str),
    licenseConfigurationArns: doc('ARNs of the license configurations to apply to the AMI.', strList),
    launchTemplateConfigurations: doc(
      'Launch templates to update with the AMI, each with `launchTemplateId` (required), `accountId` and `setDefaultVersion`.',
      { type: 'array', items: launchTemplateConfiguration },
    ),
    // F10: the API shape is a single object, S5 calls it an array; accept both.
    s3ExportConfiguration: doc(
      'Export of the AMI to S3 with `roleName`, `diskImageFormat` and `s3Bucket` (required) and `s3Prefix`; a mapping or a list of mappings.',
      oneOrList(s3ExportConfiguration),
    ),
    fastLaunchConfigurations: doc(
      'EC2 Fast Launch settings, each with `enabled` (required), `snapshotConfiguration`, `maxParallelLaunches` and `launchTemplate`.',
      { type: 'array', items: fastLaunchConfiguration },
    ),
    // F10: S5 says "Map", the official sample and the API use a list of maps; accept both.
    ssmParameterConfigurations: doc(
      'SSM parameters for the AMI, each with `parameterName` (required), `amiAccountId` and `dataType`; they may be cross-account. A list of mappings or one mapping.',
      oneOrList(ssmParameterConfiguration),
    ),
  },
  ['region'],
);

// The spec only says "EC2 shape with PascalCase keys" for blockDeviceMapping, so the known keys
// are typed but further EC2 keys stay allowed (additionalProperties: true).
const blockDeviceMappingItem: Schema = {
  type: 'object',
  properties: {
    DeviceName: doc('Device name of the mapping, e.g. `/dev/sda1`.', str),
    VirtualName: doc('Virtual device name of the mapping.', str),
    NoDevice: doc('Suppresses the device of the mapping.', str),
    Ebs: doc('EBS volume of the mapping, e.g. `SnapshotId`, `VolumeSize` and `VolumeType`; further EC2 keys are accepted.', {
      type: 'object',
      properties: {
        SnapshotId: doc('ID of the snapshot the volume is created from.', str),
        VolumeSize: doc('Size of the volume.', int),
        VolumeType: doc('Type of the EBS volume.', str),
        Iops: doc('I/O operations per second of the volume.', int),
        Throughput: doc('Throughput of the volume.', int),
        DeleteOnTermination: doc('Whether the volume is deleted when the instance terminates.', bool),
        Encrypted: doc('Whether the volume is encrypted.', bool),
        KmsKeyId: doc('ID of the KMS key for the volume.', str),
      },
      additionalProperties: true,
    }),
  },
  additionalProperties: true,
};

/** The section of each action on the AWS page the tables come from (spec S5), by the anchor the page gives it. */
const STEP_ACTIONS_PAGE = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/wfdoc-step-actions.html';
const DOC_ANCHORS: Record<string, string> = {
  ApplyImageConfigurations: 'wfdoc-step-action-apply-image-configurations', BootstrapInstanceForContainer: 'wfdoc-step-action-bootstrap-container',
  CollectImageMetadata: 'wfdoc-step-action-collect-image-metadata', CollectImageScanFindings: 'wfdoc-step-action-collect-findings',
  CreateImage: 'wfdoc-step-action-create-img-from-inst', CreateImageFromIso: 'wfdoc-step-action-create-image-from-iso',
  DistributeContainerImage: 'wfdoc-step-action-distribute-container', DistributeImage: 'wfdoc-step-action-distribute-image',
  ExecuteComponents: 'wfdoc-step-action-exec-components', ExecuteStateMachine: 'wfdoc-step-action-exec-state-machine',
  LaunchInstance: 'wfdoc-step-action-launch-instance', ModifyImageAttributes: 'wfdoc-step-action-modify-image-attributes',
  RegisterImage: 'wfdoc-step-action-register-image', RunCommand: 'wfdoc-step-action-run-command', RunSysPrep: 'wfdoc-step-action-run-sysprep',
  SanitizeInstance: 'wfdoc-step-action-sanitize-instance', TerminateInstance: 'wfdoc-step-action-terminate-instance',
  WaitForAction: 'wfdoc-step-action-waitfor', WaitForSSMAgent: 'wfdoc-step-action-wait-for-ssm-agent',
};

function withDocs(actions: WorkflowActionSpec[]): WorkflowActionSpec[] {
  return actions.map((action) => ({ ...action, docs: `${STEP_ACTIONS_PAGE}#${DOC_ANCHORS[action.name] ?? 'wfdoc-step-actions'}` }));
}

// ---------------------------------------------------------------------------
// Actions (alphabetical, as in spec B). Maxima are the per-action values of B.3; several exceed
// the 86400 s of S4 — the rules validate against these and only warn above 86400 (F1).
export const WORKFLOW_ACTIONS: readonly WorkflowActionSpec[] = withDocs([
  {
    name: 'ApplyImageConfigurations',
    description:
      'Applies license configurations, launch templates, S3 export, EC2 Fast Launch and SSM parameters to ' +
      'distributed AMIs. Configurations apply in the source account only, except SSM parameters, which may be cross-account.',
    types: ['DISTRIBUTION'],
    defaultTimeoutSeconds: 21600,
    maxTimeoutSeconds: 43200,
    inputs: [
      distributedImagesInput,
      {
        name: 'configurations',
        description:
          'One configuration per Region. If omitted, the distribution configuration attached to the image or ' +
          'pipeline is used; if given, the attached configuration is ignored.',
        schema: { type: 'array', items: configurationItem },
      },
    ],
    chainedOnly: ['distributedImages'],
    outputs: [
      {
        name: 'configuredImages',
        description:
          'One entry per configured AMI with `accountId`, `name`, `amiId`, `region`, `dateStarted`, `dateStopped`, ' +
          `\`step\` (e.g. \`Completed\`, \`ExportAmiRunning\`), ${REGION_ITEM_STATUS}.`,
        type: 'list',
      },
    ],
    rollback: false,
    example: yaml(
      DISTRIBUTED_IMAGES_EXAMPLE,
      'configurations:',
      '  - region: us-west-2',
      '    ssmParameterConfigurations:',
      '      - parameterName: /my-app/ami',
      '        dataType: aws:ec2:image',
    ),
  },
  {
    name: 'BootstrapInstanceForContainer',
    description:
      'Runs a service script through SSM that installs the AWS CLI and Docker on the instance, as container builds need.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 3600,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: ssmCommandOutputs(),
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'CollectImageMetadata',
    description:
      'Collects the OS name and version and the package inventory of the instance through SSM Inventory. ' +
      'Only for AMI-producing images; rolls back the Systems Manager resources it created.',
    // F6: the B.1 matrix allows every type, the action's own section says BUILD only; a rule warns outside BUILD.
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 1800,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: [
      { name: 'osVersion', description: 'Operating system name and version found on the instance.', type: 'string' },
      { name: 'associationId', description: 'ID of the SSM association used to collect the inventory.', type: 'string' },
    ],
    rollback: true,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'CollectImageScanFindings',
    description:
      'Collects the Amazon Inspector findings for the test instance. Needs Amazon Inspector and image scanning to be enabled.',
    types: ['TEST'],
    defaultTimeoutSeconds: 7200,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: ssmCommandOutputs(),
    rollback: false,
    example: 'instanceId.$: "$.stepOutputs.LaunchTestInstance.instanceId"',
  },
  {
    name: 'CreateImage',
    description: 'Creates an AMI from a running instance (EC2 CreateImage) and waits until it is available.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 43200,
    maxTimeoutSeconds: 259200,
    inputs: [instanceIdInput(' The instance must be running when the step starts.')],
    outputs: [{ name: 'imageId', description: 'ID of the AMI that was created.', type: 'string' }],
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'CreateImageFromIso',
    description:
      'Creates an AMI from an ISO disk image held by the build instance; the requirements are those of ISO import.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 43200,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: [
      { name: 'amiName', description: 'Name of the AMI that was created.', type: 'string' },
      { name: 'snapshotId', description: 'ID of the snapshot behind the new AMI.', type: 'string' },
      { name: 'architecture', description: 'Architecture of the new AMI: `x86_64` or `arm64`.', type: 'string' },
    ],
    rollback: false,
    addedLater: true,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'DistributeContainerImage',
    description:
      'Pushes the built container image to ECR repositories in the target Regions through an SSM command on the ' +
      'build instance, which needs Docker and the AWS CLI (see BootstrapInstanceForContainer).',
    types: ['DISTRIBUTION'],
    defaultTimeoutSeconds: 7200,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: [
      { name: 'status', description: 'Overall status of the push.', type: 'string' },
      { name: 'succeededRegions', description: 'Regions the container image was pushed to.', type: 'list' },
      { name: 'failedRegions', description: 'Regions the push failed for.', type: 'list' },
    ],
    rollback: false,
    addedLater: true,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'DistributeImage',
    description:
      'Copies the AMI to the target Regions and accounts. Launch permissions are not set here ' +
      '(use ModifyImageAttributes), and completed copies stay if the workflow fails.',
    types: ['DISTRIBUTION'],
    defaultTimeoutSeconds: 21600,
    maxTimeoutSeconds: 43200,
    inputs: [
      {
        name: 'distributions',
        description:
          'One distribution per Region (`region`, optional AMI `name`, `description`, `targetAccountIds`, up to 50 ' +
          '`amiTags`, `kmsKeyId`). If omitted, the distribution configuration of the image or pipeline is used; if given, it is ignored.',
        schema: { type: 'array', items: distributionItem },
      },
    ],
    outputs: [
      {
        name: 'distributedImages',
        description:
          'One entry per copy with `region`, `name`, `amiId`, `accountId`, `dateStarted`, `dateStopped`, ' +
          `\`step\` (\`Completed\` or \`CopyAmiRunning\`), ${REGION_ITEM_STATUS}. The build-Region entry completes at once.`,
        type: 'list',
      },
    ],
    rollback: false,
    example: yaml(
      'distributions:',
      '  - region: us-west-2',
      '    amiTags:',
      '      Release: approved',
      '  - region.$: "$.parameters.SecondRegion"',
    ),
  },
  {
    name: 'ExecuteComponents',
    description:
      "Runs the recipe's components on the instance through SSM: build components in build workflows, test components in test workflows.",
    types: ['BUILD', 'TEST'],
    defaultTimeoutSeconds: 43200,
    maxTimeoutSeconds: 86400,
    inputs: [instanceIdInput()],
    outputs: ssmCommandOutputs(),
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'ExecuteStateMachine',
    description:
      'Starts an AWS Step Functions execution and waits for it to finish. The execution role needs ' +
      '`states:StartExecution` and `states:DescribeExecution`.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 21600,
    maxTimeoutSeconds: 86400,
    inputs: [
      { name: 'stateMachineArn', description: 'ARN of the state machine to start.', required: true, schema: str },
      {
        name: 'input',
        description:
          'Execution input; must be valid JSON of at most 16 KiB and may contain `{{ $.path }}` interpolations. Defaults to `{}`.',
        schema: { type: 'string', maxLength: 16384 },
        default: '{}',
      },
    ],
    outputs: [
      { name: 'executionArn', description: 'ARN of the Step Functions execution.', type: 'string' },
      { name: 'output', description: 'Output of the execution.', type: 'string' },
    ],
    rollback: false,
    example: yaml(
      'stateMachineArn: arn:aws:states:us-east-1:111122223333:stateMachine:ValidateImage',
      'input: |',
      '  {"imageId": "{{ $.stepOutputs.CreateOutputAMI.imageId }}"}',
    ),
  },
  {
    name: 'LaunchInstance',
    description:
      'Launches an instance from the recipe and infrastructure configuration and waits for its health check and the SSM agent. ' +
      "On rollback a build instance is handled per the infrastructure configuration's terminate-on-failure setting.",
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 4500,
    maxTimeoutSeconds: 43200,
    inputs: [
      {
        name: 'waitFor',
        description: 'What to wait for after the launch; only `ssmAgent` is supported.',
        required: true,
        schema: { type: 'string', enum: ['ssmAgent'] },
      },
      {
        name: 'imageIdOverride',
        description:
          'AMI ID to launch instead of the default: the recipe base image in build workflows, the build-stage AMI in test workflows.',
        schema: str,
      },
      {
        name: 'instanceTypesOverride',
        description:
          'Instance types tried in order until one launches. Defaults to those of the infrastructure configuration.',
        schema: strList,
      },
      {
        name: 'healthCheck',
        description: 'Instance state to wait for: `RUNNING` or `STATUS_CHECK_PASSED` (default).',
        schema: { type: 'string', enum: ['RUNNING', 'STATUS_CHECK_PASSED'] },
        default: 'STATUS_CHECK_PASSED',
      },
    ],
    outputs: [
      { name: 'instanceId', description: 'ID of the launched instance.', type: 'string' },
    ],
    rollback: true,
    example: 'waitFor: ssmAgent',
  },
  {
    name: 'ModifyImageAttributes',
    description: 'Modifies attributes (launch permissions) of the AMIs distributed by an earlier DistributeImage step.',
    types: ['DISTRIBUTION'],
    defaultTimeoutSeconds: 7200,
    maxTimeoutSeconds: 10800,
    inputs: [
      distributedImagesInput,
      {
        name: 'attributes',
        description:
          'One entry per Region with a `launchPermission` of `userIds`, `userGroups`, `organizationArns` and ' +
          '`organizationalUnitArns`. If omitted, the attached distribution configuration is used.',
        schema: { type: 'array', items: attributeItem },
      },
    ],
    chainedOnly: ['distributedImages'],
    outputs: [
      {
        name: 'modifiedImages',
        description:
          'One entry per modified AMI with `accountId`, `name`, `amiId`, `region`, `dateStarted`, `dateStopped`, ' +
          `\`step\` (\`Completed\` or \`ModifyAmiRunning\`), ${REGION_ITEM_STATUS}.`,
        type: 'list',
      },
    ],
    rollback: false,
    example: yaml(
      DISTRIBUTED_IMAGES_EXAMPLE,
      'attributes:',
      '  - region: us-east-1',
      '    launchPermission:',
      '      userIds:',
      "        - '111122223333'",
    ),
  },
  {
    name: 'RegisterImage',
    description:
      'Registers an AMI from snapshots (EC2 RegisterImage). The execution role needs `ec2:DescribeSnapshots` and `ec2:CreateTags`.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 32400,
    maxTimeoutSeconds: 43200,
    inputs: [
      {
        name: 'architecture',
        description: 'Architecture of the AMI.',
        schema: { type: 'string', enum: ['i386', 'x86_64', 'arm64', 'x86_64_mac', 'arm64_mac'] },
      },
      {
        name: 'blockDeviceMapping',
        description:
          'Block device mappings in the EC2 shape with PascalCase keys, e.g. `DeviceName` and `Ebs: {SnapshotId, VolumeSize, VolumeType}`.',
        schema: { type: 'array', items: blockDeviceMappingItem },
      },
      {
        name: 'bootMode',
        description: 'Boot mode of the AMI.',
        schema: { type: 'string', enum: ['legacy-bios', 'uefi', 'uefi-preferred'] },
      },
      { name: 'description', description: 'Description of the AMI.', schema: str },
      { name: 'enaSupport', description: 'Whether enhanced networking with ENA is enabled.', schema: bool },
      { name: 'imageLocation', description: 'Manifest location; required for S3-backed AMIs.', schema: str },
      {
        name: 'imdsSupport',
        description: 'Set to `v2.0` so instances launched from the AMI require IMDSv2.',
        schema: { type: 'string', enum: ['v2.0'] },
      },
      {
        name: 'includeSnapshotTags',
        description:
          'Merge in the tags of the first EBS volume that has a `SnapshotId`; AMI tags win and `aws:` keys are excluded. Defaults to false.',
        schema: bool,
        default: false,
      },
      { name: 'kernelId', description: 'ID of the kernel.', schema: str },
      { name: 'ramdiskId', description: 'ID of the RAM disk.', schema: str },
      { name: 'rootDeviceName', description: 'Device name of the root volume, e.g. `/dev/sda1`.', schema: str },
      { name: 'sriovNetSupport', description: 'Enhanced networking with the Intel 82599 VF interface.', schema: str },
      {
        name: 'tpmSupport',
        description: 'Set to `v2.0` to enable NitroTPM support.',
        schema: { type: 'string', enum: ['v2.0'] },
      },
      { name: 'uefiData', description: 'Base64-encoded UEFI variable store.', schema: str },
      {
        name: 'virtualizationType',
        description: 'Virtualization type of the AMI.',
        schema: { type: 'string', enum: ['hvm', 'paravirtual'] },
      },
    ],
    outputs: [{ name: 'imageId', description: 'ID of the registered AMI.', type: 'string' }],
    rollback: false,
    example: yaml(
      'architecture: x86_64',
      'rootDeviceName: /dev/xvda',
      'virtualizationType: hvm',
      'blockDeviceMapping:',
      '  - DeviceName: /dev/xvda',
      '    Ebs:',
      '      SnapshotId.$: "$.stepOutputs.CreateSnapshot.output[0]"',
    ),
  },
  {
    name: 'RunCommand',
    description: 'Runs a Systems Manager command document on the instance and waits for it to finish.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 43200,
    maxTimeoutSeconds: 43200,
    inputs: [
      instanceIdInput(),
      { name: 'documentName', description: 'Name of the SSM command document to run.', required: true, schema: str },
      {
        name: 'parameters',
        description: 'Document parameters, each a list of strings; needed when the document requires them.',
        schema: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
      {
        name: 'documentVersion',
        description: 'Version of the document to run. Defaults to `$DEFAULT`.',
        schema: str,
        default: '$DEFAULT',
      },
    ],
    outputs: ssmCommandOutputs('list'),
    rollback: false,
    example: yaml(
      INSTANCE_EXAMPLE,
      'documentName: AWS-RunShellScript',
      'parameters:',
      '  commands:',
      '    - echo hello',
    ),
  },
  {
    name: 'RunSysPrep',
    description: 'Runs `AWSEC2-RunSysprep` on a Windows instance before it is snapshotted.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 3600,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: ssmCommandOutputs(),
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'SanitizeInstance',
    description: 'Runs the recommended sanitize script on a Linux instance before it is snapshotted; not for container images.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 3600,
    maxTimeoutSeconds: 43200,
    inputs: [instanceIdInput()],
    outputs: ssmCommandOutputs(),
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'TerminateInstance',
    description: 'Terminates the instance, by default without waiting. Usually written with `onFailure: Continue`.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 1800,
    maxTimeoutSeconds: 43200,
    inputs: [
      instanceIdInput(),
      {
        name: 'waitForTermination',
        description: 'Wait until the instance is terminated. Defaults to false.',
        schema: bool,
        default: false,
      },
    ],
    outputs: [],
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
  {
    name: 'WaitForAction',
    description:
      'Pauses the workflow and publishes an EventBridge event, optionally notifying SNS and invoking a Lambda function. ' +
      'Resumes on SendWorkflowStepAction `RESUME`, stops on `STOP`, and fails at the timeout.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 259200,
    maxTimeoutSeconds: 604800,
    inputs: [
      { name: 'snsTopicArn', description: 'ARN of an SNS topic to notify while waiting.', schema: str },
      {
        name: 'lambdaFunctionName',
        description:
          'Name or ARN of a Lambda function invoked asynchronously while waiting; the execution role needs `lambda:InvokeFunction`.',
        schema: str,
      },
      {
        name: 'payload',
        description:
          'Custom data added to the SNS message and Lambda payload; must be valid JSON of at most 16 KiB and may contain `{{ $.path }}` interpolations.',
        schema: { type: 'string', maxLength: 16384 },
      },
    ],
    outputs: [
      { name: 'action', description: 'Action that resumed or ended the step: `RESUME` or `STOP`.', type: 'string' },
      { name: 'reason', description: 'Reason passed to SendWorkflowStepAction.', type: 'string' },
    ],
    rollback: false,
    example: yaml(
      'snsTopicArn.$: "$.parameters.approvalTopicArn"',
      `payload: '{"imageId": "{{ $.workflowOutputs.ImageId }}"}'`,
    ),
  },
  {
    name: 'WaitForSSMAgent',
    description: 'Waits until the instance can be managed by Systems Manager again, e.g. after a reboot.',
    types: ['BUILD', 'TEST', 'DISTRIBUTION'],
    defaultTimeoutSeconds: 3600,
    maxTimeoutSeconds: 10800,
    inputs: [instanceIdInput()],
    outputs: [{ name: 'status', description: 'Status of the SSM agent check.', type: 'string' }],
    rollback: false,
    example: INSTANCE_EXAMPLE,
  },
]);

/**
 * F9: outputs that documentation examples reference but the step-actions page does not list.
 * References to them are accepted with a warning; completion does not offer them.
 */
export const UNLISTED_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  // `$.stepOutputs.LaunchStep.instanceType` appears in the dynamic-variables page (S6).
  LaunchInstance: ['instanceType'],
};

// ---------------------------------------------------------------------------
// System variables

export interface SystemVariableSpec {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'list' | 'object';
  description: string;
  /** False for names seen only in examples, not in the variable table (spec F9). */
  documented: boolean;
}

/** `$.imagebuilder.<name>` variables (spec A.6). */
export const SYSTEM_VARIABLES: readonly SystemVariableSpec[] = [
  {
    name: 'cloudWatchLogGroup',
    type: 'string',
    description: 'CloudWatch Logs group of the build, e.g. `/aws/imagebuilder/<recipe-name>`.',
    documented: true,
  },
  { name: 'cloudWatchLogStream', type: 'string', description: 'CloudWatch Logs stream of the build, e.g. `1.0.0/1`.', documented: true },
  { name: 'collectImageMetadata', type: 'boolean', description: 'Whether image metadata collection is enabled.', documented: true },
  { name: 'collectImageScanFindings', type: 'boolean', description: 'Whether image scan findings collection is enabled.', documented: true },
  { name: 'imageBuildNumber', type: 'integer', description: 'Build number of the image, e.g. `1`.', documented: true },
  { name: 'imageId', type: 'string', description: 'AMI ID of the base image, e.g. `ami-1234567890abcdef1`.', documented: true },
  { name: 'imageName', type: 'string', description: 'Name of the image being built.', documented: true },
  {
    name: 'imageType',
    // F8: the table says `Docker`, managed workflows compare with `DOCKER`.
    type: 'string',
    description: 'Type of the output image: `AMI` or `Docker` (managed workflows compare with `DOCKER`).',
    documented: true,
  },
  { name: 'imageVersionNumber', type: 'string', description: 'Semantic version of the image, e.g. `1.0.0`.', documented: true },
  { name: 'instanceProfileName', type: 'string', description: 'Instance profile used for build and test instances.', documented: true },
  { name: 'platform', type: 'string', description: 'Platform of the image: `Linux`, `Windows` or `MacOS`.', documented: true },
  { name: 's3Logs', type: 'object', description: 'S3 logging settings, with `s3BucketName` and `s3KeyPrefix`.', documented: true },
  { name: 'securityGroups', type: 'list', description: 'Security group IDs used for the instances.', documented: true },
  {
    name: 'sourceImageARN',
    type: 'string',
    description: 'ARN of the image being built, e.g. `arn:aws:imagebuilder:us-east-1:111122223333:image/sampleImage/1.0.0/1`.',
    documented: true,
  },
  { name: 'subnetId', type: 'string', description: 'Subnet ID the instances are launched in.', documented: true },
  {
    name: 'terminateInstanceOnFailure',
    type: 'boolean',
    description: 'Whether the build instance is terminated when the build fails.',
    documented: true,
  },
  {
    name: 'workflowPhase',
    // F24: the value during a DISTRIBUTION workflow is not documented.
    type: 'string',
    description: 'Phase of the running workflow: `Build` or `Test`.',
    documented: true,
  },
  { name: 'workingDirectory', type: 'string', description: 'Working directory on the instance, e.g. `/tmp`.', documented: true },
  // F9: used in an interpolation example ("the current build timestamp") but missing from the table.
  { name: 'dateTime', type: 'string', description: 'Timestamp of the current build.', documented: false },
];
