// Inline configuration written in the Dockerfile itself: hadolint's `# hadolint ignore=…`,
// `# hadolint global ignore=…` and `# hadolint shell=…` comments, and BuildKit's
// `# check=skip=…;error=true` parser directive. Read once per lint, applied after the rules ran.
import type { Dockerfile } from 'dockerfile-ast';

export interface IgnoreSpan {
  /** Zero-based lines of the instruction the pragma precedes (inclusive). */
  startLine: number;
  endLine: number;
  codes: Set<string>;
}

export interface Pragmas {
  lineIgnores: IgnoreSpan[];
  globalIgnores: Set<string>;
  /** BuildKit checks to skip; 'all' skips every BuildKit check. */
  checkSkip: Set<string> | 'all';
  /** `# check=error=true`: BuildKit check warnings fail the build. */
  checkError: boolean;
  /** `# check=experimental=Name,…|all`: the experimental BuildKit checks to run (none when absent). */
  checkExperimental?: Set<string> | 'all';
  /** `# hadolint shell=pwsh`: the shell RUN scripts are written for. */
  shell?: string;
}

export function readPragmas(text: string, dockerfile: Dockerfile): Pragmas {
  const pragmas: Pragmas = { lineIgnores: [], globalIgnores: new Set(), checkSkip: new Set(), checkError: false };
  readDirectives(text, pragmas);

  const instructions = dockerfile.getInstructions();
  let next = 0;
  let pending: Set<string> | undefined;
  // A pragma on the first lines looks like a parser directive to dockerfile-ast (`# hadolint
  // ignore=…` has the `# key=value` shape), so both kinds of comment line are read.
  const commentLines = [...dockerfile.getComments(), ...dockerfile.getDirectives()].map((c) => c.getRange().start.line).sort((a, b) => a - b);
  const lines = text.split('\n');
  for (const line of commentLines) {
    const pragma = parseHadolintPragma((lines[line] ?? '').trim());
    if (!pragma) continue;
    if (pragma.kind === 'global ignore') { for (const code of codeList(pragma.value)) pragmas.globalIgnores.add(code); continue; }
    if (pragma.kind === 'shell') {
      const shell = pragma.value.split(/\s/, 1)[0];
      if (shell) pragmas.shell = shell;
      continue;
    }
    while (next < instructions.length && instructions[next].getRange().start.line <= line) next++;
    const target = instructions[next];
    if (!target) continue;
    const range = target.getRange();
    // Two ignore comments above the same instruction add up.
    const last = pragmas.lineIgnores[pragmas.lineIgnores.length - 1];
    if (last && last.startLine === range.start.line) pending = last.codes;
    else {
      pending = new Set();
      pragmas.lineIgnores.push({ startLine: range.start.line, endLine: range.end.line, codes: pending });
    }
    for (const code of codeList(pragma.value)) pending.add(code);
  }
  return pragmas;
}

/** Does an ignore pragma cover a finding of `code` starting on `line`? */
export function ignoredAt(pragmas: Pragmas, code: string, line: number): boolean {
  if (pragmas.globalIgnores.has(code)) return true;
  for (const span of pragmas.lineIgnores) {
    if (line >= span.startLine && line <= span.endLine && span.codes.has(code)) return true;
  }
  return false;
}

function readDirectives(text: string, pragmas: Pragmas): void {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Directives only appear before the first empty line, comment or instruction.
  for (let guard = 0; guard < 64 && offset < text.length; guard++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const line = text.slice(offset, end).replace(/\r$/, '');
    offset = end + 1;
    const directive = parseDirective(line);
    if (!directive) return;
    if (directive.name.toLowerCase() === 'check') applyCheckDirective(directive.value, pragmas);
  }
}

/** `skip=StageNameCasing,FromAsCasing;error=true` (BuildKit's syntax). */
export function applyCheckDirective(value: string, pragmas: Pick<Pragmas, 'checkSkip' | 'checkError' | 'checkExperimental'>): void {
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip') {
      const codes = val.split(',').map((c) => c.trim()).filter((c) => c !== '');
      if (codes.some((c) => c.toLowerCase() === 'all')) pragmas.checkSkip = 'all';
      else if (pragmas.checkSkip !== 'all') for (const code of codes) pragmas.checkSkip.add(code);
    } else if (key === 'error') {
      pragmas.checkError = val.toLowerCase() === 'true';
    } else if (key === 'experimental') {
      const names = val.split(',').map((c) => c.trim()).filter((c) => c !== '');
      if (names.includes('all')) pragmas.checkExperimental = 'all';
      else if (pragmas.checkExperimental !== 'all') {
        pragmas.checkExperimental ??= new Set();
        for (const name of names) pragmas.checkExperimental.add(name);
      }
    }
  }
}

/**
 * BuildKit's experimental checks: they run only when `# check=experimental=…` names them (or
 * says `all`), and `skip` does not apply to them (frontend/dockerfile/linter Linter.Run).
 */
