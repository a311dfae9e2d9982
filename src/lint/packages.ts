// Helpers shared by the package-manager and shell-command rules (yum, dnf, zypper, pip, yarn,
// go, wget, useradd …). They express hadolint's matching vocabulary — "the command is X and one
// of its arguments is Y", "one of these flags is present" — on top of src/lint/shell.ts, and
// build the insert-text fixes those rules offer.
import { Onbuild, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { runScripts, type RunScript, type ShellCommand, type ShellScript, type ShellWord } from './shell';
import type { Fix, Range, RuleContext } from './rule';
import { slot } from './slot';

/**
 * The RUN scripts a rule looks at. hadolint wraps only some rules with its ONBUILD variant, so
 * rules say whether `ONBUILD RUN` triggers count for them.
 */
export function runsOf(context: RuleContext, includeOnbuild: boolean): RunScript[] {
  const runs = runScripts(context.dockerfile, context.text);
  return includeOnbuild ? runs : runs.filter((r) => !r.onbuild);
}

/**
 * The instructions of the file as hadolint's two passes of a rule with an ONBUILD variant see
 * them: `main` holds the top-level instructions (an ONBUILD is none of the kinds such a rule
 * looks at), `onbuild` the ONBUILD triggers alone, checked with a state of their own that no
 * FROM ever resets (Rule.hs `onbuild`).
 */
export function instructionPasses(dockerfile: Dockerfile): { main: Instruction[]; onbuild: Instruction[] } {
  const main: Instruction[] = [];
  const onbuild: Instruction[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof Onbuild) {
      const trigger = instruction.getTriggerInstruction();
      if (trigger) onbuild.push(trigger);
    } else main.push(instruction);
  }
  return { main, onbuild };
}

/**
 * Looks up the parsed script of a RUN (or of an ONBUILD's RUN trigger, which dockerfile-ast
 * re-creates on every call) by where it starts, reusing runScripts' per-document parse.
 */
export function scriptLookup(context: RuleContext): (run: Instruction) => ShellScript | undefined {
  const find = runLookup(context);
  return (run) => find(run)?.script;
}

/** As scriptLookup, the RUN's RunScript (for rules that read only what does not move: RunScript.parsed). */
export function runLookup(context: RuleContext): (run: Instruction) => RunScript | undefined {
  const scripts = runScripts(context.dockerfile, context.text);
  // runScripts answers every rule with the same list for a document: one map for them all.
  let byStart = scriptsByStart.get(scripts);
  if (!byStart) {
    byStart = new Map(scripts.map((r) => [startKey(r.instruction), r]));
    scriptsByStart.set(scripts, byStart);
  }
  const found = byStart;
  return (run) => found.get(startKey(run));
}

const scriptsByStart = slot<RunScript[], Map<string, RunScript>>('scriptsByStart');
const startKey = (i: Instruction) => `${i.getRange().start.line}:${i.getRange().start.character}`;

/**
 * Some RUN of the document (ONBUILD RUNs included) runs a command named as `matches` accepts:
 * a rule about one tool stops here on the many files that never call it.
 */
export function runsCommand(context: Pick<RuleContext, 'dockerfile' | 'text'>, matches: readonly string[] | ((name: string) => boolean)): boolean {
  const names = commandNamesOf(runScripts(context.dockerfile, context.text));
  if (typeof matches !== 'function') {
    for (const name of matches) if (names.has(name)) return true;
    return false;
  }
  for (const name of names) if (matches(name)) return true;
  return false;
}

/** The command words of the scripts, as written (names do not move with the RUN: RunScript.parsed). */
function commandNamesOf(scripts: RunScript[]): ReadonlySet<string> {
  let names = namesOfScripts.get(scripts);
  if (!names) {
    names = new Set();
    for (const run of scripts) for (const command of run.parsed.commands) if (command.name) names.add(command.name.value);
    namesOfScripts.set(scripts, names);
  }
  return names;
}

// runScripts answers every rule with the same list for a document: one set of names for them all.
const namesOfScripts = slot<RunScript[], Set<string>>('commandNames');

/** The command is one of `names` (as written, see isCommand) and any of its arguments is one of `args`. */
export function cmdHasArgs(command: ShellCommand, names: readonly string[], args: readonly string[]): boolean {
  return isCommand(command, names) && command.args.some((a) => args.includes(a.value));
}

/**
 * The command word is one of `names`. As in hadolint (Shell.hs cmdHasArgs, usingProgram), the word
 * as written: `/usr/bin/wget` is not `wget` there, and a finding hadolint does not make is none.
 */
export function isCommand(command: ShellCommand, names: readonly string[]): boolean {
  return command.name !== undefined && names.includes(command.name.value);
}

/** The first argument of `command` equal to one of `args`. */
export function argNamed(command: ShellCommand, args: readonly string[]): ShellWord | undefined {
  return command.args.find((a) => args.includes(a.value));
}

