/** The documents the AWS tests send: a valid component, and a workflow around one action. */
export const COMPONENT = `name: Hello
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Say
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;

export const workflow = (action: string) => `name: Flow
schemaVersion: 1.0
steps:
  - name: Wait
    action: WaitForAction
  - name: Act
    action: ${action}
`;
