// A small POSIX-shell reader for RUN scripts, shared by the rules that look at commands.
// Hand-written because the JS shell tokenizers (shell-quote, bash-parser) drop source offsets,
// and every finding must point at the offending token in the Dockerfile. It is not a full shell
// parser: it splits a script into simple commands (at &&, ||, ;, |, &, newlines, parentheses and
// reserved words), removes quotes from each word for matching, skips comments and heredoc bodies,
// and keeps each word's exact document offsets.
import { Instruction, Onbuild, Run, type Dockerfile } from 'dockerfile-ast';
import type { Fix, Position, Range } from './rule';
import { heredocsOf } from './syntax/builder';
import { joinContinuations, LineIndex, lineIndexOf } from './syntax/text';
import { slot } from './slot';

export interface ShellWord {
  /** The word with quotes and backslash escapes removed; expansions are kept verbatim (`$V`). */
  value: string;
  /** Document offsets (UTF-16, end-exclusive) of the word as written. */
  start: number;
  end: number;
  range: Range;
  /** Any part of the word was quoted. */
  quoted: boolean;
  /** The word contains an expansion ($VAR, ${…}, $(…), `…`) so its runtime value is unknown. */
  dynamic: boolean;
}

export type Separator = '&&' | '||' | ';' | '|' | '|&' | '&' | '\n' | '(' | ')' | '';

export interface Redirect { operator: string; target?: ShellWord; start: number; end: number }

export interface ShellCommand {
  /**
   * The command that runs (after leading VAR=value assignments and reserved words): the command
   * word, or for `busybox`, `builtin`, `command`, `run` and `exec` the program they run (see
   * commandWordOf) — as hadolint names commands through ShellCheck.
   */
  name?: ShellWord;
  /** The words after the command word as written (a wrapper's program included), redirections excluded. */
  args: ShellWord[];
  /** The command word as written followed by args. */
  words: ShellWord[];
  assignments: ShellWord[];
  redirects: Redirect[];
  /** The operator before and after this command ('' at the start or end of the script). */
  before: Separator;
  after: Separator;
  /** Document offsets of the `after` operator as written (absent at the end of the script). */
  afterAt?: { start: number; end: number };
}

export interface ShellScript {
  form: 'shell' | 'exec';
  commands: ShellCommand[];
}

/** Maps offsets in a logical (continuation-free) string back to document offsets. */
interface Source { text: string; offsets: number[]; toPosition(offset: number): Position }

const reservedPrefixes = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{']);
const reservedAlone = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);

/** Tokenises a shell script given as plain text (offsets are positions in `script`). */
export function parseShell(script: string): ShellScript {
  // Its own index: a script is not the document, whose shared index stays in place.
  const lineIndex = new LineIndex(script);
  return { form: 'shell', commands: tokenize({ text: script, offsets: identityOffsets(0, script.length), toPosition: (o) => lineIndex.positionAt(o) }) };
}

