/**
 * Diagnostics: pushed after each edit (debounced, never for a version older than the
 * document's), at once for a newly opened document, or pulled (`textDocument/diagnostic`) by
 * clients that ask that way. Settings may change a code's severity or turn it off.
 */
import { DocumentDiagnosticReportKind, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../../service/types';
import { toLspDiagnostic } from '../convert';
import { hostDiagnostics } from '../hosts';
import { DEFAULT_DEBOUNCE_MS, type Settings } from '../settings';
import type { Workspace } from '../workspace';
import type { Feature, FeatureContext } from './feature';

/** Diagnostics a document gets beside validation, e.g. a dry run's answer, until its next edit. */
export const extraDiagnostics = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

/** Diagnostics of an open document; `undefined` when it is not a document this server judges. */
export function diagnosticsFor(workspace: Workspace, uri: string): LspDiagnostic[] | undefined {
  const document = workspace.documents.get(uri);
  if (!document) return undefined;
  // CloudFormation templates and Terraform files holding documents: host positions.
  let found: Diagnostic[] | undefined = hostDiagnostics(workspace, uri);
  if (!found) {
    const analysis = workspace.imageBuilder(uri);
    if (!analysis) return undefined;
    found = analysis.diagnostics;
  }
  const extra = extraDiagnostics.get(uri);
  if (extra && extra.version === document.version) found = [...found, ...extra.diagnostics];
  return applySettings(found, workspace.settings).map(toLspDiagnostic);
}

/** Severity overrides and codes turned off, from the settings. */
export function applySettings(diagnostics: Diagnostic[], settings: Settings): Diagnostic[] {
  const disabled = new Set(settings.disabledCodes ?? []);
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = settings.severity?.[d.code];
    if (disabled.has(d.code) || override === 'off') continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}

export const diagnosticsFeature: Feature & { revalidateAll(): void } = {
  revalidateAll: () => undefined,

  capabilities(client) {
    return client.textDocument?.diagnostic ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {};
  },

  register({ connection, workspace, client }: FeatureContext) {
    const pull = !!client.textDocument?.diagnostic;
    const timers = new Map<string, NodeJS.Timeout>();
    /** The version each open document was last published for, so the change event after an open is not a second run. */
    const publishedVersion = new Map<string, number>();
    /** Documents that were judged when last published. */
    const judged = new Set<string>();

    const publish = (uri: string, version: number): void => {
      // Before the settings are read, a result could be wrong (no platform yet): wait for them.
      if (!workspace.isReady) {
        void workspace.ready.then(() => publish(uri, version));
        return;
      }
      const document = workspace.documents.get(uri);
      // A newer edit has its own timer; an older result is never published over it.
      if (!document || document.version !== version) return;
      publishedVersion.set(uri, version);
      const diagnostics = diagnosticsFor(workspace, uri);
      // Other YAML hears nothing, unless it was a document before this edit and has squiggles to clear.
      if (diagnostics === undefined && !judged.has(uri)) return;
      if (diagnostics === undefined) judged.delete(uri);
      else judged.add(uri);
      void connection.sendDiagnostics({ uri, version, diagnostics: diagnostics ?? [] });
    };
    const schedule = (uri: string, version: number, delay: number) => {
      clearTimeout(timers.get(uri));
      if (delay === 0) {
        timers.delete(uri);
        publish(uri, version);
        return;
      }
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        publish(uri, version);
      }, delay));
    };

    diagnosticsFeature.revalidateAll = () => {
      if (pull) {
        void connection.languages.diagnostics.refresh();
        return;
      }
      for (const document of workspace.documents.all()) schedule(document.uri, document.version, 0);
    };

    if (pull) {
      connection.languages.diagnostics.on((params, token) => {
        if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsFor(workspace, params.textDocument.uri) ?? [] };
      });
      return;
    }

    workspace.documents.onDidOpen((event) => {
      // Claimed now, so the content change TextDocuments reports for the open is not a second run.
      publishedVersion.set(event.document.uri, event.document.version);
      schedule(event.document.uri, event.document.version, 0);
    });
    workspace.documents.onDidChangeContent((event) => {
      const { uri, version } = event.document;
      // TextDocuments reports every open as a content change too: that version is already published.
      if (publishedVersion.get(uri) === version) return;
      schedule(uri, version, workspace.settings.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    });
    workspace.documents.onDidClose((event) => {
      const uri = event.document.uri;
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      publishedVersion.delete(uri);
      extraDiagnostics.delete(uri);
      if (judged.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  },
};
