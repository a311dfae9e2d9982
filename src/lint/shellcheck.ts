// ShellCheck on RUN scripts, when a `shellcheck` binary is on PATH: one more rule (as in hadolint),
// run by the lint pipeline on the same parse as the others, its findings configured with theirs.
// It is asynchronous (a process), so it runs between analyze() and finish(). Each RUN (shell form, or the
// heredoc body that is its script) becomes one script with a map from script offsets back to
// document offsets, so findings land on the exact token in the Dockerfile even across
// continuation lines. All scripts of a document go to one shellcheck process (temporary files
// named by index); it is run with execFile — never through a shell — and with a deadline.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { From, Onbuild, Run, Shell, type Dockerfile } from 'dockerfile-ast';
import { analyze, finish, ruleSetIncludes, type Analysis, type LintOptions } from './lint';
import type { Finding, Fix, Severity } from './rule';
import { parseShell } from './shell';
import { joinContinuations, LineIndex, offsetAt, positionAt } from './syntax/text';
import { heredocsOf, jsonArray } from './syntax/builder';

export interface RunScript {
  /** The script as the shell receives it. */
  script: string;
  /** script offset → document offset (one entry per script character, plus its end). */
  offsets: number[];
  shell: string;
}

export interface ShellcheckOptions extends LintOptions {
  /** Path of the binary; default: `shellcheck` found on PATH. */
  shellcheckPath?: string;
  timeoutMs?: number;
}

const posixShells = new Set(['sh', 'bash', 'dash', 'ksh', 'ash', 'busybox']);
// Codes that misfire on Dockerfile RUN scripts: variables come from ARG/ENV (SC2154), sourced
// files are in the image, not beside the Dockerfile (SC1090/SC1091).
const excluded = ['SC1090', 'SC1091', 'SC2154'];

/**
 * ShellCheck's time and memory grow faster than the number of commands in a script (measured
 * with Debian's 0.9.0: an `&&` chain of 500 commands takes 0.9 s, 1,000 take 3 s and 430 MB,
 * 2,000 take 13 s and 2 GB, 4,000 take 6 GB), so a cloned repository could exhaust the machine
 * through it. Scripts past these budgets (commands as the RUN script reader counts them) are not
 * sent; a finding says so.
 */
export const MAX_SHELLCHECK_COMMANDS_PER_SCRIPT = 300;
export const MAX_SHELLCHECK_COMMANDS_PER_DOCUMENT = 2000;
/** Past this a script is not even read for its commands (300 long commands fit well within it). */
export const MAX_SHELLCHECK_SCRIPT_CHARS = 64 * 1024;
/** The code of the note on a RUN whose script ShellCheck was not given. */
export const SHELLCHECK_SKIPPED_CODE = 'WharfShellcheckSkipped';

/** Looks for an executable `shellcheck` on PATH without running a shell. */
export function findShellcheck(env: Record<string, string | undefined> = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'shellcheck.exe' : 'shellcheck');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** lint() plus ShellCheck findings (SCxxxx), configured together. */
export async function lintWithShellcheck(text: string, options: ShellcheckOptions = {}): Promise<Finding[]> {
  const analysis = analyze(text, options);
  const binary = options.shellcheckPath ?? findShellcheck();
  if (!binary || !ruleSetIncludes(options.ruleSet, 'shellcheck')) return finish(analysis, options);
  // ShellCheck is an extra: when it fails or times out the other findings still stand.
  const extra = await checkShellcheck(analysis, binary, options.timeoutMs).catch((): Finding[] => []);
  return finish(analysis, options, extra);
}

/** ShellCheck's findings only (configuration applied); [] when there is no binary. */
export async function shellcheckFindings(text: string, options: ShellcheckOptions = {}): Promise<Finding[]> {
  return (await lintWithShellcheck(text, options)).filter((finding) => finding.source === 'shellcheck');
}

/**
 * The rule: ShellCheck over the RUN scripts of an analysed Dockerfile (its parse and its
 * `# hadolint shell=` pragma), findings not yet configured. Rejects when the process fails.
 */
export async function checkShellcheck(analysis: Analysis, binary: string, timeoutMs = 10_000): Promise<Finding[]> {
  const { text, dockerfile } = analysis;
  if (!dockerfile) return [];
  const { scripts, skipped } = withinBudget(runScripts(text, dockerfile, analysis.pragmas?.shell));
  const notes = skipped.map(({ script, commands }) => skippedNote(text, script, commands));
  const raw = scripts.length > 0 ? await runShellcheck(binary, scripts, timeoutMs) : [];
  const lineIndexes = new Map<RunScript, LineIndex>();
  return [...notes, ...raw.flatMap((comment) => toFinding(text, scripts[comment.index], comment, lineIndexes) ?? [])];
}