/** A RUN instruction's script (shell form, heredoc or exec form), with document ranges. */
export function parseRun(run: Instruction, text: string, escape = '\\'): ShellScript {
  const lineIndex = lineIndexOf(text);
  const toOffset = (p: Position) => lineIndex.offsetAt(p);
  const toPosition = (o: number) => lineIndex.positionAt(o);
  const end = toOffset(run.getRange().end);
  const start = scriptStart(text, toOffset(run.getInstructionRange().end), end, escape);
  if (start >= end) return { form: 'shell', commands: [] };
  // The builder joins continuation lines before it reads the JSON array.
  const exec = text[start] === '[' ? parseExecForm(logicalSource(text, start, end, escape, [], toPosition)) : undefined;
  if (exec) return exec;
  // getHeredocs() is costly in dockerfile-ast: only ask when the text can hold one.
  const heredocs = text.slice(start, end).includes('<<') ? heredocsOf(run) : [];
  const raw = heredocs.flatMap((h) => {
    const content = h.getContentRange();
    const delimiter = h.getDelimiterRange();
    const from = content ? toOffset(content.start) : delimiter ? toOffset(delimiter.start) : -1;
    const to = delimiter ? toOffset(delimiter.end) : content ? toOffset(content.end) : -1;
    return from >= 0 ? [{ from, to }] : [];
  });
  const source = logicalSource(text, start, end, escape, raw, toPosition);
  // `RUN <<EOF` with nothing else on the line: the heredoc body is the script itself.
  const firstLine = source.text.split('\n', 1)[0];
  const onlyHeredoc = /^\s*<<-?\s*(["']?)[\w.-]+\1\s*$/.exec(firstLine);
  if (onlyHeredoc && heredocs.length > 0) {
    const body = heredocs[0].getContentRange();
    if (!body) return { form: 'shell', commands: [] };
    const bodyStart = toOffset(body.start);
    const bodyEnd = toOffset(body.end);
    const bodySource: Source = {
      text: text.slice(bodyStart, bodyEnd),
      offsets: identityOffsets(bodyStart, bodyEnd),
      toPosition,
    };
    return { form: 'shell', commands: tokenize(bodySource) };
  }
  return { form: 'shell', commands: tokenize(source) };
}

const runScriptCache = slot<Dockerfile, { document: Dockerfile; text: string; scripts: RunScript[] }>('runScripts');
/**
 * A RUN's script, kept with the RUN: syntax/parse.ts reuses unchanged instructions from one lint
 * to the next, and the script stays valid while the RUN starts at the same document offset
 * (words carry document offsets) with the same escape character.
 */
const scriptOfRun = slot<Instruction, { offset: number; escape: string; script: ShellScript }>('scriptOfRun');

export interface RunScript {
  instruction: Instruction;
  /** The script at the RUN's place in this document: its words' offsets and ranges are this document's. */
  readonly script: ShellScript;
  /**
   * The script as last read, perhaps at other document offsets (an edit earlier on the RUN's
   * lines or above moved it): for all but the offsets — command names, word values, counts, and
   * ranges, whose lines and characters are the RUN's own — without moving it.
   */
  readonly parsed: ShellScript;
  onbuild: boolean;
}

/**
 * A RUN's script, moved to its place only when asked for: an edit moves every RUN after it, and
 * the rules that read every RUN mostly need only what does not move (see RunScript.parsed).
 */
class PlacedScript implements RunScript {
  private placed?: ShellScript;
  constructor(readonly instruction: Instruction, readonly onbuild: boolean, readonly parsed: ShellScript, private readonly from: number, private readonly offset: number, private readonly escape: string) {
    if (from === offset) this.placed = parsed;
  }
  get script(): ShellScript {
    if (!this.placed) {
      this.placed = shiftScript(this.parsed, this.offset - this.from);
      scriptOfRun.set(this.instruction, { offset: this.offset, escape: this.escape, script: this.placed });
    }
    return this.placed;
  }
}

/** Every RUN in the file, including those wrapped in ONBUILD (as hadolint checks them too). */
export function runScripts(dockerfile: Dockerfile, text: string): RunScript[] {
  // Every RUN rule asks for the same parse of the same document: do it once per Dockerfile.
  const cached = runScriptCache.get(dockerfile);
  // A view of the document (lint.ts) inherits the document's entry: it must read its own RUNs.
  if (cached && cached.document === dockerfile && cached.text === text) return cached.scripts;
  const result: RunScript[] = [];
  const escape = dockerfile.getEscapeCharacter();
  const lineIndex = lineIndexOf(text);
  const scriptOf = (run: Instruction, onbuild: boolean): RunScript => {
    const offset = lineIndex.offsetAt(run.getRange().start);
    const known = scriptOfRun.get(run);
    // The same RUN at the same lines, perhaps moved by an edit earlier on those lines or before:
    // only the document offsets change.
    if (known && known.escape === escape) return new PlacedScript(run, onbuild, known.script, known.offset, offset, escape);
    const script = parsedByText(run, text, offset, escape);
    scriptOfRun.set(run, { offset, escape, script });
    return new PlacedScript(run, onbuild, script, offset, offset, escape);
  };
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof Run) {
      result.push(scriptOf(instruction, false));
    } else if (instruction instanceof Onbuild) {
      const trigger = instruction.getTriggerInstruction();
      if (trigger && trigger.getKeyword() === 'RUN') result.push(scriptOf(trigger, true));
    }
  }
  runScriptCache.set(dockerfile, { document: dockerfile, text, scripts: result });
  return result;
}

