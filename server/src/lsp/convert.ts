/**
 * Service data to LSP protocol data. The service already speaks in LSP ranges; the conversion
 * of a diagnostic lives beside the quick fixes, which must recognise what the client sends back.
 */
export { asLspDiagnostic as toLspDiagnostic } from '../service/codeActions';