/** The scripts ShellCheck is given, in document order, and those past the budgets. */
function withinBudget(all: RunScript[]): { scripts: RunScript[]; skipped: { script: RunScript; commands: number }[] } {
  const scripts: RunScript[] = [];
  const skipped: { script: RunScript; commands: number }[] = [];
  let total = 0;
  for (const script of all) {
    const commands = script.script.length > MAX_SHELLCHECK_SCRIPT_CHARS ? Infinity : parseShell(script.script).commands.length;
    if (commands > MAX_SHELLCHECK_COMMANDS_PER_SCRIPT || total + commands > MAX_SHELLCHECK_COMMANDS_PER_DOCUMENT) {
      skipped.push({ script, commands });
      continue;
    }
    total += commands;
    scripts.push(script);
  }
  return { scripts, skipped };
}

function skippedNote(text: string, script: RunScript, commands: number): Finding {
  const start = script.offsets[0];
  const lineEnd = text.indexOf('\n', start);
  const end = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const why = commands === Infinity
    ? `it is longer than ${MAX_SHELLCHECK_SCRIPT_CHARS / 1024} KiB`
    : commands > MAX_SHELLCHECK_COMMANDS_PER_SCRIPT
    ? `it has ${commands} commands, more than ${MAX_SHELLCHECK_COMMANDS_PER_SCRIPT}`
    : `the file's RUN scripts have more than ${MAX_SHELLCHECK_COMMANDS_PER_DOCUMENT} commands together`;
  return {
    code: SHELLCHECK_SKIPPED_CODE,
    severity: 'info',
    source: 'shellcheck',
    message: `ShellCheck was not run on this script: ${why} (its time and memory grow too fast beyond that)`,
    range: { start: positionAt(text, start), end: positionAt(text, Math.max(start, end)) },
    fixes: [],
  };
}

/** The RUN scripts of a document with their shell, skipping exec form and non-POSIX shells. */
export function runScripts(text: string, dockerfile: Dockerfile, shellPragma?: string): RunScript[] {
  const escape = dockerfile.getEscapeCharacter();
  const result: RunScript[] = [];
  let shell = 'sh';
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) shell = 'sh';
    if (instruction instanceof Shell) {
      const args = jsonArray(instruction.getRawArgumentsContent());
      if (args && args.length > 0) shell = baseShell(args[0]);
    }
    const run = instruction instanceof Run ? instruction : instruction instanceof Onbuild ? instruction.getTriggerInstruction() : null;
    if (!(run instanceof Run)) continue;
    const effective = shellPragma ? baseShell(shellPragma) : shell;
    if (!posixShells.has(effective)) continue;
    const script = scriptOf(text, run, escape);
    if (script && script.script.trim() !== '') result.push({ ...script, shell: effective === 'busybox' || effective === 'ash' ? 'sh' : effective });
  }
  return result;
}

function baseShell(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name.replace(/\.exe$/, '');
}

