/**
 * The 30 AWSTOE action modules (spec 7.0 to 7.24), in the order of the 7.0 summary table.
 * Schemas describe literal values only; the generator adds `{{ reference }}` alternatives.
 */
import type { ComponentActionSpec, InputSpec, OutputSpec, Platform } from '../shared/knowledge';
import type { JSONSchema } from '../shared/jsonSchema';

/** Text encodings accepted by the file modules, matched case-insensitively (spec 7.0). */
export const ENCODINGS: readonly string[] = [
  'utf8', 'utf-8',
  'utf16', 'utf-16', 'utf16-LE', 'utf-16-LE', 'utf16-BE', 'utf-16-BE',
  'utf32', 'utf-32', 'utf32-LE', 'utf-32-LE', 'utf32-BE', 'utf-32-BE',
];

// JSON Schema patterns have no flags, so each letter becomes a `[xX]` class.
const caseInsensitive = (literal: string): string =>
  literal.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const ENCODING_PATTERN = `^(?:${ENCODINGS.map(caseInsensitive).join('|')})$`;

const ALL: Platform[] = ['Linux', 'Windows', 'macOS'];
const UNIX: Platform[] = ['Linux', 'macOS'];
const WINDOWS: Platform[] = ['Windows'];

// ---- input helpers --------------------------------------------------------------------------

const input = (name: string, description: string, schema: JSONSchema, required = false, def?: unknown): InputSpec =>
  def === undefined ? { name, description, required, schema } : { name, description, required, schema, default: def };
const text = (name: string, description: string, required = false, def?: string): InputSpec =>
  input(name, description, { type: 'string' }, required, def);
const flag = (name: string, description: string, def: boolean): InputSpec =>
  input(name, description, { type: 'boolean' }, false, def);
const textList = (name: string, description: string, required = false): InputSpec =>
  input(name, description, { type: 'array', items: { type: 'string' } }, required);
// The schema's own description is what a message about a value that fails the pattern shows.
const encoding = (description: string): InputSpec =>
  input('encoding', description, { type: 'string', pattern: ENCODING_PATTERN, description: `one of ${ENCODINGS.map((e) => `\`${e}\``).join(', ')}, in any letter case` }, false, 'utf8');
const output = (name: string, description: string, type: OutputSpec['type'] = 'string'): OutputSpec =>
  ({ name, description, type });

const stdout = (what: string): OutputSpec => output('stdout', `Standard output of ${what}.`);
const bucketOwner = (role: string): InputSpec =>
  text('expectedBucketOwner', `AWS account ID expected to own the ${role} bucket; the transfer fails if the owner differs.`);
const permissionsNote = 'Write it as a quoted string (e.g. `\'0755\'`): an unquoted number may be read as octal or decimal.';

// ---- shared input tables --------------------------------------------------------------------

/** CopyFile, CopyFolder, MoveFile, MoveFolder share one table (spec 7.10). */
function transfer(name: string, verb: 'Copies' | 'Moves', kind: 'file' | 'folder'): ComponentActionSpec {
  const item = kind === 'file' ? 'file' : 'folder';
  return {
    name,
    description: `${verb} ${item}s to a new location on Linux, Windows and macOS. Missing destination folders are created.`,
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('source', `Path of the ${item} to ${verb === 'Copies' ? 'copy' : 'move'}; \`*\` is allowed in the last path segment only.`, true),
      text('destination', `Target path. End it with \`/\` or \`\\\` to keep the source name (required when \`source\` uses a wildcard).`, true),
      flag('overwrite', `Overwrites an existing ${item} at the destination when \`true\` (default \`true\`).`, true),
    ],
    outputs: [],
    example: kind === 'file'
      ? '- source: /tmp/app.conf\n  destination: /etc/app/app.conf'
      : '- source: /tmp/app\n  destination: /opt/app',
  };
}

