// Incremental parsing for lint-as-you-type. dockerfile-ast re-parses the whole text on every
// call and recomputes an instruction's arguments, flags, heredocs and image name on every method
// call; on a 1,000-line file that alone costs more than the editor's budget for a re-lint. Here
// the text is cut into line-aligned chunks that each start where the parser is between items
// (no continuation, heredoc or keyword pending), each chunk is parsed once, and the parsed
// instructions and comments are reused for as long as the chunk's text and first line stay the
// same. The pieces are assembled into a real dockerfile-ast Dockerfile, so rules see exactly
// what DockerfileParser.parse would give them (a unit test compares the two on every corpus
// file and on fuzzed edits).
//
// Chunks are parsed inside a text padded with blank lines so that their positions are the
// document's own. A chunk is kept only when the parse proves it self-contained: every item in it
// ends on a line break inside the chunk (an item cut by the chunk's end — a continuation, a
// heredoc, a comment inside a continuation — makes the chunk grow until it is whole).
import { DockerfileParser, From, type Comment, type Dockerfile, type Instruction, type ParserDirective } from 'dockerfile-ast';
import { slot } from '../slot';
// The concrete class behind the Dockerfile interface: assembling one from parsed pieces uses the
// same methods the parser itself calls (addInstruction, addComment, organizeComments).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Dockerfile: DockerfileClass } = require('dockerfile-ast/lib/dockerfile') as { Dockerfile: new (document: unknown) => MutableDockerfile };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ImageTemplate: ImageTemplateClass } = require('dockerfile-ast/lib/imageTemplate') as {
  ImageTemplate: new () => { addInstruction(instruction: Instruction): void; resolveVariable(variable: string, line: number): string | null | undefined };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TextDocument } = require('vscode-languageserver-textdocument') as { TextDocument: { create(uri: string, language: string, version: number, text: string): unknown } };

interface MutableDockerfile extends Dockerfile {
  addInstruction(instruction: Instruction): void;
  addComment(comment: Comment): void;
  setDirectives(directives: ParserDirective[]): void;
  organizeComments(): void;
}

interface Chunk {
  instructions: Instruction[];
  comments: Comment[];
  directives: ParserDirective[];
}

/** A parsed chunk as cached: lines [firstLine, endLine) of a text with this escape character. */
interface CachedChunk extends Chunk { firstLine: number; endLine: number; escape: string; text: string }

/**
 * What one document's previous parse left to reuse: its chunks, by first line. The caller holds
 * one per document (the editor per open Dockerfile), so two documents edited in turn never
 * evict each other's chunks; a fresh one parses everything.
 */
export class ParseCache {
  chunks = new Map<number, CachedChunk>();
}

/**
 * The Dockerfile dockerfile-ast's parser would return for `text`, reusing the parse of unchanged
 * chunks from the previous call with the same cache.
 */
export function parseIncrementally(text: string, cache: ParseCache = new ParseCache()): Dockerfile {
  // Line breaks as TextDocument counts them: \n, \r\n and a lone \r.
  const lineStarts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) lineStarts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) lineStarts.push(i + 1);
    }
  }
  const candidates = candidateStarts(text, lineStarts);
  const candidateIndex = new Map(candidates.map((line, index) => [line, index]));
  candidateIndex.set(lineStarts.length, candidates.length);
  const escape = escapeOf(text);
  const next = new Map<number, CachedChunk>();
  const chunks: Chunk[] = [];
  const offsetOfLine = (line: number) => (line < lineStarts.length ? lineStarts[line] : text.length);
  // A cached chunk still fits when it starts on this candidate line, ends on a later one (or the
  // end of the text) and its text is unchanged. A chunk may span several candidates: one that
  // holds a heredoc, say, whose body lines looked like instructions.
  const reusable = (c: number): CachedChunk | undefined => {
    const chunk = cache.chunks.get(candidates[c]);
    if (!chunk || chunk.escape !== escape) return undefined;
    const endIndex = candidateIndex.get(chunk.endLine);
    if (endIndex === undefined || endIndex <= c) return undefined;
    const from = offsetOfLine(chunk.firstLine);
    const to = offsetOfLine(chunk.endLine);
    return to - from === chunk.text.length && text.startsWith(chunk.text, from) ? chunk : undefined;
  };
  let c = 0;
  while (c < candidates.length) {
    const hit = reusable(c);
    if (hit) {
      chunks.push(hit);
      next.set(hit.firstLine, hit);
      c = candidateIndex.get(hit.endLine) ?? candidates.length;
      continue;
    }
    // Parse the run of candidates no cached chunk covers as one window, grown until its end is a
    // place where the parser is between items.
    const from = candidates[c];
    let end = c + 1;
    while (end < candidates.length && !reusable(end)) end++;
    for (;;) {
      const windowEnd = end < candidates.length ? candidates[end] : lineStarts.length;
      const parsed = parseWindow(text, from, offsetOfLine(from), offsetOfLine(windowEnd), escape);
      if (parsed.whole || end >= candidates.length) {
        for (const chunk of splitWindow(parsed, candidates.slice(c, end), windowEnd, offsetOfLine)) {
          const cached: CachedChunk = { ...chunk, escape, text: text.slice(offsetOfLine(chunk.firstLine), offsetOfLine(chunk.endLine)) };
          next.set(cached.firstLine, cached);
          chunks.push(cached);
        }
        break;
      }
      end = Math.min(candidates.length, end + Math.max(1, end - c));
    }
    c = end;
  }
  cache.chunks = next;
  const dockerfile = new DockerfileClass(TextDocument.create('', '', 0, text));
  dockerfile.setDirectives(chunks[0]?.directives ?? []);
  for (const chunk of chunks) {
    for (const comment of chunk.comments) dockerfile.addComment(comment);
    for (const instruction of chunk.instructions) {
      adopt(instruction, dockerfile);
      dockerfile.addInstruction(instruction);
    }
  }
  organizeComments(dockerfile);
  acceleratedResolve(dockerfile);
  return dockerfile;

}

