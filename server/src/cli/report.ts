/** The three output formats of `lint`: text for people, JSON and SARIF for machines. */
import { RULES, type DiagnosticCode } from '../service/diagnostics';
import type { HostKind } from '../service/embedded/types';
import type { Diagnostic, DocumentKind } from '../service/types';

export interface FileReport {
  path: string;
  kind: DocumentKind;
  diagnostics: Diagnostic[];
  /** A CloudFormation template or Terraform file holding documents. */
  host?: HostKind;
  /** A file that file()/templatefile() of this host file reads, and the resource that reads it. */
  embeddedIn?: string;
  resource?: string;
}

/** `leftAlone`: YAML files met in folders that are not Image Builder documents, so not judged. */
export function toJson(files: FileReport[], leftAlone: string[] = []): string {
  return `${JSON.stringify({
    ...(leftAlone.length ? { leftAlone } : {}),
    files: files.map((f) => ({
      path: f.path,
      kind: f.kind,
      ...(f.host ? { host: f.host } : {}),
      ...(f.embeddedIn ? { embeddedIn: f.embeddedIn, resource: f.resource } : {}),
      diagnostics: f.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, range: d.range, ...(d.resource ? { resource: d.resource } : {}) })),
    })),
  }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(files: FileReport[], version: string): string {
  const used = [...new Set(files.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort();
  const rules = used.map((code) => {
    const info = RULES[code as DiagnosticCode];
    return {
      id: code,
      shortDescription: { text: info?.summary ?? code },
      defaultConfiguration: { level: SARIF_LEVEL[info?.severity ?? 'warning'] },
      ...(info?.spec ? { properties: { spec: info.spec } } : {}),
    };
  });
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: used.indexOf(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: f.path.split('\\').join('/') },
          // SARIF counts lines and columns from 1; the end column is exclusive, like LSP's.
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        },
        // The CloudFormation logical id or Terraform address of an embedded document.
        ...(d.resource ? { logicalLocations: [{ name: d.resource, kind: 'resource' }] } : {}),
      }],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'imagebuilder-yaml', version, informationUri: 'https://github.com/imagebuilder-yaml/imagebuilder-yaml', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

interface Colors {
  red: (s: string) => string;
  yellow: (s: string) => string;
  blue: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

export function colors(enabled: boolean): Colors {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** `file:line:col severity code message`, 1-based like compilers, then a summary line. */
export function toText(files: FileReport[], useColor: boolean, leftAlone = 0): string {
  const c = colors(useColor);
  const paint: Record<Diagnostic['severity'], (s: string) => string> = { error: c.red, warning: c.yellow, information: c.blue, hint: c.dim };
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      counts[d.severity]++;
      const where = `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const resource = d.resource ? c.dim(` (${d.resource})`) : '';
      lines.push(`${c.bold(where)} ${paint[d.severity](d.severity)} ${c.dim(d.code)} ${d.message}${resource}`);
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const skipped = leftAlone ? ` (${plural(leftAlone, 'other YAML file')} left alone: not Image Builder documents)` : '';
  const summary = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.information + counts.hint, 'note')} in ${plural(files.length, 'file')}${skipped}`;
  lines.push(counts.error ? c.red(summary) : counts.warning ? c.yellow(summary) : summary);
  return `${lines.join('\n')}\n`;
}
