// The text edits behind the "ignore" quick fixes (src/ui/lint/codeActions.ts): `# hadolint
// ignore=CODE` above the instruction, `# hadolint global ignore=CODE` after the parser directives,
// and BuildKit's own `# check=skip=Name` directive for BuildKit checks (the form `docker build`
// itself honours). An existing pragma is extended rather than duplicated. What counts as a pragma
// is pragmas.ts's grammar, the one the linter reads with.
import { DockerfileParser } from 'dockerfile-ast';
import { parseDirective, parseHadolintPragma } from './pragmas';

export interface PragmaEdit {
  /** Zero-based line and character where `deleteCount` characters are replaced by `text`. */
  line: number;
  character: number;
  deleteCount: number;
  text: string;
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/** Where a code list ends and what to write there: `,CODE` after existing codes, `CODE` after none. */
function extendList(valueStart: number, rest: string, code: string, line: number): PragmaEdit | undefined {
  // Each repetition of the list pattern must consume a comma, so it matches in one pass.
  const codes = /^[A-Z0-9]+(?:[ \t]*,[ \t]*[A-Z0-9]+)*/i.exec(rest);
  const listed = codes ? codes[0].split(',').map((c) => c.trim()) : [];
  if (listed.includes(code)) return undefined;
  const at = valueStart + (codes ? codes[0].length : 0);
  return { line, character: at, deleteCount: 0, text: codes ? `,${code}` : code };
}

/**
 * `# hadolint ignore=CODE` for the instruction holding `findingLine`: merged into an ignore
 * comment already above that instruction, else a new comment line with the instruction's
 * indentation. Undefined when no instruction holds or follows the line, or the code is listed.
 */
export function ignoreOnLineEdit(text: string, findingLine: number, code: string, eol = '\n'): PragmaEdit | undefined {
  const lines = splitLines(text);
  const instructions = DockerfileParser.parse(text).getInstructions().map((i) => i.getRange());
  let index = instructions.findIndex((r) => r.start.line <= findingLine && findingLine <= r.end.line);
  if (index < 0) index = instructions.findIndex((r) => r.start.line > findingLine);
  if (index < 0) return undefined;
  const start = instructions[index].start.line;
  const previousEnd = index > 0 ? instructions[index - 1].end.line : -1;
  // Every comment between the previous instruction and this one applies to this one (pragmas.ts).
  for (let line = start - 1; line > previousEnd; line--) {
    const pragma = parseHadolintPragma(lines[line] ?? '');
    if (pragma?.kind === 'ignore') return extendList(pragma.valueStart, pragma.value, code, line);
  }
  const indent = /^[ \t]*/.exec(lines[start] ?? '')?.[0] ?? '';
  return { line: start, character: 0, deleteCount: 0, text: `${indent}# hadolint ignore=${code}${eol}` };
}

/** The leading parser-directive block: its line count (where a new comment may go). */
function directiveCount(lines: readonly string[]): number {
  let count = 0;
  while (count < lines.length && parseDirective(lines[count].replace(/^\uFEFF/, ''))) count++;
  return count;
}

/** `# hadolint global ignore=CODE`: merged into an existing one, else after the parser directives. */
export function ignoreInFileEdit(text: string, code: string, eol = '\n'): PragmaEdit | undefined {
  const lines = splitLines(text);
  for (let line = 0; line < lines.length; line++) {
    const pragma = parseHadolintPragma(lines[line]);
    if (pragma?.kind === 'global ignore') return extendList(pragma.valueStart, pragma.value, code, line);
  }
  return { line: directiveCount(lines), character: 0, deleteCount: 0, text: `# hadolint global ignore=${code}${eol}` };
}

/**
 * BuildKit's `# check=skip=Name`: the name is added to an existing check directive's skip list
 * (or a skip list is added to it), else a new directive ends the directive block.
 */
export function skipCheckEdit(text: string, name: string, eol = '\n'): PragmaEdit | undefined {
  const lines = splitLines(text);
  const count = directiveCount(lines);
  for (let line = 0; line < count; line++) {
    const raw = lines[line];
    const bom = raw.startsWith('\uFEFF') ? 1 : 0;
    const directive = parseDirective(raw.slice(bom));
    if (!directive || directive.name.toLowerCase() !== 'check') continue;
    const valueStart = bom + directive.valueStart;
    // Tried only at the start and after each `;`, which the match cannot cross: one pass.
    const skip = /(^|;)([ \t]*skip[ \t]*=[ \t]*)([^;]*)/i.exec(directive.value);
    if (!skip) return { line, character: valueStart, deleteCount: 0, text: `skip=${name};` };
    const listed = skip[3].split(',').map((c) => c.trim());
    if (listed.includes(name) || listed.some((c) => c.toLowerCase() === 'all')) return undefined;
    const listEnd = valueStart + skip.index + skip[1].length + skip[2].length + skip[3].trimEnd().length;
    return { line, character: listEnd, deleteCount: 0, text: skip[3].trim() === '' ? name : `,${name}` };
  }
  return { line: count, character: 0, deleteCount: 0, text: `# check=skip=${name}${eol}` };
}

/** Applies one edit to text (for tests and previews). */
export function applyPragmaEdit(text: string, edit: PragmaEdit): string {
  let offset = 0;
  for (let line = 0; line < edit.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) { offset = text.length; break; }
    offset = next + 1;
  }
  offset += edit.character;
  return text.slice(0, offset) + edit.text + text.slice(offset + edit.deleteCount);
}