/**
 * The flags of a command as hadolint reads them (Shell.getAllFlags): `--name=value` is the flag
 * `name`; every character after a single dash is a flag of its own (`-qy` holds q and y, and
 * `-nv` n and v); `-` and `--` are no flags. Each flag keeps the index of the argument it is in.
 */
export function flagsOf(command: ShellCommand): { name: string; arg: number }[] {
  let flags = flagsOfCommand.get(command);
  if (flags) return flags;
  flags = [];
  for (const [arg, { value }] of command.args.entries()) {
    if (value === '-' || value === '--' || !value.startsWith('-')) continue;
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      flags.push({ name: value.slice(2, eq < 0 ? undefined : eq), arg });
    } else for (const ch of value.slice(1)) flags.push({ name: ch, arg });
  }
  flagsOfCommand.set(command, flags);
  return flags;
}

const flagsOfCommand = slot<ShellCommand, { name: string; arg: number }[]>('flagsOfCommand');

/** hadolint's hasAnyFlag: one of the flags (names without dashes, read as flagsOf does) is given. */
export function hasAnyFlag(command: ShellCommand, ...names: string[]): boolean {
  return flagsOf(command).some((f) => names.includes(f.name));
}

/** hadolint's countFlag: how many times the flag `name` is given (`-qq` gives q twice). */
export function countFlag(command: ShellCommand, name: string): number {
  return flagsOf(command).filter((f) => f.name === name).length;
}

/**
 * hadolint's getArgsNoFlags after dropFlagArg: the arguments that hold no flag, less the value
 * word of each flag in `valueFlags` (names without dashes) that has no inline `=value`. The value
 * is the argument right after the flag's own.
 */
export function argsWithoutFlags(command: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  const flags = flagsOf(command);
  const flagArgs = new Set(flags.map((f) => f.arg));
  const dropped = new Set<number>();
  for (const f of flags) {
    if (valueFlags.includes(f.name) && !command.args[f.arg].value.includes('=')) dropped.add(f.arg + 1);
  }
  return command.args.filter((_, i) => !flagArgs.has(i) && !dropped.has(i));
}

/**
 * hadolint's hasCacheOrTmpfsMountWith: the RUN has a `--mount=type=cache` or `type=tmpfs` whose
 * target contains `fragment` (`/var/cache/apk`, `.cache/pip`).
 */
export function hasCacheMountWith(run: Instruction, fragment: string): boolean {
  return mountsOf(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target.includes(fragment));
}

/** The `--mount` flags of a RUN, read as BuildKit reads them (`type` defaults to bind). */
export function mountsOf(run: Instruction): { type: string; target: string; from?: string }[] {
  const withFlags = run as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const mounts: { type: string; target: string; from?: string }[] = [];
  for (const flag of withFlags.getFlags?.() ?? []) {
    if (flag.getName() !== 'mount') continue;
    const mount: { type: string; target: string; from?: string } = { type: 'bind', target: '' };
    for (const field of (flag.getValue() ?? '').split(',')) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : dropQuotes(field.slice(eq + 1).trim());
      if (key === 'type') mount.type = value.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') mount.target = value;
      else if (key === 'from') mount.from = value;
    }
    mounts.push(mount);
  }
  return mounts;
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

/** The instruction's flags as text (`--mount=…`), for comparing RUN flags. */
export function flagsText(instruction: Instruction): string {
  // Its own text only: kept with the instance, which syntax/parse.ts reuses while that is unchanged.
  let text = flagsTexts.get(instruction);
  if (text === undefined) {
    const withFlags = instruction as Instruction & { getFlags?: () => { toString(): string }[] };
    text = (withFlags.getFlags?.() ?? []).map((f) => f.toString()).sort().join(' ');
    flagsTexts.set(instruction, text);
  }
  return text;
}

const flagsTexts = slot<Instruction, string>('flagsText');

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

/**
 * An image reference read as hadolint's Dockerfile parser reads a FROM (language-docker): a
 * registry only when the text has a `.` before its first `/` after it (`localhost:5000/app` has
 * none: it is the image `localhost` with the tag `5000/app`), then the name up to `:` or `@`.
 */
export function hadolintImage(reference: string): { registry?: string; name: string; tag?: string; digest?: string } {
  let rest = reference;
  let registry: string | undefined;
  const dot = rest.indexOf('.');
  const slash = dot > 0 ? rest.indexOf('/', dot + 2) : -1;
  if (slash > 0) { registry = rest.slice(0, slash); rest = rest.slice(slash + 1); }
  const at = rest.indexOf('@');
  const digest = at >= 0 ? rest.slice(at + 1) : undefined;
  if (at >= 0) rest = rest.slice(0, at);
  const colon = rest.indexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const name = colon >= 0 ? rest.slice(0, colon) : rest;
  // Only the parts present, in this order (several rules read every FROM this way: no spreads).
  const image: { registry?: string; name: string; tag?: string; digest?: string } = registry !== undefined ? { registry, name } : { name };
  if (tag !== undefined) image.tag = tag;
  if (digest !== undefined) image.digest = digest;
  return image;
}

