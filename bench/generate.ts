/** Generated documents of a given size for the benchmark: realistic mixes of actions and references. */

/** A component document of about `lines` lines: parameters, loops, conditions, chaining, list inputs. */
export function componentOfLines(lines: number): string {
  const head = [
    'name: bench-component',
    'description: Generated for the benchmark',
    'schemaVersion: 1.0',
    'parameters:',
    '  - Bucket:',
    '      type: string',
    '      default: amzn-s3-demo-bucket',
    'constants:',
    '  - WorkDir:',
    '      type: string',
    '      value: /opt/work',
    'phases:',
    '  - name: build',
    '    steps:',
  ];
  const out = [...head];
  for (let i = 0; out.length < lines - 8; i++) {
    out.push(
      `      - name: Fetch${i}`,
      '        action: S3Download',
      '        maxAttempts: 2',
      '        inputs:',
      `          - source: 's3://{{ Bucket }}/files/file-${i}.tar.gz'`,
      `            destination: '{{ WorkDir }}/file-${i}.tar.gz'`,
      `      - name: Unpack${i}`,
      '        action: ExecuteBash',
      '        if:',
      '          and:',
      '            - binaryExists: tar',
      '            - not:',
      `                fileExists: '{{ WorkDir }}/done-${i}'`,
      '        loop:',
      `          name: part${i}`,
      '          forEach:',
      '            - alpha',
      '            - beta',
      '        inputs:',
      '          commands:',
      `            - 'tar -xzf {{ build.Fetch${i}.inputs[0].destination }} -C {{ WorkDir }}/{{ part${i}.value }}'`,
      `            - echo "unpacked {{ part${i}.index }} on {{ context:region }}"`,
    );
  }
  out.push(
    '  - name: validate',
    '    steps:',
    '      - name: Check',
    '        action: Assert',
    '        inputs:',
    '          fileExists: /opt/work/file-0.tar.gz',
  );
  return `${out.join('\n')}\n`;
}

/** A DISTRIBUTION workflow of about `lines` lines: the distribution lists grow with the size. */
export function workflowOfLines(lines: number): string {
  const out = [
    '# imagebuilder: type=DISTRIBUTION',
    'name: bench-distribution',
    'schemaVersion: 1.0',
    'parameters:',
    '  - name: kmsKey',
    '    type: string',
    'steps:',
    '  - name: Distribute',
    '    action: DistributeImage',
    '    onFailure: Abort',
    '    inputs:',
    '      distributions:',
  ];
  const tail = [
    '  - name: Share',
    '    action: ModifyImageAttributes',
    '    inputs:',
    '      distributedImages.$: "$.stepOutputs.Distribute.distributedImages"',
    '      attributes:',
    '        - region: us-east-1',
    '          launchPermission:',
    '            userIds:',
    "              - '111122223333'",
  ];
  for (let i = 0; out.length < lines - tail.length; i++) {
    out.push(
      `        - region: us-west-${(i % 2) + 1}`,
      `          name: 'image-${i}-{{ imagebuilder:buildDate }}'`,
      '          kmsKeyId.$: "$.parameters.kmsKey"',
      '          amiTags:',
      `            Copy: '${i}'`,
    );
  }
  return `${[...out, ...tail].join('\n')}\n`;
}
