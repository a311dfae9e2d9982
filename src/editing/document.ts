// One Dockerfile text as the editing features read it: parsed once (through the linter's
// incremental parser, so a keystroke re-parses only the instructions it touched), its stages, and
// what each feature derives from it, computed on first use and kept while the text is the same.
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import { stagesOf, type Stage } from '../lint/buildkit';
import { ParseCache, parseIncrementally } from '../lint/syntax/parse';
import { LineIndex } from '../lint/syntax/text';
import type { Position, Range } from 'vscode-languageserver-types';

export class EditingDocument {
  readonly lines: LineIndex;
  readonly dockerfile: Dockerfile;
  readonly escape: string;
  readonly instructions: readonly Instruction[];
  readonly stages: readonly Stage[];
  private readonly derived = new Map<string, unknown>();

  /** `parseCache`: the previous parse of the same document, whose unchanged chunks are reused. */
  constructor(readonly text: string, parseCache?: ParseCache) {
    this.lines = new LineIndex(text);
    this.dockerfile = parseIncrementally(text, parseCache);
    this.escape = this.dockerfile.getEscapeCharacter();
    this.instructions = this.dockerfile.getInstructions();
    this.stages = stagesOf(this.dockerfile);
  }

  get lineCount(): number {
    return this.positionAt(this.text.length).line + 1;
  }

  /** Line `line` without its line break (a CR before it is kept). */
  lineText(line: number): string {
    const start = this.offsetAt({ line, character: 0 });
    const next = this.text.indexOf('\n', start);
    return this.text.slice(start, next < 0 ? this.text.length : next);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The instruction whose lines hold `line` (a continuation or heredoc line included). */
  instructionAt(line: number): Instruction | undefined {
    let lo = 0;
    let hi = this.instructions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = this.instructions[mid].getRange();
      if (line < range.start.line) hi = mid - 1;
      else if (line > range.end.line) lo = mid + 1;
      else return this.instructions[mid];
    }
    return undefined;
  }

  /** A value derived from this text, computed once (symbols, the outline, the focus lines). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }
}

/**
 * The last documents asked about, by URI: a hover right after a completion on the same text
 * reuses its parse. Small, because only the documents being edited are asked about.
 */
export class DocumentCache {
  private readonly documents = new Map<string, EditingDocument>();
  /** One parse cache per document: two files edited in turn keep their chunks. */
  private readonly parseCaches = new Map<string, ParseCache>();

  constructor(private readonly size = 8) {}

  get(uri: string, text: string): EditingDocument {
    const known = this.documents.get(uri);
    if (known && known.text === text) return known;
    let parseCache = this.parseCaches.get(uri);
    if (!parseCache) { parseCache = new ParseCache(); this.parseCaches.set(uri, parseCache); }
    const document = new EditingDocument(text, parseCache);
    this.documents.delete(uri);
    this.documents.set(uri, document);
    if (this.documents.size > this.size) this.forget(this.documents.keys().next().value as string);
    return document;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.parseCaches.delete(uri);
  }
}