/**
 * Scripts by the RUN's text: the same RUN read again — a file opened again, linted from the CLI
 * and the editor, a RUN moved by an edit above it in another document state — is not tokenized
 * again but moved to where it now is. The text from the RUN's first character to its last,
 * with the escape character and the column it starts at, is all parseRun reads, except for a
 * heredoc, whose body dockerfile-ast may place past the RUN's range: those are never kept.
 */
const scriptsByText = new Map<string, { offset: number; line: number; script: ShellScript }>();
const maxScriptsByText = 2000;
const maxScriptTextLength = 16 * 1024;

function parsedByText(run: Instruction, text: string, offset: number, escape: string): ShellScript {
  const range = run.getRange();
  const end = lineIndexOf(text).offsetAt(range.end);
  if (end - offset > maxScriptTextLength || text.lastIndexOf('<<', end) >= offset) return parseRun(run, text, escape);
  const key = `${escape}${range.start.character}\0${text.slice(offset, end)}`;
  const known = scriptsByText.get(key);
  if (known) {
    // Most recently used last: the oldest goes first when the map is full.
    scriptsByText.delete(key);
    scriptsByText.set(key, known);
    return shiftScript(known.script, offset - known.offset, range.start.line - known.line);
  }
  const script = parseRun(run, text, escape);
  if (scriptsByText.size >= maxScriptsByText) scriptsByText.delete(scriptsByText.keys().next().value!);
  scriptsByText.set(key, { offset, line: range.start.line, script });
  return script;
}

/**
 * A copy of a script with every document offset moved by `delta` and every line by `lines`
 * (the script starts at the same column, so characters stay), or the script itself when it
 * does not move.
 */