/**
 * Lines where an item may start: not blank, not a comment, and the last line before it that is
 * neither ends without the escape character. A wrong guess (a heredoc body line, say) is caught
 * when the chunk is parsed, so this only has to be cheap and usually right.
 */
function candidateStarts(text: string, lineStarts: number[]): number[] {
  const escape = escapeOf(text);
  const result = [0];
  let continued = false;
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    if (first >= end || text[first] === '#') continue;
    if (line > 0 && !continued) result.push(line);
    let last = end - 1;
    while (last >= first && isBlank(text.charCodeAt(last))) last--;
    continued = text[last] === escape;
  }
  return result;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/** The escape directive's character, read the way the parser reads it (only at the very top). */
function escapeOf(text: string): string {
  if (!text.startsWith('#') && !/^[ \t]*#/.test(text)) return '\\';
  return DockerfileParser.parse(directiveHeader(text)).getEscapeCharacter();
}

/** The leading comment lines, where parser directives live. */
function directiveHeader(text: string): string {
  const match = /^(?:[ \t]*#[^\r\n]*(?:\r?\n|\r|$))*/.exec(text);
  return match ? match[0] : '';
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Instruction: InstructionClass } = require('dockerfile-ast/lib/instruction') as { Instruction: { prototype: { getRawArguments(): unknown[] } } };
/** An instruction's raw arguments as first computed while it was parsed (see parseQuickly). */
const rawArgumentsMemo = Symbol('wharfRawArguments');
interface RawMemo { [rawArgumentsMemo]?: unknown[] }

/**
 * DockerfileParser.parse without its two costs that lint does not need: organizeComments
 * (comments × stages; the callers run the linear version below) and recomputing raw arguments.
 * dockerfile-ast's JSON-form instructions (RUN, CMD, COPY…) ask for their arguments four times
 * while they are constructed, and each time re-scan the text and build new Range objects; for the
 * duration of the parse each instruction keeps the first answer (handed out as copies: callers
 * shift() them). The prototypes are as they were once the parse returns.
 */
function parseQuickly(source: string): Dockerfile {
  const prototype = (DockerfileClass as unknown as { prototype: { organizeComments(): void } }).prototype;
  const organize = prototype.organizeComments;
  const instructionPrototype = InstructionClass.prototype;
  const raw = instructionPrototype.getRawArguments;
  prototype.organizeComments = () => undefined;
  instructionPrototype.getRawArguments = function (this: RawMemo) {
    let args = this[rawArgumentsMemo];
    if (!args) { args = raw.call(this); this[rawArgumentsMemo] = args; }
    return args.slice();
  };
  try {
    return DockerfileParser.parse(source);
  } finally {
    prototype.organizeComments = organize;
    instructionPrototype.getRawArguments = raw;
  }
}

/**
 * A whole text parsed at once, with nothing kept for a next call (a lint without incremental
 * state): the same Dockerfile parseIncrementally would assemble, without cutting it into chunks.
 */
export function parseWhole(text: string): Dockerfile {
  const dockerfile = parseQuickly(text);
  for (const instruction of dockerfile.getInstructions()) adopt(instruction, dockerfile);
  organizeComments(dockerfile);
  acceleratedResolve(dockerfile);
  return dockerfile;
}

interface ParsedWindow {
  instructions: Instruction[];
  comments: Comment[];
  directives: ParserDirective[];
  /** Every item ends on a line break inside the window. */
  whole: boolean;
  /** Each item's end offset within the padded text, and where the window starts in it. */
  endOf: (item: Instruction | Comment) => number;
  base: number;
}

function parseWindow(text: string, firstLine: number, from: number, to: number, escape: string): ParsedWindow {
  // Blank lines put the window at its own line numbers; an escape directive is the first padding
  // line when the document has one (it is always on line 0, so firstLine ≥ 1 then).
  const padding = firstLine === 0 ? '' : escape === '\\' ? '\n'.repeat(firstLine) : `# escape=${escape}\n${'\n'.repeat(firstLine - 1)}`;
  const source = padding + text.slice(from, to);
  const parsed = parseQuickly(source);
  const document = TextDocument.create('', '', 0, source) as { offsetAt(p: { line: number; character: number }): number };
  const endOf = (item: Instruction | Comment) => document.offsetAt(item.getRange().end);
  const instructions = parsed.getInstructions();
  const comments = parsed.getComments();
  let whole = true;
  for (const item of [...instructions, ...comments]) if (endOf(item) >= source.length) whole = false;
  return { instructions, comments, directives: firstLine === 0 ? parsed.getDirectives() : [], whole, endOf, base: padding.length };
}

interface WindowChunk extends Chunk { firstLine: number; endLine: number }

/**
 * Cuts a parsed window back into chunks at the candidate lines where no item crosses, so that
 * the next call can reuse them one by one.
 */
function splitWindow(parsed: ParsedWindow, starts: number[], windowEnd: number, offsetOfLine: (line: number) => number): WindowChunk[] {
  const result: WindowChunk[] = [];
  const items: { line: number; end: number; instruction?: Instruction; comment?: Comment }[] = [
    ...parsed.instructions.map((instruction) => ({ line: instruction.getRange().start.line, end: parsed.endOf(instruction), instruction })),
    ...parsed.comments.map((comment) => ({ line: comment.getRange().start.line, end: parsed.endOf(comment), comment })),
  ];
  const windowStart = offsetOfLine(starts[0]);
  // An item's end in document offsets: the padded text maps 1:1 onto the window.
  const documentEnd = (end: number) => end - parsed.base + windowStart;
  let current: WindowChunk = { firstLine: starts[0], endLine: windowEnd, instructions: [], comments: [], directives: parsed.directives };
  let reach = -1;
  let s = 1;
  items.sort((a, b) => a.line - b.line);
  for (const item of items) {
    while (s < starts.length && starts[s] <= item.line) {
      // Cut before starts[s] only when nothing so far runs past it.
      if (reach < offsetOfLine(starts[s])) {
        current.endLine = starts[s];
        result.push(current);
        current = { firstLine: starts[s], endLine: windowEnd, instructions: [], comments: [], directives: [] };
      }
      s++;
    }
    if (item.instruction) current.instructions.push(item.instruction); else if (item.comment) current.comments.push(item.comment);
    reach = Math.max(reach, documentEnd(item.end));
  }
  while (s < starts.length) {
    if (reach < offsetOfLine(starts[s])) {
      current.endLine = starts[s];
      result.push(current);
      current = { firstLine: starts[s], endLine: windowEnd, instructions: [], comments: [], directives: [] };
    }
    s++;
  }
  result.push(current);
  return result;
}

// ---- Linear replacements for two quadratic Dockerfile methods -----------------------------------
// Both keep dockerfile-ast's results exactly; they only find the stage or FROM by search instead
// of scanning every stage for every comment or variable, which took minutes on a 10 MB file.

interface Stages {
  initialInstructions: { getRange(): Range; addComment(comment: Comment): void; getInstructions(): Instruction[] };
  buildStages: { getRange(): Range; addComment(comment: Comment): void }[];
}
interface Range { start: { line: number; character: number }; end: { line: number; character: number } }

function isInside(position: Range['start'], range: Range): boolean {
  if (range.start.line === range.end.line) {
    return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
  }
  if (range.start.line === position.line) return range.start.character <= position.character;
  if (range.end.line === position.line) return position.character <= range.end.character;
  return range.start.line < position.line && position.line < range.end.line;
}

/** Dockerfile.organizeComments: each comment goes to the initial ARGs or to the stages around it. */
function organizeComments(dockerfile: Dockerfile): void {
  const stages = dockerfile as unknown as Stages;
  const initial = stages.initialInstructions.getRange();
  // A stage's range spans its instructions only, so it does not move while comments are added.
  const ranges = stages.buildStages.map((stage) => stage.getRange());
  for (const comment of dockerfile.getComments()) {
    const range = comment.getRange();
    if (isInside(range.end, initial)) { stages.initialInstructions.addComment(comment); continue; }
    // Stages follow each other: find the last one starting at or before the comment, then check
    // its neighbours too (ranges that touch on one line can both contain the position).
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = ranges[mid].start;
      if (start.line < range.start.line || (start.line === range.start.line && start.character <= range.start.character)) lo = mid; else hi = mid - 1;
    }
    for (let k = Math.max(0, lo - 1); k <= Math.min(ranges.length - 1, lo + 1); k++) {
      if (isInside(range.start, ranges[k])) stages.buildStages[k].addComment(comment);
    }
  }
}

/**
 * Dockerfile.resolveVariable looks through every FROM for the one on the variable's line before
 * anything else; a set of the lines FROMs cover answers that at once.
 */
function acceleratedResolve(dockerfile: Dockerfile): void {
  const target = dockerfile as unknown as { resolveVariable(variable: string, line: number): string | null | undefined };
  const original = target.resolveVariable;
  let fromLines: Set<number> | undefined;
  target.resolveVariable = function (this: Dockerfile, variable: string, line: number) {
    if (!fromLines) {
      fromLines = new Set();
      for (const from of this.getFROMs()) {
        const range = from.getRange();
        for (let l = range.start.line; l <= range.end.line; l++) fromLines.add(l);
      }
    }
    if (fromLines.has(line)) {
      // As the original does: resolve against the ARGs before the first FROM only.
      const initialARGs = new ImageTemplateClass();
      for (const arg of this.getInitialARGs()) initialARGs.addInstruction(arg);
      return initialARGs.resolveVariable(variable, line);
    }
    // The original scans the FROMs again, finds none on this line, and goes on by stage.
    return original.call(this, variable, line);
  };
}

// ---- Memoized instruction methods -------------------------------------------------------------

/** Methods whose result depends only on the instruction's own text and escape character. */
const ownTextMethods = [
  'getKeyword', 'getArguments', 'getRawArguments', 'getHeredocs', 'getProperties',
  'getArgumentsRange', 'getRawArgumentsContent', 'getArgumentsContent', 'getTextContent', 'getTriggerInstruction',
];
/**
 * Methods that read the rest of the document (build arguments, stages). On a FROM they read only
 * the ARGs before the first FROM, so they stay valid while those are unchanged; on anything else
 * they are valid for one document.
 */
const documentMethods = [
  'getVariables', 'getImageName', 'getImageNameRange', 'getImageTag', 'getImageTagRange',
  'getImageDigest', 'getImageDigestRange', 'getRegistry', 'getRegistryRange', 'getBuildStage', 'getBuildStageRange',
  'getImage', 'getAbsolutePath', 'getPlatformFlag',
];

/** What one memoized instruction remembers: one slot per method of `memoizedMethods`. */
interface MemoState {
  has: boolean[];
  values: unknown[];
  scopes: unknown[];
  /** getFlags is running (see memoize). */
  inFlags: number;
  /** The ONBUILD's trigger, memoized too, once asked for. */
  trigger?: Instruction;
}
const memoState = Symbol('wharfMemo');
interface Memoized { [memoState]?: MemoState; dockerfile?: Dockerfile }

const memoizedMethods = [...ownTextMethods.map((name) => ({ name, perDocument: false })), ...documentMethods.map((name) => ({ name, perDocument: true }))];

/** What a FROM's variables resolve against: the text and place of every ARG before the first FROM. */
const fromScopes = slot<Dockerfile, string>('fromScope');
function fromScopeOf(dockerfile: Dockerfile): string {
  let scope = fromScopes.get(dockerfile);
  if (scope === undefined) {
    scope = dockerfile.getInitialARGs().map((arg) => `${arg.getRange().start.line}:${arg.getRange().start.character}:${arg.getTextContent()}`).join('\0');
    fromScopes.set(dockerfile, scope);
  }
  return scope;
}

/**
 * For each dockerfile-ast class, the memoizing wrappers of its costly methods, made once and
 * shared by its instances, which keep their answers in one state object: a closure per method
 * per instruction made every cold lint allocate dozens per instruction. The wrappers are set on
 * the instances, not on dockerfile-ast's prototypes (nothing else in the process changes; and
 * re-pointing an instance's prototype makes V8 slow on it). Arrays are frozen so that no caller can
 * corrupt the memo.
 */
const wrappersByClass = new Map<object, [string, Method][]>();

type Method = (this: Memoized, ...args: unknown[]) => unknown;

function wrappersOf(prototype: object): [string, Method][] {
  let memo = wrappersByClass.get(prototype);
  if (memo) return memo;
  const methods = prototype as Record<string, unknown>;
  const wrappers: Record<string, Method> = {};
  const isFrom = prototype === From.prototype || Object.prototype.isPrototypeOf.call(From.prototype, prototype);
  memoizedMethods.forEach(({ name, perDocument }, index) => {
    const original = methods[name];
    if (typeof original !== 'function') return;
    // dockerfile-ast shifts the flags off its own getRawArguments() answers (getArguments): those
    // are handed out as copies. Every other array is frozen once and shared: a copy per call
    // was a good part of what a lint allocates, and a caller that would change one throws.
    const copied = name === 'getRawArguments';
    wrappers[name] = function (this: Memoized) {
      // eslint-disable-next-line prefer-rest-params -- a rest parameter allocates on every call
      if (arguments.length > 0) return (original as Method).apply(this, arguments as unknown as unknown[]);
      const state = this[memoState]!;
      const current = !perDocument ? undefined : isFrom && this.dockerfile ? fromScopeOf(this.dockerfile) : this.dockerfile;
      if (!state.has[index] || state.scopes[index] !== current) {
        const result = (original as Method).call(this);
        if (state.inFlags > 0) return result;
        if (name === 'getTriggerInstruction' && result) {
          memoize(result as Instruction);
          state.trigger = result as Instruction;
        }
        state.has[index] = true;
        state.scopes[index] = current;
        state.values[index] = !copied && Array.isArray(result) ? Object.freeze(result) : result;
      }
      const value = state.values[index];
      return copied ? (value as unknown[]).slice() : value;
    };
  });
  // getFlags caches itself in this.flags; it is wrapped only to know when it runs (see memoize).
  const getFlags = methods.getFlags;
  if (typeof getFlags === 'function') {
    wrappers.getFlags = function (this: Memoized) {
      const state = this[memoState]!;
      state.inFlags++;
      try { return (getFlags as Method).call(this); } finally { state.inFlags--; }
    };
  }
  // From.getImageNameRange and getRegistryRange move the start and end of the range
  // getImageRange returns, which is the first argument's own range: harmless when every call
  // builds new arguments, a corruption once they are memoized. Hand out a copy.
  const imageRange = methods.getImageRange;
  if (typeof imageRange === 'function') {
    wrappers.getImageRange = function (this: Memoized) {
      const range = (imageRange as Method).call(this) as { start: object; end: object } | null;
      return range && { start: { ...range.start }, end: { ...range.end } };
    };
  }
  memo = Object.entries(wrappers);
  wrappersByClass.set(prototype, memo);
  return memo;
}

/** Memoizes an instruction's costly methods (see wrappersOf). */
function memoize(instruction: Instruction): void {
  const target = instruction as unknown as Memoized & RawMemo;
  if (target[memoState]) return;
  const state: MemoState = { has: [], values: [], scopes: [], inFlags: 0 };
  // The raw arguments computed while parsing (parseQuickly) are the first answer.
  const seeded = target[rawArgumentsMemo];
  if (seeded !== undefined) {
    const index = memoizedMethods.findIndex((m) => m.name === 'getRawArguments');
    state.has[index] = true;
    state.values[index] = seeded;
  }
  target[memoState] = state;
  const own = target as unknown as Record<string, Method>;
  for (const [name, wrapper] of wrappersOf(Object.getPrototypeOf(instruction) as object)) own[name] = wrapper;
  // dockerfile-ast's methods call each other re-entrantly while half-built: getFlags fills
  // this.flags while asking getArguments, which asks getFlags and gets the half-filled list. An
  // answer computed while getFlags runs is not remembered; every other one is, also when one
  // memoized method asks another (getImageName asks getImageNameRange, which asks …).
  // dockerfile-ast also calls getFlags as super.getFlags() (From.getPlatformFlag, Copy), past
  // the wrapper, so the flags are filled here, once, before any other answer can be remembered.
  (instruction as unknown as { getFlags?: () => unknown }).getFlags?.();
}

/** Points a reused instruction (and its ONBUILD trigger) at the document being linted. */
function adopt(instruction: Instruction, dockerfile: Dockerfile): void {
  memoize(instruction);
  const target = instruction as unknown as Memoized;
  target.dockerfile = dockerfile;
  const trigger = target[memoState]?.trigger as Memoized | undefined;
  if (trigger) trigger.dockerfile = dockerfile;
}
