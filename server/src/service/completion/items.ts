/**
 * What every completion provider shares: the request (analysis, cursor, schema), building an
 * item whose edit replaces the right range, snippets that degrade to plain text, and writing
 * values as YAML that reads back as the value meant.
 */
import { parse as parseYaml } from 'yaml';
import {
  CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind,
  type Command, type CompletionItem,
} from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { CursorContext, PathSegment } from '../cursor';
import type { JSONSchema } from '../shared/jsonSchema';

export interface CompletionRequest {
  analysis: Analysis;
  cursor: CursorContext;
  /** The client inserts snippet syntax (`${1:x}`); otherwise items carry plain text. */
  snippets: boolean;
  /** The schema of the document's kind; none when the kind is unknown. */
  root?: JSONSchema;
  /** The plain JS value at a path of the document as parsed. */
  valueAt(path: readonly PathSegment[]): unknown;
}

/** Asks the editor to open the list again, after an item that is the start of something longer. */
export const RETRIGGER: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export interface ItemOptions {
  kind: CompletionItemKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Groups sort before each other (`0` first), then the order the provider gave. */
  group?: number;
  filterText?: string;
  /** Offsets the edit replaces; the cursor's word by default. Must lie on the cursor's line. */
  start?: number;
  end?: number;
  /** `newText` is written in snippet syntax (converted to plain text for clients without snippets). */
  snippet?: boolean;
  retrigger?: boolean;
  /** Shown after the label, dimmed: the platforms, the type. */
  labelDetail?: string;
  labelDescription?: string;
}

/** Collects items in the order providers add them, so `sortText` keeps that order inside a group. */
export class ItemList {
  readonly items: CompletionItem[] = [];
  private readonly labels = new Set<string>();

  constructor(private readonly request: CompletionRequest) {}

  add(label: string, newText: string, options: ItemOptions): void {
    if (this.labels.has(label)) return;
    this.labels.add(label);
    const { analysis, cursor } = this.request;
    const start = options.start ?? cursor.replaceStart;
    const end = options.end ?? cursor.replaceEnd;
    const snippet = options.snippet === true && this.request.snippets;
    const text = options.snippet && !snippet ? snippetToPlain(newText) : newText;
    const item: CompletionItem = {
      label,
      kind: options.kind,
      sortText: `${options.group ?? 5}${String(this.items.length).padStart(4, '0')}`,
      textEdit: { range: analysis.lines.range(start, end), newText: text },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (text.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
    if (options.filterText !== undefined) item.filterText = options.filterText;
    if (options.detail) item.detail = options.detail;
    if (options.documentation) item.documentation = { kind: MarkupKind.Markdown, value: options.documentation };
    if (options.labelDetail || options.labelDescription) item.labelDetails = { detail: options.labelDetail, description: options.labelDescription };
    if (options.retrigger) item.command = RETRIGGER;
    this.items.push(item);
  }
}

// ---- snippets ---------------------------------------------------------------------------------

/** Literal text inside a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Builds snippet text with numbered placeholders. */
export class SnippetBuilder {
  private text = '';
  private next = 1;

  literal(text: string): this {
    this.text += escapeSnippet(text);
    return this;
  }

  placeholder(defaultText: string): this {
    this.text += `\${${this.next++}:${escapeSnippet(defaultText)}}`;
    return this;
  }

  choice(options: readonly string[]): this {
    if (options.length === 0) return this.placeholder('');
    this.text += `\${${this.next++}|${options.map((o) => o.replace(/[\\,|$}]/g, (c) => `\\${c}`)).join(',')}|}`;
    return this;
  }

  final(): this {
    this.text += '$0';
    return this;
  }

  toString(): string {
    return this.text;
  }
}

/** What a client without snippet support inserts: placeholders become their default text. */
export function snippetToPlain(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (c === '$' && snippet[i + 1] === '{') {
      const close = placeholderEnd(snippet, i + 2);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|((?:[^\\|]|\\.)*?)(?:,|\|$)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      if (choice) out += choice[1].replace(/\\(.)/g, '$1');
      else if (placeholder) out += snippetToPlain(placeholder[1]);
      i = close;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else {
      out += c;
    }
  }
  return out;
}

function placeholderEnd(snippet: string, from: number): number {
  let depth = 1;
  for (let i = from; i < snippet.length; i++) {
    if (snippet[i] === '\\') i++;
    else if (snippet[i] === '{') depth++;
    else if (snippet[i] === '}' && --depth === 0) return i;
  }
  return snippet.length;
}

// ---- YAML values ------------------------------------------------------------------------------

/**
 * A value written as YAML that reads back as the value meant: `'0755'` and `'yes'` quoted,
 * `ssmAgent` plain. `accepted` are further values the place allows: a string such as `1.0` may
 * stay plain when what YAML reads from it (the number 1) is accepted too. Inside quotes the
 * text is escaped for that quote instead.
 */
export function yamlScalar(value: unknown, quote?: '"' | "'", accepted: readonly unknown[] = []): string {
  if (typeof value !== 'string') return quote ? String(value) : JSON.stringify(value) ?? String(value);
  if (quote === "'") return value.replace(/'/g, "''");
  if (quote === '"') return JSON.stringify(value).slice(1, -1);
  if (value !== '' && !/^[\s]|[\s]$|[\n\r\t]/.test(value)) {
    const read = readPlain(value);
    if (read === value || (read !== undefined && typeof read !== 'object' && accepted.some((a) => a === read))) return value;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/** Words YAML reads as something other than a string, in either YAML version. */
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
const plainReadings = new Map<string, unknown>();

/** What YAML reads from `text` written plain; words are decided without parsing (completion is typed per keystroke). */
function readPlain(text: string): unknown {
  if (/^[A-Za-z_/][\w/.@-]*$/.test(text) && !NOT_A_STRING.test(text)) return text;
  if (plainReadings.has(text)) return plainReadings.get(text);
  let read: unknown;
  try {
    read = parseYaml(`x: ${text}\n`, { uniqueKeys: false })?.x;
  } catch {
    read = undefined;
  }
  if (plainReadings.size > 1000) plainReadings.clear();
  plainReadings.set(text, read);
  return read;
}

/** First sentence of a description, for one-line details. */
export function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const match = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text).replace(/\s+/g, ' ');
}

/** The schema types a value may have, in the order the schema lists them. */
export function typesOf(schema: JSONSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

export { CompletionItemKind };