function shiftScript(script: ShellScript, delta: number, lines = 0): ShellScript {
  if (delta === 0 && lines === 0) return script;
  const words = new Map<ShellWord, ShellWord>();
  const moveRange = (r: Range): Range => (lines === 0 ? r : { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  const word = (w: ShellWord): ShellWord => {
    let moved = words.get(w);
    if (!moved) { moved = { ...w, start: w.start + delta, end: w.end + delta, range: moveRange(w.range) }; words.set(w, moved); }
    return moved;
  };
  return {
    form: script.form,
    commands: script.commands.map((c) => ({
      ...c,
      name: c.name && word(c.name),
      args: c.args.map(word),
      words: c.words.map(word),
      assignments: c.assignments.map(word),
      redirects: c.redirects.map((r) => ({ ...r, target: r.target && word(r.target), start: r.start + delta, end: r.end + delta })),
      ...(c.afterAt && { afterAt: { start: c.afterAt.start + delta, end: c.afterAt.end + delta } }),
    })),
  };
}

function identityOffsets(from: number, to: number): number[] {
  const offsets = new Array<number>(to - from + 1);
  for (let i = 0; i <= to - from; i++) offsets[i] = from + i;
  return offsets;
}

/**
 * Commands whose command word is one of `names`, compared as written, as hadolint compares them
 * (Shell.hs: the name ShellCheck reads, so `/usr/bin/apt-get` is not `apt-get`).
 */
export function commandsNamed(script: ShellScript, ...names: string[]): ShellCommand[] {
  let byName = commandIndex.get(script);
  if (!byName) {
    byName = new Map();
    for (const command of script.commands) {
      if (!command.name) continue;
      const key = command.name.value;
      const list = byName.get(key);
      if (list) list.push(command); else byName.set(key, [command]);
    }
    commandIndex.set(script, byName);
  }
  if (names.length === 1) return byName.get(names[0]) ?? [];
  const wanted = new Set(names.flatMap((n) => byName.get(n) ?? []));
  return script.commands.filter((c) => wanted.has(c));
}

// Many rules look up commands by name in the same script: index each script once.
const commandIndex = slot<ShellScript, Map<string, ShellCommand[]>>('commandIndex');

export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash >= 0 ? word.slice(slash + 1) : word;
}

/**
 * The first argument that is one of `flags`. A long flag matches `--flag` and `--flag=value`;
 * a one-letter short flag also matches inside a cluster (`-y` in `-qy`); longer single-dash
 * flags (`-qq`) match exactly.
 */
export function flagWord(command: ShellCommand, ...flags: string[]): ShellWord | undefined {
  for (const arg of command.args) {
    if (arg.value === '--') return undefined;
    for (const flag of flags) if (matchesFlag(arg.value, flag)) return arg;
  }
  return undefined;
}

export function hasFlag(command: ShellCommand, ...flags: string[]): boolean {
  return flagWord(command, ...flags) !== undefined;
}

function matchesFlag(arg: string, flag: string): boolean {
  if (arg === flag) return true;
  if (flag.startsWith('--')) return arg.startsWith(flag + '=');
  if (flag.length === 2 && flag.startsWith('-') && /^-[A-Z0-9]+$/i.test(arg)) return arg.slice(1).includes(flag[1]);
  return false;
}

/**
 * Arguments that are not flags. `valueFlags` lists flags that take a separate value
 * (`-o Dpkg::Options=…`, `--target-release stable`), whose value is skipped too.
 */
export function positionalArgs(command: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  const result: ShellWord[] = [];
  let afterDoubleDash = false;
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i];
    if (afterDoubleDash || !arg.value.startsWith('-') || arg.value === '-') { result.push(arg); continue; }
    if (arg.value === '--') { afterDoubleDash = true; continue; }
    if (valueFlags.includes(arg.value)) i++;
  }
  return result;
}

/** The first non-flag argument: `install` in `apt-get -q install curl`. */
export function subcommand(command: ShellCommand, valueFlags: readonly string[] = []): ShellWord | undefined {
  return positionalArgs(command, valueFlags)[0];
}

/** Non-flag arguments after the subcommand: the packages of `apt-get install -y curl git`. */
export function argsAfterSubcommand(command: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  return positionalArgs(command, valueFlags).slice(1);
}

// ---------------------------------------------------------------------------------------------

/**
 * Where a RUN's script starts: after the keyword, whitespace, line continuations and flags
 * (`--mount=…`, `--network=…`). Scanned directly because dockerfile-ast's getArguments()
 * re-tokenises the instruction on every call.
 */
function scriptStart(text: string, from: number, end: number, escape: string): number {
  let i = from;
  const skipBlank = () => {
    for (;;) {
      while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
      if (text[i] !== escape) return;
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (text[j] !== '\n') return;
      i = j + 1;
      // Comment lines inside a continued instruction are dropped by the builder.
      for (;;) {
        let k = i;
        while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
        if (text[k] !== '#') break;
        while (k < end && text[k] !== '\n') k++;
        i = k + 1;
      }
    }
  };
  skipBlank();
  while (text.startsWith('--', i)) {
    while (i < end && !/\s/.test(text[i])) i++;
    skipBlank();
  }
  return Math.min(i, end);
}

/** The script text as the builder joins it (see joinContinuations), with document positions. */
function logicalSource(text: string, start: number, end: number, escape: string, raw: { from: number; to: number }[], toPosition: (offset: number) => Position): Source {
  return { ...joinContinuations(text, start, end, escape, raw), toPosition };
}