function scriptOf(text: string, run: Run, escape: string): Omit<RunScript, 'shell'> | undefined {
  const argsRange = run.getArgumentsRange();
  if (!argsRange) return undefined;
  const start = offsetAt(text, skipFlags(run) ?? argsRange.start);
  const end = offsetAt(text, run.getRange().end);
  if (jsonArray(text.slice(start, end))) return undefined;
  const heredocs = heredocsOf(run);
  if (heredocs.length > 0) {
    const firstLineEnd = text.indexOf('\n', start);
    const firstLine = text.slice(start, firstLineEnd < 0 ? end : firstLineEnd);
    // `RUN <<EOF` alone: the body is the script. Otherwise the command line and its heredocs
    // are one shell script, exactly as the builder hands it to `sh -c`.
    if (/^\s*<<-?\s*["']?[\w.-]+["']?\s*$/.test(firstLine)) {
      const body = heredocs[0].getContentRange();
      if (!body) return undefined;
      const from = offsetAt(text, body.start);
      const to = offsetAt(text, body.end);
      const script = text.slice(from, to);
      if (/^#!/.test(script) && !/^#!\S*\b(?:sh|bash|dash|ksh|ash)\b/.test(script.split('\n', 1)[0])) return undefined;
      return { script, offsets: identity(from, to) };
    }
    return { script: text.slice(start, end).replace(/\r\n/g, '\n'), offsets: crlfAware(text, start, end) };
  }
  const joined = joinContinuations(text, start, end, escape);
  return { script: joined.text, offsets: joined.offsets };
}

/** Where the script starts after RUN's `--mount=…` flags. */
function skipFlags(run: Run): { line: number; character: number } | undefined {
  const args = run.getArguments();
  const flags = run.getFlags();
  if (flags.length === 0) return undefined;
  const lastFlagEnd = flags[flags.length - 1].getRange().end;
  const next = args.find((a) => a.getRange().start.line > lastFlagEnd.line || (a.getRange().start.line === lastFlagEnd.line && a.getRange().start.character >= lastFlagEnd.character));
  return next?.getRange().start;
}

function identity(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function crlfAware(text: string, from: number, to: number): number[] {
  const offsets: number[] = [];
  for (let i = from; i < to; i++) if (!(text[i] === '\r' && text[i + 1] === '\n')) offsets.push(i);
  offsets.push(to);
  return offsets;
}

interface ShellcheckComment {
  index: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix: { replacements: { line: number; column: number; endLine: number; endColumn: number; replacement: string }[] } | null;
}

async function runShellcheck(binary: string, scripts: RunScript[], timeoutMs: number): Promise<ShellcheckComment[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-sc-'));
  try {
    // One process for every script of the document; the shell differs per file, so files
    // are grouped by shell (nearly always a single group).
    const byShell = new Map<string, number[]>();
    scripts.forEach((s, index) => {
      writeFileSync(join(dir, `${index}.sh`), s.script);
      byShell.set(s.shell, [...(byShell.get(s.shell) ?? []), index]);
    });
    const results = await Promise.all([...byShell].map(([shell, indexes]) => runOnce(binary, dir, shell, indexes, timeoutMs)));
    return results.flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runOnce(binary: string, dir: string, shell: string, indexes: number[], timeoutMs: number): Promise<ShellcheckComment[]> {
  const args = ['--format=json1', `--shell=${shell}`, `--exclude=${excluded.join(',')}`, ...indexes.map((i) => `${i}.sh`)];
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd: dir, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      // shellcheck exits 1 when it found something; only a missing/killed process is a failure.
      if (error && (error.killed || typeof error.code !== 'number')) { reject(error); return; }
      try {
        const parsed = JSON.parse(stdout) as { comments: (Omit<ShellcheckComment, 'index'> & { file: string })[] };
        resolve(parsed.comments.map((c) => ({ ...c, index: Number.parseInt(c.file, 10) })).filter((c) => Number.isInteger(c.index)));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}

function toFinding(text: string, script: RunScript | undefined, comment: ShellcheckComment, lineIndexes: Map<RunScript, LineIndex>): Finding | undefined {
  if (!script) return undefined;
  // One index per script, not per comment: a long script with many comments was quadratic.
  let lines = lineIndexes.get(script);
  if (!lines) { lines = new LineIndex(script.script); lineIndexes.set(script, lines); }
  const toDocument = (line: number, column: number, isEnd: boolean): number => {
    const scriptOffset = lines.offsetAt({ line: line - 1, character: column - 1 });
    if (isEnd && scriptOffset > 0) return script.offsets[scriptOffset - 1] + 1;
    return script.offsets[scriptOffset];
  };
  const start = toDocument(comment.line, comment.column, false);
  const end = Math.max(start, toDocument(comment.endLine, comment.endColumn, true));
  const code = `SC${comment.code}`;
  const fixes: Fix[] = [];
  if (comment.fix && comment.fix.replacements.length > 0) {
    fixes.push({
      title: `Apply ShellCheck's fix for ${code}`,
      edits: comment.fix.replacements.map((r) => {
        const from = toDocument(r.line, r.column, false);
        const to = r.endColumn === r.column && r.endLine === r.line ? from : toDocument(r.endLine, r.endColumn, true);
        return { range: { start: positionAt(text, from), end: positionAt(text, to) }, newText: r.replacement };
      }),
    });
  }
  return {
    code,
    severity: toSeverity(comment.level),
    source: 'shellcheck',
    message: comment.message,
    range: { start: positionAt(text, start), end: positionAt(text, end) },
    fixes,
  };
}

function toSeverity(level: string): Severity {
  return level === 'error' || level === 'warning' || level === 'info' || level === 'style' ? level : 'info';
}