/** SetFileOwner and SetFolderOwner (spec 7.19); `recursive` is folder-only. */
function setOwner(kind: 'file' | 'folder'): ComponentActionSpec {
  const inputs = [
    text('path', `Path of the ${kind} whose owner is changed.`, true),
    text('owner', 'User name of the new owner.', true),
    text('group', 'Group name of the new group owner; when omitted the owner\'s group is used.'),
  ];
  if (kind === 'folder') {
    inputs.push(flag('recursive', 'Also changes the owner of everything inside the folder when `true` (default `true`).', true));
  }
  return {
    name: kind === 'file' ? 'SetFileOwner' : 'SetFolderOwner',
    description: `Changes the owner and group of a ${kind}${kind === 'folder' ? ' (recursively by default)' : ''}. Linux and macOS only; not supported on Windows.`,
    platforms: UNIX,
    inputsShape: 'list',
    inputsRequired: true,
    inputs,
    outputs: [],
    example: kind === 'file'
      ? '- path: /opt/app/app.conf\n  owner: appuser\n  group: appgroup'
      : '- path: /opt/app\n  owner: appuser\n  recursive: true',
  };
}

/** SetFilePermissions and SetFolderPermissions (spec 7.20); `recursive` is folder-only. */
function setPermissions(kind: 'file' | 'folder'): ComponentActionSpec {
  const inputs = [
    text('path', `Path of the ${kind} whose permissions are changed.`, true),
    text('permissions', `Permission mode, e.g. \`'0644'\`. ${permissionsNote}`, true),
  ];
  if (kind === 'folder') {
    inputs.push(flag('recursive', 'Also applies the permissions to everything inside the folder when `true` (default `true`).', true));
  }
  return {
    name: kind === 'file' ? 'SetFilePermissions' : 'SetFolderPermissions',
    description: `Sets the permission mode of a ${kind}${kind === 'folder' ? ' (recursively by default)' : ''}. Linux and macOS only; not supported on Windows.`,
    platforms: UNIX,
    inputsShape: 'list',
    inputsRequired: true,
    inputs,
    outputs: [],
    example: kind === 'file'
      ? "- path: /opt/app/run.sh\n  permissions: '0755'"
      : "- path: /opt/app\n  permissions: '0750'",
  };
}

/** InstallMSI and UninstallMSI share one input table and outputs (spec 7.21). */
function msi(name: 'InstallMSI' | 'UninstallMSI'): ComponentActionSpec {
  const install = name === 'InstallMSI';
  return {
    name,
    description: install
      ? 'Installs a Windows application from an MSI package with msiexec. Windows only; exit codes 0, 1614, 1641 and 3010 count as success.'
      : 'Removes a Windows application using its MSI package with msiexec. Windows only; exit codes 0, 1605, 1614, 1641 and 3010 count as success.',
    platforms: WINDOWS,
    inputsShape: 'object',
    inputsRequired: true,
    inputs: [
      text('path', 'MSI package as a local path (absolute or relative), an S3 object URI or an HTTP/HTTPS URL. AWSTOE adds the quotes for msiexec itself.', true),
      input('reboot', '`Allow` reboots when msiexec asks for it, `Force` always reboots after success, `Skip` never reboots (default `Allow`).',
        { type: 'string', enum: ['Allow', 'Force', 'Skip'] }, false, 'Allow'),
      // The flag list is lowercase but the documented default `*VX` is uppercase, so accept both cases.
      input('logOptions', 'msiexec logging flags passed with `/L`, from `i w e a r u c m o p v x + ! *` (default `*VX`; quote it in YAML, as a leading `*` starts an alias).',
        { type: 'string', pattern: '^[iwearucmopvxIWEARUCMOPVX+!*]+$', description: 'any of the flags `iwearucmopvx+!*` with no spaces, such as `*VX`' }, false, '*VX'),
      text('logFile', 'Path of the MSI log file; no log is kept when omitted.'),
      input('properties', 'msiexec properties as name/value pairs. `REBOOT`, `REINSTALLMODE` and `REINSTALL` may not be set here.',
        // Values are strings, but like other text inputs a YAML number (`PORT: 8080`) is read as its text.
        { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } }),
      flag('ignoreAuthenticodeSignatureErrors', 'Continues even when the installer\'s Authenticode signature check fails, when `true` (default `false`).', false),
      flag('allowUnsignedInstaller', 'Allows running an installer that has no signature, when `true` (default `false`).', false),
    ],
    outputs: [
      output('logFile', 'Path of the MSI log file written by msiexec.'),
      output('msiExitCode', 'Exit code returned by msiexec.', 'integer'),
      stdout('msiexec'),
    ],
    example: install
      ? 'path: C:\\Temp\\app.msi\nreboot: Skip\nlogFile: C:\\Temp\\app-install.log'
      : 'path: C:\\Temp\\app.msi\nlogFile: C:\\Temp\\app-uninstall.log',
  };
}