/** `RUN ["apt-get", "install"]`: one command, words are the JSON strings. */
function parseExecForm(source: Source): ShellScript | undefined {
  const { text, offsets } = source;
  const end = text.length;
  let i = 0;
  if (text[i] !== '[') return undefined;
  i++;
  const words: ShellWord[] = [];
  const skipSpace = () => { while (i < end && /\s/.test(text[i])) i++; };
  for (;;) {
    skipSpace();
    if (text[i] === ']') break;
    if (text[i] !== '"') return undefined;
    const wordStart = i;
    i++;
    let value = '';
    while (i < end && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < end) {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
      } else value += text[i++];
    }
    if (text[i] !== '"') return undefined;
    i++;
    const from = offsets[wordStart];
    const to = offsets[i - 1] + 1;
    words.push({ value, start: from, end: to, range: { start: source.toPosition(from), end: source.toPosition(to) }, quoted: true, dynamic: false });
    skipSpace();
    if (text[i] === ',') { i++; continue; }
    if (text[i] === ']') break;
    return undefined;
  }
  if (words.length === 0) return { form: 'exec', commands: [] };
  return { form: 'exec', commands: [{ name: commandWordOf(words), args: words.slice(1), words, assignments: [], redirects: [], before: '', after: '' }] };
}

/** Command words that run the program named by their first argument that is not a flag. */
const runsItsArgument = new Set(['busybox', 'builtin', 'command', 'run']);

/**
 * The word naming the program a simple command runs, as ShellCheck's getCommandName reads it
 * (hadolint names commands with it): `busybox wget …`, `command -- …` is `command` (a flag comes
 * first), `exec -a name wget …` is `wget` (exec's own options are -c, -l and -a with a value, a
 * lone `-` is skipped; any other option, or a long one, leaves it `exec`). Its arguments stay those of the command
 * as written, the program's name included, as hadolint's are.
 */
function commandWordOf(words: ShellWord[]): ShellWord | undefined {
  const [first] = words;
  if (!first) return first;
  if (runsItsArgument.has(first.value)) {
    const next = words[1];
    return next && !(next.value.startsWith('-') && !next.quoted) ? next : first;
  }
  return first.value === 'exec' ? execProgram(words) ?? first : first;
}

/** What `exec` runs: its first argument after its BSD-style options `-c`, `-l` and `-a name`. */
function execProgram(words: ShellWord[]): ShellWord | undefined {
  for (let k = 1; k < words.length; k++) {
    const value = words[k].dynamic ? '' : words[k].value;
    if (value === '--') return words[k + 1];
    if (value.startsWith('--')) return undefined;
    if (!value.startsWith('-')) return words[k];
    for (let c = 1; c < value.length; c++) {
      const option = value[c];
      if (option === 'a') {
        // The name is the rest of this word, or the next word.
        if (c === value.length - 1) k++;
        break;
      }
      if (option !== 'c' && option !== 'l') return undefined;
    }
  }
  return undefined;
}

