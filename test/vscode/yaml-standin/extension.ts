/**
 * A stand-in for the Red Hat YAML extension (redhat.vscode-yaml), which cannot be downloaded
 * here. It runs the same server, yaml-language-server from npm, and wires it as that extension
 * does (src/extension.ts, src/schema-extension-api.ts of redhat-developer/vscode-yaml):
 * IPC transport, `yaml` settings pulled by the server, `json/schemaAssociations` from every
 * extension's `yamlValidation`, the custom schema requests and the `registerContributor` API.
 * SchemaStore is served from 127.0.0.1 (no internet here) with SchemaStore-style entries for
 * `component.yaml`, `recipe.yaml` and GitHub workflows, and the catalog URL is swapped in.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions } from 'vscode-languageclient/node';

interface Contributor {
  requestSchema: (resource: string) => string | undefined;
  requestSchemaContent: (uri: string) => Promise<string> | string;
  label?: string;
}

/** Stand-ins for SchemaStore schemas of other tools that use the same file names. */
const SCHEMAS: Record<string, object> = {
  'kubeflow-component.json': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubeflow Pipelines component',
    type: 'object',
    required: ['name', 'implementation'],
    additionalProperties: false,
    properties: { name: { type: 'string' }, description: { type: 'string' }, inputs: { type: 'array' }, outputs: { type: 'array' }, metadata: { type: 'object' }, implementation: { type: 'object' } },
  },
  'rattler-recipe.json': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'rattler-build recipe',
    type: 'object',
    required: ['package'],
    additionalProperties: false,
    properties: { context: { type: 'object' }, package: { type: 'object' }, source: {}, build: { type: 'object' }, requirements: { type: 'object' }, tests: { type: 'array' }, about: { type: 'object' } },
  },
  'github-workflow.json': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'GitHub Workflow',
    type: 'object',
    required: ['on', 'jobs'],
    properties: { name: { type: 'string' }, on: {}, jobs: { type: 'object' } },
  },
};

function catalog(base: string): object {
  return {
    $schema: 'https://json.schemastore.org/schema-catalog.json',
    version: 1,
    schemas: [
      { name: 'Kubeflow Pipelines component', description: 'Kubeflow Pipelines component specification', fileMatch: ['component.yaml', 'component.yml'], url: `${base}/kubeflow-component.json` },
      { name: 'rattler-build recipe', description: 'rattler-build recipe file', fileMatch: ['recipe.yaml', 'recipe.yml'], url: `${base}/rattler-recipe.json` },
      { name: 'GitHub Workflow', description: 'GitHub Actions workflow', fileMatch: ['**/.github/workflows/*.yml', '**/.github/workflows/*.yaml'], url: `${base}/github-workflow.json` },
    ],
  };
}

function serveSchemaStore(): Promise<{ url: string; server: http.Server }> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const name = (req.url ?? '/').slice(1);
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const body = name === 'catalog.json' ? catalog(base) : SCHEMAS[name];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body ? JSON.stringify(body) : '{}');
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/catalog.json`, server }));
  });
}

/** The associations every extension contributes through `yamlValidation`. */
function schemaAssociations(): { fileMatch: string[]; uri: string }[] {
  const result: { fileMatch: string[]; uri: string }[] = [];
  for (const extension of vscode.extensions.all) {
    const contributed = extension.packageJSON?.contributes?.yamlValidation;
    if (!Array.isArray(contributed)) continue;
    for (const { fileMatch, url } of contributed) {
      if (typeof url !== 'string') continue;
      const uri = url.startsWith('./') ? vscode.Uri.joinPath(extension.extensionUri, url).toString() : url;
      const matches = (typeof fileMatch === 'string' ? [fileMatch] : fileMatch ?? []).map((fm: string) => (/^(\w+:\/\/|\/|!)/.test(fm) ? fm : `/${fm}`));
      result.push({ fileMatch: matches, uri });
    }
  }
  return result;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext) {
  const contributors = new Map<string, Contributor>();
  const schemaStore = await serveSchemaStore();
  context.subscriptions.push({ dispose: () => schemaStore.server.close() });
  // Installed from a .vsix into a scratch folder, it finds the server through the environment.
  const module = process.env.IB_YAML_LANGUAGE_SERVER ?? path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'out/server/src/server.js');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml' }],
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('{**/*.json,**/*.yaml,**/*.yml}')] },
    outputChannel: vscode.window.createOutputChannel('YAML Support (stand-in)', { log: true }),
    middleware: {
      workspace: {
        // The server pulls the `yaml` section; SchemaStore is the local copy.
        configuration: async (params, token, next) => {
          const result = (await next(params, token)) as unknown[];
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            if (params.items[i]?.section !== 'yaml') return value;
            const yaml = (value ?? {}) as { schemaStore?: { enable?: boolean } };
            return { ...yaml, schemaStore: { ...yaml.schemaStore, url: schemaStore.url } };
          });
        },
      },
    },
  };
  client = new LanguageClient('yaml', 'YAML Support (stand-in)', { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, clientOptions);
  await client.start();
  await client.sendNotification('json/schemaAssociations', schemaAssociations());
  context.subscriptions.push(vscode.extensions.onDidChange(() => void client?.sendNotification('json/schemaAssociations', schemaAssociations())));
  await client.sendNotification('yaml/registerCustomSchemaRequest');
  // As the Red Hat extension does: every contributor's answer; a label that matches the text wins.
  client.onRequest('custom/schema/request', (resource: string) => {
    const matches: string[] = [];
    for (const contributor of contributors.values()) {
      try {
        if (contributor.label) {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
          if (document && new RegExp(contributor.label, 'g').test(document.getText())) return [contributor.requestSchema(resource)];
        }
        const uri = contributor.requestSchema(resource);
        if (uri) matches.push(uri);
      } catch {
        // A failing contributor is skipped, as in the real extension.
      }
    }
    return matches;
  });
  client.onRequest('custom/schema/content', (uri: string) => contributors.get(vscode.Uri.parse(uri).scheme)?.requestSchemaContent(uri) ?? null);
  context.subscriptions.push({ dispose: () => void client?.stop() });

  return {
    registerContributor(schema: string, requestSchema: Contributor['requestSchema'], requestSchemaContent: Contributor['requestSchemaContent'], label?: string): boolean {
      if (contributors.has(schema)) return false;
      contributors.set(schema, { requestSchema, requestSchemaContent, label });
      return true;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