/**
 * The section of each module on the AWS page the tables come from (spec 0, UG-ACT), by the
 * anchor the page gives it.
 */
const ACTION_MODULES_PAGE = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html';
const DOC_ANCHORS: Record<string, string> = {
  Assert: 'action-modules-assertion', ExecuteBash: 'action-modules-executebash', ExecuteBinary: 'action-modules-executebinary',
  ExecuteDocument: 'action-modules-executedocument', ExecutePowerShell: 'action-modules-executepowershell',
  S3Download: 'action-modules-s3download', S3Upload: 'action-modules-s3upload', WebDownload: 'action-modules-webdownload',
  AppendFile: 'action-modules-appendfile', CopyFile: 'action-modules-copyfile', CopyFolder: 'action-modules-copyfolder',
  CreateFile: 'action-modules-createfile', CreateFolder: 'action-modules-createfolder', CreateSymlink: 'action-modules-createsymlink',
  DeleteFile: 'action-modules-deletefile', DeleteFolder: 'action-modules-deletefolder', ListFiles: 'action-modules-listfiles',
  MoveFile: 'action-modules-movefile', MoveFolder: 'action-modules-movefolder', ReadFile: 'action-modules-readfile',
  SetFileEncoding: 'action-modules-setfileencoding', SetFileOwner: 'action-modules-setfileowner', SetFolderOwner: 'action-modules-setfolderowner',
  SetFilePermissions: 'action-modules-setfilepermissions', SetFolderPermissions: 'action-modules-setfolderpermissions',
  InstallMSI: 'action-modules-install-msi', UninstallMSI: 'action-modules-uninstall-msi', Reboot: 'action-modules-reboot',
  SetRegistry: 'action-modules-setregistry', UpdateOS: 'action-modules-updateos',
};

function withDocs(actions: ComponentActionSpec[]): ComponentActionSpec[] {
  return actions.map((action) => ({ ...action, docs: `${ACTION_MODULES_PAGE}#${DOC_ANCHORS[action.name] ?? 'toe-action-modules'}` }));
}