/** Splits a logical shell text into simple commands. */
function tokenize(source: Source, depth = 0): ShellCommand[] {
  const { text, offsets } = source;
  const n = text.length;
  const commands: ShellCommand[] = [];
  let rawWords: ShellWord[] = [];
  let redirects: Redirect[] = [];
  let before: Separator = '';
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  const substitutions: { from: number; to: number }[] = [];
  let i = 0;

  const makeWord = (from: number, to: number, value: string, quoted: boolean, dynamic: boolean): ShellWord => {
    const start = offsets[from];
    const end = to > from ? offsets[to - 1] + 1 : start;
    return { value, start, end, range: { start: source.toPosition(start), end: source.toPosition(end) }, quoted, dynamic };
  };

  /** Ends the current command at the operator `after`, `length` characters at logical index `at`. */
  const finish = (after: Separator, at = -1, length = 0) => {
    const afterAt = at >= 0 && length > 0 ? { start: offsets[at], end: offsets[at + length - 1] + 1 } : undefined;
    const words = rawWords;
    rawWords = [];
    const reds = redirects;
    redirects = [];
    const assignments: ShellWord[] = [];
    let k = 0;
    while (k < words.length) {
      const w = words[k];
      if (!w.quoted && reservedPrefixes.has(w.value)) { k++; continue; }
      if (/^[A-Z_]\w*=/i.test(w.value) && !w.value.startsWith('=')) { assignments.push(w); k++; continue; }
      break;
    }
    const rest = words.slice(k);
    if (rest.length === 1 && !rest[0].quoted && reservedAlone.has(rest[0].value)) rest.length = 0;
    if (rest.length > 0 || assignments.length > 0 || reds.length > 0) {
      commands.push({ name: commandWordOf(rest), args: rest.slice(1), words: rest, assignments, redirects: reds, before, after, ...(afterAt && { afterAt }) });
    }
    before = after;
  };

  const skipHeredocBodies = () => {
    // i is just after a newline: consume each pending heredoc body up to its delimiter line. By
    // index, then emptied: shifting one at a time was quadratic in a line of many `<<E`.
    for (const { delimiter, stripTabs } of pendingHeredocs) {
      while (i < n) {
        let lineEnd = text.indexOf('\n', i);
        if (lineEnd < 0) lineEnd = n;
        let line = text.slice(i, lineEnd);
        if (stripTabs) line = line.replace(/^\t+/, '');
        i = Math.min(n, lineEnd + 1);
        if (line.replace(/\r$/, '') === delimiter) break;
      }
    }
    pendingHeredocs.length = 0;
  };

  while (i < n) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    // A CRLF line end (heredoc bodies keep their CRs) continues the same way.
    if (continuationAt(i) > 0) { i += continuationAt(i); continue; }
    if (ch === '\n') {
      i++;
      if (rawWords.length > 0 || redirects.length > 0) finish('\n', i - 1, 1);
      skipHeredocBodies();
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '|&') { finish(two as Separator, i, 2); i += 2; continue; }
    if (two === ';;') { finish(';', i, 2); i += 2; continue; }
    if (ch === ';' || ch === '|' || ch === '(' || ch === ')') { finish(ch as Separator, i, 1); i++; continue; }
    if (ch === '&' && text[i + 1] !== '>') { finish('&', i, 1); i++; continue; }
    // Redirections, with an optional file-descriptor number before them.
    const redirect = (ch === '<' || ch === '>' || ch === '&' || (ch >= '0' && ch <= '9')) && /^(\d*)(<<<|<<-|<<|>>|>&|<&|<>|>\||&>>|&>|>|<)/.exec(text.slice(i, i + 6));
    if (redirect) {
      const opStart = i;
      i += redirect[0].length;
      // The target may follow on a continued line (`> \<newline>  /tmp/log`).
      while (i < n && (text[i] === ' ' || text[i] === '\t' || continuationAt(i) > 0)) i += continuationAt(i) || 1;
      const target = i < n && !/[\n;&|()<>]/.test(text[i]) ? readWord() : undefined;
      const op = redirect[2];
      if ((op === '<<' || op === '<<-') && target) pendingHeredocs.push({ delimiter: target.value, stripTabs: op === '<<-' });
      redirects.push({ operator: op, target, start: offsets[opStart], end: target ? target.end : offsets[i] });
      continue;
    }
    rawWords.push(readWord());
  }
  finish('');
  // Commands inside $(…) and `…` run too (hadolint, via ShellCheck, sees them): read them as
  // scripts of their own, keeping their document offsets. Depth-limited so input stays bounded.
  if (depth < 8) {
    for (const { from, to } of substitutions) {
      if (to <= from) continue;
      commands.push(...tokenize({ text: text.slice(from, to), offsets: offsets.slice(from, to + 1), toPosition: source.toPosition }, depth + 1));
    }
  }
  return commands;

  function readWord(): ShellWord {
    const from = i;
    // Where the word's own text ends: a continuation read last belongs to no word, so the word's
    // range must stop before it (its end would otherwise be the start of the next line).
    let to = i;
    let value = '';
    let quoted = false;
    let dynamic = false;
    while (i < n) {
      const c = text[i];
      const continuation = continuationAt(i);
      if (continuation > 0) { i += continuation; continue; }
      if ((c === '<' || c === '>') && text[i + 1] === '(') {
        value += readBalanced(c + '(', ')');
        dynamic = true;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') {
        break;
      } else if (c === '\\') {
        if (i + 1 < n) value += text[i + 1];
        i += 2;
      } else if (c === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        quoted = true;
        i++;
        while (i < n && text[i] !== '"') {
          if (continuationAt(i) > 0) i += continuationAt(i);
          else if (text[i] === '\\' && i + 1 < n && '$`"\\'.includes(text[i + 1])) {
            value += text[i + 1];
            i += 2;
          } else if (text[i] === '$' || text[i] === '`') {
            const expansion = readExpansion();
            value += expansion;
            dynamic = true;
          } else value += text[i++];
        }
        i++;
      } else if (c === '$' || c === '`') {
        const expansion = readExpansion();
        if (expansion.length > 1 || c === '`') dynamic = true;
        value += expansion;
      } else {
        value += c;
        i++;
      }
      to = Math.min(i, n);
    }
    if (i > n) i = n;
    return makeWord(from, to, value, quoted, dynamic);
  }

  /** The length of a shell line continuation (backslash, newline; CRLF in heredoc bodies) at k. */
  function continuationAt(k: number): number {
    if (text[k] !== '\\') return 0;
    if (text[k + 1] === '\n') return 2;
    return text[k + 1] === '\r' && text[k + 2] === '\n' ? 3 : 0;
  }

  /** Reads $VAR, ${…}, $(…), $((…)) or `…` starting at i and returns it verbatim. */
  function readExpansion(): string {
    const c = text[i];
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const stop = close < 0 ? n : close + 1;
      substitutions.push({ from: i + 1, to: close < 0 ? n : close });
      const s = text.slice(i, stop);
      i = stop;
      return s;
    }
    const next = text[i + 1];
    if (next === '{') return readBalanced('${', '}');
    if (next === '(') {
      const from = i;
      const expansion = readBalanced('$(', ')');
      // $((…)) is arithmetic, not a command.
      if (text[from + 2] !== '(') substitutions.push({ from: from + 2, to: expansion.endsWith(')') ? i - 1 : i });
      return expansion;
    }
    const m = /^\$(?:[A-Z_]\w*|[0-9@*#?$!-])/i.exec(text.slice(i, i + 256));
    if (m) { i += m[0].length; return m[0]; }
    i++;
    return '$';
  }

  function readBalanced(open: string, close: string): string {
    const from = i;
    i += open.length;
    let depth = 1;
    while (i < n && depth > 0) {
      const c = text[i];
      if (c === '\\') { i += 2; continue; }
      if (c === "'" && close === ')') { const q = text.indexOf("'", i + 1); i = q < 0 ? n : q + 1; continue; }
      if (c === '(' || (c === '{' && close === '}')) depth++;
      else if (c === close) depth--;
      i++;
    }
    if (i > n) i = n;
    return text.slice(from, i);
  }
}

/** The range from the start of `first` to the end of `last` (e.g. `apt-get … install`). */
export function spanRange(first: ShellWord, last: ShellWord = first): Range {
  return { start: first.range.start, end: last.range.end };
}

/**
 * A fix that inserts `flag` right after `word` (`apt-get install` → `apt-get install -y`),
 * written as a JSON string in an exec-form RUN.
 */
export function insertFlagAfter(script: ShellScript, word: ShellWord, flag: string, title: string): Fix {
  const newText = script.form === 'exec' ? `, ${JSON.stringify(flag)}` : ` ${flag}`;
  return { title, edits: [{ range: { start: word.range.end, end: word.range.end }, newText }] };
}

/** Whether any argument is exactly one of `values` (hadolint's cmdHasArgs). */
export function hasArg(command: ShellCommand, ...values: string[]): boolean {
  return command.args.some((a) => values.includes(a.value));
}
