// Document offsets ↔ positions, and Dockerfile line continuations joined the way the builder joins
// them. Rules report (line, character) ranges while the scanners work on offsets, and several
// readers (RUN scripts for the rules, scripts for ShellCheck, exec-form arrays) must see an
// instruction's text with its continuations and the comment lines inside them removed, yet map
// every character back to the document. Each of these lived in two or three places, and the
// copies had started to disagree on where a word ends next to a continuation; one module keeps a
// single answer. (Two line counters stay apart on purpose: lint.ts's positionOf reads the text
// before lint() turns lone CRs into LFs, and syntax/parse.ts must count lines exactly as
// dockerfile-ast does; both take a lone CR for a line break, which nothing here ever sees.)
import type { Position, Range } from '../rule';

/** Line starts of one text (lines end at \n; a CR before it stays on its line, as in editors). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Offset of a position; past the last line or line end, clamped to the end of the text. */
  offsetAt(position: Position): number {
    const start = this.starts[position.line];
    return start === undefined ? this.text.length : Math.min(this.text.length, start + position.character);
  }

  positionAt(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }
}

// Rules run one after another on the same document and ask about it many times: keep the index
// of the last text asked about.
let last: LineIndex | undefined;

/** The line index of `text`, shared while the same text is asked about. */
export function lineIndexOf(text: string): LineIndex {
  if (last?.text !== text) last = new LineIndex(text);
  return last;
}

export function offsetAt(text: string, position: Position): number {
  return lineIndexOf(text).offsetAt(position);
}

export function positionAt(text: string, offset: number): Position {
  return lineIndexOf(text).positionAt(offset);
}

export function rangeOfOffsets(text: string, start: number, end: number): Range {
  const index = lineIndexOf(text);
  return { start: index.positionAt(start), end: index.positionAt(end) };
}

/** The source text of a range. */
export function textOf(text: string, range: Range): string {
  const index = lineIndexOf(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** An instruction's text with its continuations joined, and where each character came from. */
export interface JoinedText {
  text: string;
  /** Document offset of each character of `text`, plus one entry for its end. */
  offsets: number[];
}

/**
 * Joins Dockerfile continuation lines (the escape character, optional blanks, a line break) in
 * text[start, end) and drops the comment and empty lines the builder removes inside a continued
 * instruction; CRs before line breaks are dropped too. Characters inside `verbatim` spans
 * (heredoc bodies, which the builder passes on as written) are copied as they are.
 */
export function joinContinuations(text: string, start: number, end: number, escape: string, verbatim: readonly { from: number; to: number }[] = []): JoinedText {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  let atLineStart = false;
  while (i < end) {
    const span = verbatim.length > 0 ? verbatim.find((r) => r.from === i) : undefined;
    if (span) {
      for (let j = span.from; j < Math.min(span.to, end); j++) { out += text[j]; offsets.push(j); }
      i = Math.max(span.to, i + 1);
      atLineStart = false;
      continue;
    }
    if (atLineStart) {
      let j = i;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#' || text[j] === '\n' || text[j] === '\r') {
        while (j < end && text[j] !== '\n') j++;
        if (j < end) { i = j + 1; continue; }
        i = end;
        break;
      }
      atLineStart = false;
    }
    const ch = text[i];
    if (ch === escape) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n' || j >= end) {
        i = j + 1;
        atLineStart = true;
        continue;
      }
    }
    if (ch === '\r' && text[i + 1] === '\n') { i++; continue; }
    out += ch;
    offsets.push(i);
    i++;
  }
  offsets.push(Math.min(i, end));
  return { text: out, offsets };
}
