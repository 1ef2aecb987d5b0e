/** Service data to LSP protocol data. The service already speaks in LSP ranges. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../service/types';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const result: LspDiagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'imagebuilder', message: d.message };
  if (d.data) result.data = d.data;
  return result;
}