/** A FROM as hadolint compares base images: the same platform, image, tag, digest and alias. */
export function fromKey(from: From): string {
  return ownTextOf(from).key;
}

/** The image name of a FROM as hadolint reads it (no registry, tag or digest; variables kept). */
export function fromImageName(from: From): string {
  return ownTextOf(from).imageName;
}

/**
 * Both read only the FROM's own text, so they are kept with the instance, which syntax/parse.ts
 * reuses while that text and its place are unchanged: the stage rules ask for them on every
 * FROM at every lint.
 */
const readingsOfFrom = slot<From, { key: string; imageName: string }>('fromReading');
function ownTextOf(from: From): { key: string; imageName: string } {
  let known = readingsOfFrom.get(from);
  if (!known) {
    const platform = from.getFlags().find((f) => f.getName() === 'platform')?.getValue() ?? '';
    const image = from.getArguments()[0]?.getValue() ?? '';
    known = { key: `${platform}\u0000${image}\u0000${from.getBuildStage() ?? ''}`, imageName: hadolintImage(image).name };
    readingsOfFrom.set(from, known);
  }
  return known;
}

/**
 * hadolint's clean-up order test (DL3032, DL3036, DL3040): the RUN passes when it has no install,
 * or when its first clean-up comes after its first install. Returns that first install when the
 * RUN fails (a clean-up before the install, and none, both fail: hadolint compares first
 * occurrences only).
 */
export function installWithoutCleanAfter(script: ShellScript, isInstall: (c: ShellCommand) => boolean, isClean: (c: ShellCommand) => boolean): ShellCommand | undefined {
  const install = script.commands.findIndex(isInstall);
  if (install < 0) return undefined;
  const clean = script.commands.findIndex(isClean);
  return clean > install ? undefined : script.commands[install];
}

/**
 * The variables a version may come from in hadolint's DL3033/DL3041: the ENV names of the current
 * stage (a stage built FROM an earlier stage's name starts with that stage's) and every ARG seen
 * so far, in any stage.
 */
export class VersionVariables {
  private readonly args = new Set<string>();
  /** The first stage of each name; a stage starts with its parent's ENV names (shared until it adds one). */
  private readonly byAlias = new Map<string, { envs: Set<string> }>();
  private current: { envs: Set<string>; shared: boolean } | undefined;

  see(instruction: Instruction): void {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as From;
      const parent = this.byAlias.get(fromImageName(from));
      this.current = parent ? { envs: parent.envs, shared: true } : { envs: new Set(), shared: false };
      const alias = from.getBuildStage() ?? '';
      if (!this.byAlias.has(alias)) this.byAlias.set(alias, this.current);
    } else if (keyword === 'ENV' || keyword === 'ARG') {
      const names = (instruction as Instruction & { getProperties(): { getName(): string }[] }).getProperties().map((p) => p.getName());
      if (keyword === 'ARG') for (const name of names) this.args.add(name);
      else {
        this.current ??= { envs: new Set(), shared: false };
        if (this.current.shared) this.current = Object.assign(this.current, { envs: new Set(this.current.envs), shared: false });
        for (const name of names) this.current.envs.add(name);
      }
    }
  }

  /** A variable of the word (`$NAME` or `${NAME}`, as hadolint reads both) is defined. */
  defines(word: string): boolean {
    const envs = this.current?.envs;
    for (const m of word.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)) {
      const name = m[1] ?? m[2];
      if (this.args.has(name) || envs?.has(name)) return true;
    }
    return false;
  }
}

/**
 * hadolint's rpm version test (DL3033, DL3041): a dash, then a local .rpm file, or a variable
 * defined as an ARG or ENV, or dash-separated parts of version characters with one starting
 * with a digit (`httpd-2.4.6`, `python3-pip-23.2.1-4.fc40`).
 */
export function rpmVersionPinned(pkg: string, variables: VersionVariables): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return variables.defines(pkg);
  const rest = parts.slice(1);
  return rest.every((p) => /^[\w.~^:+]*$/.test(p)) && rest.some((p) => /^\d/.test(p));
}

/**
 * hadolint's stage filter for DL3009 and DL3060: of the findings `visit` makes on top-level
 * instructions, those in the last stage (a FROM equal to the last one) and those in a stage whose
 * name some FROM uses as its image (before or after it) are kept; the others are in build stages
 * whose files do not reach the image.
 */
export function findingsInKeptStages<T>(instructions: readonly Instruction[], visit: (instruction: Instruction) => T | undefined): T[] {
  const found: { from: string; alias?: string; finding: T }[] = [];
  const images = new Set<string>();
  let current: { key: string; alias?: string } = { key: '' };
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      current = { key: fromKey(from), alias: from.getBuildStage() ?? undefined };
      images.add(fromImageName(from));
      continue;
    }
    const finding = visit(instruction);
    if (finding !== undefined) found.push({ from: current.key, alias: current.alias, finding });
  }
  return found.filter((f) => f.from === current.key || (f.alias !== undefined && images.has(f.alias))).map((f) => f.finding);
}
