/**
 * Living beside the Red Hat YAML extension (`redhat.vscode-yaml`, yaml-language-server), which
 * validates every YAML file too:
 * - YAML syntax errors: both servers report them. Ours are dropped while that extension
 *   validates the document (it serves language `yaml` only), so each problem shows once.
 * - Schemas: yaml-language-server applies SchemaStore's associations by file name, and
 *   SchemaStore's `component.yaml` / `recipe.yaml` schemas are for other tools. Through the
 *   extension's public API (`registerContributor`) we answer, for each document our server
 *   recognises, with a schema that allows everything: yaml-language-server then applies no
 *   other schema, and our server alone reports the Image Builder rules (no duplicates). Other
 *   YAML files get no answer from us, so SchemaStore keeps working for them.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { DocumentInfoSource } from './documentInfo';

export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
/** Our codes for problems yaml-language-server reports itself. */
const REPORTED_BY_YAML_EXTENSION = new Set(['yaml-syntax', 'yaml-warning']);
const SCHEME = 'imagebuilder';
export const DEFERRED_SCHEMA_URI = `${SCHEME}://schemas/validated-by-ec2-image-builder-extension.json`;
const DEFERRED_SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'EC2 Image Builder document',
  description: 'Validated by the EC2 Image Builder extension.',
});

interface YamlExtensionApi {
  registerContributor(schema: string, requestSchema: (resource: string) => string | undefined, requestSchemaContent: (uri: string) => string, label?: string): boolean;
}

/** Is the YAML extension validating this document right now? */
export function yamlExtensionValidates(document: vscode.TextDocument | undefined): boolean {
  if (!document || document.languageId !== 'yaml') return false;
  if (!vscode.extensions.getExtension(YAML_EXTENSION_ID)) return false;
  return vscode.workspace.getConfiguration('yaml', document).get<boolean>('validate', true);
}

/**
 * Client middleware: drops our diagnostics that the YAML extension already shows, whether the
 * server pushes them or the client pulls them (LSP 3.17 pull diagnostics).
 */
export const withoutYamlExtensionDuplicates: Pick<Middleware, 'handleDiagnostics' | 'provideDiagnostics'> = {
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, withoutDuplicates(uri, diagnostics));
  },
  async provideDiagnostics(document, previousResultId, token, next) {
    const report = await next(document, previousResultId, token);
    if (!report || report.kind !== 'full') return report;
    return { ...report, items: withoutDuplicates(document instanceof vscode.Uri ? document : document.uri, report.items) };
  },
};

function withoutDuplicates(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!yamlExtensionValidates(document)) return diagnostics;
  return diagnostics.filter((d) => !REPORTED_BY_YAML_EXTENSION.has(codeOf(d)));
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

/** Registers the schema contributor when the YAML extension is (or becomes) installed. */
export function bridgeToYamlExtension(info: DocumentInfoSource, log: vscode.LogOutputChannel): vscode.Disposable {
  let registered = false;
  const tryRegister = async (): Promise<void> => {
    const extension = vscode.extensions.getExtension<YamlExtensionApi>(YAML_EXTENSION_ID);
    if (registered || !extension) return;
    registered = true;
    try {
      const api = await extension.activate();
      if (typeof api?.registerContributor !== 'function') {
        log.warn(`${YAML_EXTENSION_ID} has no registerContributor API; its schemas may also apply to Image Builder documents.`);
        return;
      }
      api.registerContributor(
        SCHEME,
        (resource) => (info.peek(resource)?.imageBuilder ? DEFERRED_SCHEMA_URI : undefined),
        () => DEFERRED_SCHEMA,
      );
      log.info(`Registered with ${YAML_EXTENSION_ID}: it leaves Image Builder documents to this extension and keeps its schemas for other YAML.`);
    } catch (error) {
      log.warn(`Could not register with ${YAML_EXTENSION_ID}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  void tryRegister();
  return vscode.extensions.onDidChange(() => void tryRegister());
}
