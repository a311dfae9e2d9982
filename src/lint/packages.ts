// Helpers shared by the package-manager and shell-command rules (yum, dnf, zypper, pip, yarn,
// go, wget, useradd …). They express hadolint's matching vocabulary — "the command is X and one
// of its arguments is Y", "one of these flags is present" — on top of src/lint/shell.ts, and
// build the insert-text fixes those rules offer.
import type { From, Instruction } from 'dockerfile-ast';
import { baseName, hasFlag, positionalArgs, runScripts, type RunScript, type ShellCommand, type ShellScript, type ShellWord } from './shell';
import type { Fix, Range, RuleContext } from './rule';

/**
 * The RUN scripts a rule looks at. hadolint wraps only some rules with its ONBUILD variant, so
 * rules say whether `ONBUILD RUN` triggers count for them.
 */
export function runsOf(context: RuleContext, includeOnbuild: boolean): RunScript[] {
  const runs = runScripts(context.dockerfile, context.text);
  return includeOnbuild ? runs : runs.filter((r) => !r.onbuild);
}

/**
 * Looks up the parsed script of a RUN (or of an ONBUILD's RUN trigger, which dockerfile-ast
 * re-creates on every call) by where it starts, reusing runScripts' per-document parse.
 */
export function scriptLookup(context: RuleContext): (run: Instruction) => ShellScript | undefined {
  const key = (i: Instruction) => `${i.getRange().start.line}:${i.getRange().start.character}`;
  const byStart = new Map(runScripts(context.dockerfile, context.text).map((r) => [key(r.instruction), r.script]));
  return (run) => byStart.get(key(run));
}

/** The command is one of `names` (by base name) and any of its arguments is one of `args`. */
export function cmdHasArgs(command: ShellCommand, names: readonly string[], args: readonly string[]): boolean {
  return isCommand(command, names) && command.args.some((a) => args.includes(a.value));
}

export function isCommand(command: ShellCommand, names: readonly string[]): boolean {
  return command.name !== undefined && names.includes(baseName(command.name.value));
}

/** The first argument of `command` equal to one of `args`. */
export function argNamed(command: ShellCommand, args: readonly string[]): ShellWord | undefined {
  return command.args.find((a) => args.includes(a.value));
}

/**
 * hadolint's hasAnyFlag: each name is a flag without dashes; one letter means `-x` (also inside a
 * cluster such as `-qy`), longer names mean `--name` or `--name=value`.
 */
export function hasAnyFlag(command: ShellCommand, ...names: string[]): boolean {
  return hasFlag(command, ...names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`)));
}

/**
 * Non-flag arguments of the command, excluding `skip` words (the subcommand itself); the values
 * of `valueFlags` (flags taking a separate value) are skipped too.
 */
export function argsNoFlags(command: ShellCommand, skip: readonly string[] = [], valueFlags: readonly string[] = []): ShellWord[] {
  return positionalArgs(command, valueFlags).filter((a) => !skip.includes(a.value));
}

/**
 * The package words of an install command that are not pinned. Words whose value comes from a
 * variable are skipped: their runtime value is unknown.
 */
export function unpinned(packages: readonly ShellWord[], isPinned: (pkg: string) => boolean): ShellWord[] {
  return packages.filter((p) => !p.dynamic && !isPinned(p.value));
}

/** The span from the command word to its last argument (or redirection target). */
export function commandRange(command: ShellCommand): Range {
  const first = command.words[0] ?? command.assignments[0];
  let last = command.words[command.words.length - 1] ?? first;
  for (const r of command.redirects) if (r.target && r.target.end > last.end) last = r.target;
  return { start: first.range.start, end: last.range.end };
}

/** A range from the command word to `word` (e.g. `zypper install`). */
export function spanTo(command: ShellCommand, word: ShellWord): Range {
  return { start: (command.name ?? word).range.start, end: word.range.end };
}

/**
 * A fix that inserts the argument `text` right after `word` (a flag after the subcommand): ` text`
 * in a shell-form script, `, "text"` in an exec-form (JSON) one.
 */
export function insertAfterWord(script: ShellScript, word: ShellWord, text: string, title: string): Fix {
  const newText = script.form === 'exec' ? `, ${JSON.stringify(text)}` : ` ${text}`;
  return { title, edits: [{ range: { start: word.range.end, end: word.range.end }, newText }] };
}

/**
 * hadolint's reading of single-dash clusters: `-qO-` holds q and O. Letters are read up to the
 * first non-letter, so a value glued to the flag (`-O/tmp/out`) is not taken for flags.
 */
export function hasShortFlag(command: ShellCommand, ...letters: string[]): boolean {
  for (const arg of command.args) {
    if (arg.value === '--') return false;
    const cluster = /^-([A-Z]+)/i.exec(arg.value);
    if (cluster && !arg.value.startsWith('--') && letters.some((l) => cluster[1].includes(l))) return true;
  }
  return false;
}

/**
 * A fix that runs `followUp` right after `command` (`… && yum clean all`), offered only when that
 * keeps the script's meaning: the command ends the script or is followed by `&&`, `;` or a
 * newline, and it is a shell-form script (an exec-form RUN has no shell to chain with).
 */
export function chainAfter(script: ShellScript, command: ShellCommand, followUp: string, title: string): Fix | undefined {
  if (script.form !== 'shell' || command.words.length === 0) return undefined;
  if (!['', '&&', ';', '\n'].includes(command.after)) return undefined;
  if (command.before === '|' || command.before === '|&') return undefined;
  const end = commandRange(command).end;
  return { title, edits: [{ range: { start: end, end }, newText: ` && ${followUp}` }] };
}

/** Index of the first command matching `predicate`, or -1. */
export function findCommandIndex(script: ShellScript, predicate: (c: ShellCommand) => boolean): number {
  return script.commands.findIndex(predicate);
}

/** The instruction's flags as text (`--mount=…`), for comparing RUN flags. */
export function flagsText(instruction: Instruction): string {
  const withFlags = instruction as Instruction & { getFlags?: () => { toString(): string }[] };
  return (withFlags.getFlags?.() ?? []).map((f) => f.toString()).sort().join(' ');
}

/** Removes one pair of surrounding quotes, as hadolint's dropQuotes does. */
export function dropQuotes(value: string): string {
  return value.replace(/^(["'])(.*)\1$/s, '$2');
}

/**
 * The `--from` flag of a COPY. dockerfile-ast's getFromFlag() only finds it when it is the sole
 * flag, so `COPY --chown=0:0 --from=build …` needs this.
 */
export function fromFlag(copy: Instruction): { getValue(): string | null } | undefined {
  const withFlags = copy as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  return (withFlags.getFlags?.() ?? []).find((f) => f.getName() === 'from');
}

/**
 * The FROM's image name (variables resolved, no tag or digest). getImageName() resolves build
 * arguments through the whole document; syntax/parse.ts memoizes it per document, which is the
 * only safe scope now that unchanged instructions are reused from one lint to the next.
 */
export function imageOf(from: From): string {
  return from.getImageName() ?? '';
}