// ---- the modules, in spec 7.0 order -----------------------------------------------------------
export const COMPONENT_ACTIONS: readonly ComponentActionSpec[] = withDocs([
  {
    name: 'Assert',
    description: 'Evaluates one comparison or logical expression: the step succeeds when it is true and fails when it is false. Available on Linux, Windows and macOS.',
    platforms: ALL,
    inputsShape: 'condition',
    inputsRequired: true,
    inputs: [],
    outputs: [],
    example: 'fileExists: /etc/hosts',
  },
  {
    name: 'ExecuteBash',
    description: 'Runs bash commands as a script on Linux and macOS; the step result is the script\'s exit code. Exit with 194 to request a reboot and rerun the step.',
    platforms: UNIX,
    inputsShape: 'object',
    inputsRequired: true,
    inputs: [
      textList('commands', 'Bash commands to run; multi-line YAML blocks are allowed. They are written to a script file and run with bash.', true),
    ],
    outputs: [stdout('the script')],
    example: 'commands:\n  - echo "hello"',
  },
  {
    name: 'ExecuteBinary',
    description: 'Runs an executable with optional arguments on Linux, Windows and macOS. Exit code 194 (Linux) or 3010 (Windows) requests a reboot and reruns the step.',
    platforms: ALL,
    inputsShape: 'object',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the executable to run.', true),
      textList('arguments', 'Arguments passed to the executable, one per list item.'),
    ],
    outputs: [stdout('the executable')],
    example: 'path: /usr/bin/python3\narguments:\n  - --version',
  },
  {
    name: 'ExecuteDocument',
    description: 'Runs another component document (local file, S3 object or Image Builder component) on Linux, Windows and macOS. Nesting is limited to 3 levels and the step must keep `timeoutSeconds: -1` and `maxAttempts: 1`.',
    platforms: ALL,
    inputsShape: 'object',
    inputsRequired: true,
    inputs: [
      text('document', 'Document to run: a local file path, an S3 URI or an Image Builder component ARN.', true),
      text('document-s3-bucket-owner', 'AWS account ID of the S3 bucket owner; recommended when `document` is an S3 URI.'),
      text('phases', 'Comma-separated names of the phases to run; all phases run when omitted.'),
      input('parameters', 'Parameters passed to the document, each a `name` and a `value`.', {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { description: 'Name of a parameter of the called document; required.', type: 'string' },
            value: { description: 'Value given to that parameter, as a string; required.', type: 'string' },
          },
          required: ['name', 'value'],
          additionalProperties: false,
        },
      }),
    ],
    outputs: [
      output('executedStepCount', 'Number of steps the called document ran.', 'integer'),
      output('executionId', 'Execution ID of the called document\'s run.'),
      output('failedStepCount', 'Number of steps that failed.', 'integer'),
      output('failureMessage', 'Failure message of the run, if it failed.'),
      output('ignoredFailedStepCount', 'Number of failed steps whose failure was ignored.', 'integer'),
      output('logUrl', 'Location of the run\'s logs.'),
      output('status', 'Final status of the run.'),
    ],
    example: 'document: s3://amzn-s3-demo-bucket/documents/setup.yaml\nphases: build,validate\nparameters:\n  - name: Version\n    value: "1.2.3"',
  },
  {
    name: 'ExecutePowerShell',
    description: 'Runs Windows PowerShell commands or a `.ps1` script file on Windows; give exactly one of `commands` or `file`. Exit with 3010 to request a reboot and rerun the step.',
    platforms: WINDOWS,
    inputsShape: 'object',
    inputsRequired: true,
    // Exactly one of `commands`/`file` is checked by rule L11, so neither is marked required.
    inputs: [
      textList('commands', 'PowerShell commands to run; they are written to a `.ps1` file and run with Windows PowerShell. Not together with `file`.'),
      text('file', 'Path of a `.ps1` script to run with `-file`. Not together with `commands`.'),
    ],
    outputs: [stdout('the script')],
    example: 'commands:\n  - Write-Host "hello"',
  },
  {
    name: 'S3Download',
    description: 'Downloads S3 objects, or every object under a key prefix, to local paths on Linux, Windows and macOS. Needs `s3:GetObject` (and `s3:ListBucket` for prefixes).',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('source', 'S3 URI `s3://bucket/key`, or a key prefix ending in `/*` to download all matching objects (at most 1000).', true),
      text('destination', 'Local path to write to; include the file name when downloading a single object.', true),
      bucketOwner('source'),
      flag('overwrite', 'Overwrites an existing local file when `true`; when `false` the download fails if the file exists (default `true`).', true),
    ],
    outputs: [],
    example: '- source: s3://amzn-s3-demo-bucket/path/file.zip\n  destination: /tmp/file.zip',
  },
  {
    name: 'S3Upload',
    description: 'Uploads local files or folders to S3 on Linux, Windows and macOS. Needs `s3:PutObject`; partial uploads remain if the step fails.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('source', 'Local file or folder to upload; the `*` wildcard is allowed.', true),
      text('destination', 'S3 URI of the target object or key prefix.', true),
      // Spec 7.7 types `recurse` as String, but its values are boolean-like: accept both forms.
      input('recurse', 'Uploads a folder and its contents recursively when `true`; needed to upload a folder (default `false`).',
        { type: ['boolean', 'string'], enum: [true, false, 'true', 'false'] }, false, false),
      bucketOwner('destination'),
    ],
    outputs: [],
    example: '- source: /var/log/app/*\n  destination: s3://amzn-s3-demo-bucket/logs/',
  },
  {
    name: 'WebDownload',
    description: 'Downloads files over HTTP or HTTPS on Linux, Windows and macOS, optionally checking a checksum. Redirects are followed and any final status other than 200 fails the step.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('source', 'HTTP or HTTPS URL to download.', true),
      text('destination', 'File or folder path to write to; a folder path must end with `/`, otherwise it is treated as a file. Missing folders are created.', true),
      flag('overwrite', 'Overwrites an existing file when `true`; with `checksum` and `algorithm`, a matching existing file is kept (default `true`).', true),
      text('checksum', 'Expected checksum of the downloaded file; needs `algorithm` too.'),
      input('algorithm', 'Hash algorithm used to verify `checksum`; needs `checksum` too.',
        { type: 'string', enum: ['MD5', 'SHA1', 'SHA256', 'SHA512'] }),
      flag('ignoreCertificateErrors', 'Skips TLS certificate validation when `true` (default `false`).', false),
    ],
    outputs: [output('destination', 'Paths of the downloaded files, separated by newlines.')],
    example: '- source: https://example.com/tool.tar.gz\n  destination: /tmp/tool.tar.gz',
  },
  {
    name: 'AppendFile',
    description: 'Appends text to the end of an existing file on Linux, Windows and macOS.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the file to append to; the file must already exist.', true),
      text('content', 'Text to append (default empty string).', false, ''),
      encoding('Encoding of the appended text, case-insensitive (default `utf8`).'),
    ],
    outputs: [],
    example: '- path: /etc/app/app.conf\n  content: "debug = false"',
  },
  transfer('CopyFile', 'Copies', 'file'),
  transfer('CopyFolder', 'Copies', 'folder'),
  {
    name: 'CreateFile',
    description: 'Creates a file with optional content, creating parent folders as needed, on Linux, Windows and macOS. `owner`, `group` and `permissions` are not supported on Windows.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the file to create; parent folders are created.', true),
      text('content', 'Text content of the file.'),
      encoding('Encoding of the file content, case-insensitive (default `utf8`).'),
      text('owner', 'User name or ID that owns the file. Not supported on Windows.'),
      // Spec 7.11 documents the group default as "the current user" (sic); it is not a literal, so no `default`.
      text('group', 'Group name or ID that owns the file; the documented default is "the current user". Not supported on Windows.'),
      text('permissions', `Permission mode of the file (default \`'0666'\`). ${permissionsNote} Not supported on Windows.`, false, '0666'),
      flag('overwrite', 'Overwrites an existing file when `true`; when `false` the step fails if the file exists (default `true`).', true),
    ],
    notOnWindows: ['owner', 'group', 'permissions'],
    outputs: [],
    example: '- path: /etc/app/app.conf\n  content: "debug = true"\n  overwrite: true',
  },
  {
    name: 'CreateFolder',
    description: 'Creates a folder, including missing parent folders, on Linux, Windows and macOS. `owner`, `group` and `permissions` are not supported on Windows.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the folder to create; parent folders are created.', true),
      text('owner', 'User name or ID that owns the folder (default the current user). Not supported on Windows.'),
      text('group', 'Group name or ID that owns the folder (default the current user\'s group). Not supported on Windows.'),
      text('permissions', `Permission mode of the folder (default \`'0777'\`). ${permissionsNote} Not supported on Windows.`, false, '0777'),
      flag('overwrite', 'Overwrites an existing folder when `true` (default `true`).', true),
    ],
    notOnWindows: ['owner', 'group', 'permissions'],
    outputs: [],
    example: '- path: /opt/app/data',
  },
  {
    name: 'CreateSymlink',
    description: 'Creates a symbolic link to an existing file or folder. Linux and macOS only; not supported on Windows despite the documentation heading (spec 7.0).',
    platforms: UNIX,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the symbolic link to create.', true),
      text('target', 'File or folder the link points to; it must exist when the step runs.', true),
      flag('force', 'Replaces an existing file or link at `path` when `true` (default `false`).', false),
    ],
    outputs: [],
    example: '- path: /usr/local/bin/app\n  target: /opt/app/bin/app',
  },
  {
    name: 'DeleteFile',
    description: 'Deletes files on Linux, Windows and macOS.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the file to delete; the `*` wildcard is allowed in the file name.', true),
    ],
    outputs: [],
    example: '- path: /tmp/*.log',
  },
  {
    name: 'DeleteFolder',
    description: 'Deletes folders on Linux, Windows and macOS; a non-empty folder needs `force: true`.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the folder to delete.', true),
      flag('force', 'Deletes the folder even when it is not empty, when `true` (default `false`).', false),
    ],
    outputs: [],
    example: '- path: /tmp/build\n  force: true',
  },
  {
    name: 'ListFiles',
    description: 'Lists the files in a folder, optionally filtered by name and recursively, on Linux, Windows and macOS.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Folder to list.', true),
      text('fileNamePattern', 'Only lists files whose names match this pattern; `*` is a wildcard.'),
      flag('recursive', 'Also lists files in subfolders when `true` (default `false`).', false),
    ],
    outputs: [output('files', 'The matching files as one string (comma-separated in the documented example).')],
    example: '- path: /var/log\n  fileNamePattern: "*.log"',
  },
  transfer('MoveFile', 'Moves', 'file'),
  transfer('MoveFolder', 'Moves', 'folder'),
  {
    name: 'ReadFile',
    description: 'Reads a text file so later steps can use its content, on Linux, Windows and macOS. Symbolic links are followed.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the text file to read.', true),
      encoding('Encoding of the file, case-insensitive (default `utf8`).'),
      flag('printFileContent', 'Prints the file content to the console when `true` (default `false`).', false),
    ],
    outputs: [output('content', 'Content of the file.')],
    example: '- path: /etc/os-release',
  },
  {
    name: 'SetFileEncoding',
    description: 'Converts a file to another text encoding on Linux, Windows and macOS.',
    platforms: ALL,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      text('path', 'Path of the file to convert.', true),
      encoding('Encoding to convert the file to, case-insensitive (default `utf8`).'),
    ],
    outputs: [],
    example: '- path: /etc/app/app.conf\n  encoding: utf-16',
  },
  setOwner('file'),
  setOwner('folder'),
  setPermissions('file'),
  setPermissions('folder'),
  msi('InstallMSI'),
  msi('UninstallMSI'),
  {
    name: 'Reboot',
    description: 'Reboots the instance on Linux and Windows; the next step runs after the reboot. Inputs are optional and step `timeoutSeconds` is not supported.',
    platforms: ['Linux', 'Windows'],
    inputsShape: 'object',
    inputsRequired: false,
    inputs: [
      input('delaySeconds', 'Seconds to wait before rebooting (default `0`).', { type: 'integer', minimum: 0 }, false, 0),
    ],
    outputs: [],
    example: 'delaySeconds: 60',
  },
  {
    name: 'SetRegistry',
    description: 'Sets Windows registry values, creating missing keys. Windows only.',
    platforms: WINDOWS,
    inputsShape: 'list',
    inputsRequired: true,
    inputs: [
      input('path', 'Registry key path, starting with a hive such as `HKEY_LOCAL_MACHINE` or `HKLM:`; missing keys are created.',
        // A full hive name ends at `\` (so `HKEY_LOCAL_MACHINE_SOFTWARE` is refused); a drive form ends at its colon.
        {
          type: 'string',
          pattern: '^(?:(?:HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_LOCAL_MACHINE|HKEY_CURRENT_CONFIG|HKEY_CURRENT_USER)(?:\\\\|$)|(?:HKCR|HKU|HKLM|HKCC|HKCU):)',
          description: 'a key path starting with a hive: `HKEY_LOCAL_MACHINE\\` or `HKLM:`, `HKEY_CURRENT_USER\\` or `HKCU:`, `HKEY_CLASSES_ROOT\\` or `HKCR:`, `HKEY_USERS\\` or `HKU:`, `HKEY_CURRENT_CONFIG\\` or `HKCC:`',
        }, true),
      text('name', 'Name of the registry value to set.', true),
      input('value', 'Data to store: a string, a number or a list, to suit `type`.', { type: ['string', 'number', 'array'] }, true),
      input('type', 'Registry value type.', { type: 'string', enum: ['BINARY', 'DWORD', 'QWORD', 'SZ', 'EXPAND_SZ', 'MULTI_SZ'] }, true),
    ],
    outputs: [],
    example: '- path: HKLM:\\SOFTWARE\\Example\n  name: Enabled\n  value: 1\n  type: DWORD',
  },
  {
    name: 'UpdateOS',
    description: 'Installs operating system updates on Linux (yum or apt-get) and Windows; all available updates when no filter is given. Not supported on Amazon Linux 2023 or macOS.',
    platforms: ['Linux', 'Windows'],
    inputsShape: 'object',
    inputsRequired: false,
    inputs: [
      textList('include', 'Updates to install: Linux package names, or on Windows KB IDs (`KB1234567` or `1234567`) and title wildcards (`Security*`).'),
      textList('exclude', 'Updates to leave out, in the same formats as `include`; applied after `include`.'),
    ],
    outputs: [],
    example: 'include:\n  - Security*\nexclude:\n  - KB1234567',
  },
]);