export const experimentalChecks: ReadonlySet<string> = new Set(['InvalidDefinitionDescription']);

/** Whether the file's `# check=experimental=…` directive turns the experimental check `name` on. */
export function experimentalCheckEnabled(text: string, name: string): boolean {
  const pragmas: Pick<Pragmas, 'checkSkip' | 'checkError' | 'checkExperimental'> & Pragmas = { lineIgnores: [], globalIgnores: new Set(), checkSkip: new Set(), checkError: false };
  readDirectives(text, pragmas);
  const enabled = pragmas.checkExperimental;
  return enabled === 'all' || (enabled !== undefined && enabled.has(name));
}

// ---- The pragma grammar: read here and written by pragmaEdits.ts, one home for both ----
// Scanners rather than regular expressions: a line is a cloned repository's text, read as the user
// types, and each scanner runs in time linear in the line (issue 16: a backtracking directive
// pattern took seconds on one line of spaces).

/** `# name=value`, BuildKit's parser-directive shape; `value` has no trailing blanks. */
export interface DirectiveLine {
  name: string;
  value: string;
  /** Where the value starts in the line. */
  valueStart: number;
}

/** A line of the shape `#` [ \t]* name [ \t]* `=` [ \t]* value, name a letter then letters or digits. */
export function parseDirective(line: string): DirectiveLine | undefined {
  if (line[0] !== '#') return undefined;
  let i = skipBlanks(line, 1);
  const nameStart = i;
  if (!isLetter(line.charCodeAt(i))) return undefined;
  while (isLetter(line.charCodeAt(i)) || isDigit(line.charCodeAt(i))) i++;
  const name = line.slice(nameStart, i);
  i = skipBlanks(line, i);
  if (line[i] !== '=') return undefined;
  const valueStart = skipBlanks(line, i + 1);
  let end = line.length;
  while (end > valueStart && isBlank(line[end - 1])) end--;
  return { name, value: line.slice(valueStart, end), valueStart };
}

export type HadolintPragmaKind = 'ignore' | 'global ignore' | 'shell';

/** `# hadolint ignore=…`, `# hadolint global ignore=…` or `# hadolint shell=…`. */
export interface HadolintPragma {
  kind: HadolintPragmaKind;
  /** Where the `#` is. */
  hash: number;
  /** Everything after the `=` and the whitespace that follows it. */
  value: string;
  valueStart: number;
}

/** A hadolint pragma comment (leading whitespace allowed; keywords in any case). */
export function parseHadolintPragma(line: string): HadolintPragma | undefined {
  const hash = skipSpaces(line, 0);
  if (line[hash] !== '#') return undefined;
  let i = skipSpaces(line, hash + 1);
  if (!keywordAt(line, i, 'hadolint')) return undefined;
  i = spacesAfter(line, i + 'hadolint'.length);
  if (i < 0) return undefined;
  let kind: HadolintPragmaKind;
  if (keywordAt(line, i, 'global')) {
    i = spacesAfter(line, i + 'global'.length);
    if (i < 0 || !keywordAt(line, i, 'ignore')) return undefined;
    kind = 'global ignore';
    i += 'ignore'.length;
  } else if (keywordAt(line, i, 'ignore')) {
    kind = 'ignore';
    i += 'ignore'.length;
  } else if (keywordAt(line, i, 'shell')) {
    kind = 'shell';
    i += 'shell'.length;
  } else {
    return undefined;
  }
  i = skipSpaces(line, i);
  if (line[i] !== '=') return undefined;
  const valueStart = skipSpaces(line, i + 1);
  return { kind, hash, value: line.slice(valueStart), valueStart };
}

/** The codes of an ignore list: separated by commas and whitespace, each a letter then letters or digits. */
export function codeList(value: string): string[] {
  const codes: string[] = [];
  for (const part of value.split(',')) {
    for (const word of part.split(/\s/)) if (isCode(word)) codes.push(word);
  }
  return codes;
}

function isCode(word: string): boolean {
  if (!isLetter(word.charCodeAt(0))) return false;
  for (let i = 1; i < word.length; i++) if (!isLetter(word.charCodeAt(i)) && !isDigit(word.charCodeAt(i))) return false;
  return true;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
// One character against \s: JavaScript's whitespace, as the pragma patterns always allowed.
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function skipBlanks(line: string, from: number): number {
  let i = from;
  while (isBlank(line[i])) i++;
  return i;
}

function skipSpaces(line: string, from: number): number {
  let i = from;
  while (isSpace(line[i])) i++;
  return i;
}

/** After at least one whitespace character: where the next word starts, or -1 when there is none. */
function spacesAfter(line: string, from: number): number {
  const i = skipSpaces(line, from);
  return i > from ? i : -1;
}

function keywordAt(line: string, at: number, keyword: string): boolean {
  return line.slice(at, at + keyword.length).toLowerCase() === keyword;
}
