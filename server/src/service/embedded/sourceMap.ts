/**
 * A text built from pieces of a host file, with an exact map between offsets in the text and
 * offsets in the host. Every character of the text belongs to one segment: a copy (one text
 * character per host character), an escape (`\n` in a JSON string, `${!X}` in a !Sub, `$${` in
 * Terraform: the host spells the text differently), or an opaque value that stands for a
 * substitution the host resolves at deploy time.
 */

export type SegmentKind = 'copy' | 'escape' | 'opaque' | 'generated';

export interface Segment {
  text: number;
  textLength: number;
  host: number;
  hostLength: number;
  kind: SegmentKind;
}

export class MappedText {
  /** Segments in text order; `byHost` is the same set in host order, for fromHost. */
  private readonly byHost: Segment[];

  constructor(readonly text: string, readonly segments: readonly Segment[]) {
    this.byHost = segments.filter((s) => s.hostLength > 0).sort((a, b) => a.host - b.host || a.text - b.text);
  }

  /** Where the character at `offset` comes from; the end of the text maps to the end of the last piece. */
  toHost(offset: number): number {
    const segment = this.segmentAt(offset);
    if (!segment) return this.hostEndOfText();
    const inside = offset - segment.text;
    if (segment.kind === 'copy') return segment.host + inside;
    return segment.host + Math.min(inside, Math.max(0, segment.hostLength - 1));
  }

  /** Like toHost, for the exclusive end of a range: the end of the character before `offset`. */
  toHostEnd(offset: number): number {
    if (offset <= 0 || this.segments.length === 0) return this.toHost(offset);
    const segment = this.segmentAt(offset - 1);
    if (!segment) return this.hostEndOfText();
    const inside = offset - segment.text;
    if (segment.kind === 'copy') return segment.host + inside;
    return inside >= segment.textLength ? segment.host + segment.hostLength : segment.host + Math.min(inside, segment.hostLength);
  }

  /**
   * The text offset for a host offset. Host characters that are not part of the text but lie
   * between its pieces (indentation stripped from a block scalar, the `\` of an escape) map to
   * the next text character; offsets before the first or after the last piece are undefined.
   */
  fromHost(offset: number): number | undefined {
    const all = this.byHost;
    if (all.length === 0) return undefined;
    const first = all[0];
    const last = all[all.length - 1];
    if (offset < first.host || offset > last.host + last.hostLength) return undefined;
    // The last segment starting at or before offset.
    let low = 0;
    let high = all.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (all[mid].host <= offset) low = mid;
      else high = mid - 1;
    }
    const segment = all[low];
    const inside = offset - segment.host;
    if (inside < segment.hostLength) {
      if (segment.kind === 'copy') return segment.text + inside;
      return inside === 0 ? segment.text : segment.text + Math.min(inside, segment.textLength);
    }
    const next = all[low + 1];
    if (next) return next.text;
    return segment.text + segment.textLength;
  }

  /** The host span that the text covers, from its first to its last piece. */
  hostRange(): { start: number; end: number } {
    if (this.byHost.length === 0) return { start: 0, end: 0 };
    const last = this.byHost[this.byHost.length - 1];
    return { start: this.byHost[0].host, end: last.host + last.hostLength };
  }

  /** Text spans of the given kind, for filtering diagnostics that fall on them. */
  spans(kind: SegmentKind): Array<[number, number]> {
    return this.segments.filter((s) => s.kind === kind).map((s) => [s.text, s.text + s.textLength]);
  }

  private segmentAt(offset: number): Segment | undefined {
    const all = this.segments;
    if (all.length === 0 || offset >= this.text.length) return undefined;
    let low = 0;
    let high = all.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (all[mid].text <= Math.max(0, offset)) low = mid;
      else high = mid - 1;
    }
    return all[low];
  }

  private hostEndOfText(): number {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i];
      if (s.hostLength > 0 || s.kind !== 'generated') return s.host + s.hostLength;
    }
    return 0;
  }
}

/** Builds a MappedText piece by piece. */
export class MappedTextBuilder {
  private parts: string[] = [];
  private length = 0;
  private readonly segments: Segment[] = [];

  get textLength(): number {
    return this.length;
  }

  /** Host characters taken as they are. */
  copy(host: string, start: number, end: number): this {
    if (end <= start) return this;
    const last = this.segments[this.segments.length - 1];
    // Merge with a copy that ends right here, to keep the map small.
    if (last && last.kind === 'copy' && last.host + last.hostLength === start && last.text + last.textLength === this.length) {
      last.textLength += end - start;
      last.hostLength += end - start;
    } else {
      this.segments.push({ text: this.length, textLength: end - start, host: start, hostLength: end - start, kind: 'copy' });
    }
    this.push(host.slice(start, end));
    return this;
  }

  /** Text that the host spells differently over [hostStart, hostEnd), or stands for a value. */
  mapped(text: string, hostStart: number, hostEnd: number, kind: Exclude<SegmentKind, 'copy'>): this {
    if (text.length === 0) return this;
    this.segments.push({ text: this.length, textLength: text.length, host: hostStart, hostLength: Math.max(0, hostEnd - hostStart), kind });
    this.push(text);
    return this;
  }

  /** Appends text[start, end) of another mapped text with its own map. */
  append(source: MappedText, start = 0, end = source.text.length): this {
    for (const segment of source.segments) {
      const from = Math.max(start, segment.text);
      const to = Math.min(end, segment.text + segment.textLength);
      if (to <= from) continue;
      if (segment.kind === 'copy') {
        const shift = segment.host - segment.text;
        this.copyFrom(source.text, from, to, from + shift);
      } else if (from === segment.text && to === segment.text + segment.textLength) {
        this.mapped(source.text.slice(from, to), segment.host, segment.host + segment.hostLength, segment.kind);
      } else {
        // Part of an escape or value: it still comes from the whole of its host span.
        this.mapped(source.text.slice(from, to), segment.host, segment.host + segment.hostLength, segment.kind);
      }
    }
    return this;
  }

  /** Removes whitespace at the end of the text (Terraform's `~` strip markers). */
  trimEnd(): this {
    while (this.segments.length) {
      const last = this.segments[this.segments.length - 1];
      const text = this.parts.join('');
      let cut = 0;
      while (cut < last.textLength && /\s/.test(text[text.length - 1 - cut])) cut++;
      if (cut === 0) break;
      this.parts = [text.slice(0, text.length - cut)];
      this.length -= cut;
      if (cut === last.textLength) {
        this.segments.pop();
        continue;
      }
      last.textLength -= cut;
      if (last.kind === 'copy') last.hostLength -= cut;
      break;
    }
    return this;
  }

  build(): MappedText {
    return new MappedText(this.parts.join(''), this.segments);
  }

  private copyFrom(text: string, from: number, to: number, hostStart: number): void {
    const last = this.segments[this.segments.length - 1];
    const length = to - from;
    if (last && last.kind === 'copy' && last.host + last.hostLength === hostStart && last.text + last.textLength === this.length) {
      last.textLength += length;
      last.hostLength += length;
    } else {
      this.segments.push({ text: this.length, textLength: length, host: hostStart, hostLength: length, kind: 'copy' });
    }
    this.push(text.slice(from, to));
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
}

/**
 * The text that stands for a value the host substitutes at deploy time: letters, digits and
 * `_` only, so it is a plain scalar anywhere in YAML and inside any quoted string, and never
 * looks like a `${...}` placeholder, a `{{ reference }}` or a JSONPath.
 */
export function opaqueValue(expression: string): string {
  const name = expression.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return `x${name || 'value'}`;
}
