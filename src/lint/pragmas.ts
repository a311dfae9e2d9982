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
  /** `# hadolint shell=pwsh`: the shell RUN scripts are written for. */
  shell?: string;
}

const ignorePragma = /^#\s*hadolint\s+ignore\s*=\s*(.*)$/i;
const globalPragma = /^#\s*hadolint\s+global\s+ignore\s*=\s*(.*)$/i;
const shellPragma = /^#\s*hadolint\s+shell\s*=\s*(\S+)/i;
// BuildKit's parser directive shape: `# name=value` in the leading comment block.
const directive = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

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
    const content = (lines[line] ?? '').trim();
    const global = globalPragma.exec(content);
    if (global) { for (const code of codeList(global[1])) pragmas.globalIgnores.add(code); continue; }
    const shell = shellPragma.exec(content);
    if (shell) { pragmas.shell = shell[1]; continue; }
    const ignore = ignorePragma.exec(content);
    if (!ignore) continue;
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
    for (const code of codeList(ignore[1])) pending.add(code);
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
    const match = directive.exec(line);
    if (!match) return;
    if (match[1].toLowerCase() === 'check') applyCheckDirective(match[2], pragmas);
  }
}

/** `skip=StageNameCasing,FromAsCasing;error=true` (BuildKit's syntax). */
export function applyCheckDirective(value: string, pragmas: Pick<Pragmas, 'checkSkip' | 'checkError'>): void {
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
    }
  }
}

function codeList(value: string): string[] {
  return value.split(/[,\s]+/).map((c) => c.trim()).filter((c) => /^[A-Za-z][A-Za-z0-9]*$/.test(c));
}
