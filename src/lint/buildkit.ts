// Helpers shared by the BuildKit build-check rules (src/lint/rules/<CheckName>.ts): stages as
// BuildKit sees them, the variables it expands itself, and the predefined build arguments.
import { Arg, Copy, Env, From, Instruction, Property, Run, type Dockerfile } from 'dockerfile-ast';
import type { Range } from './rule';
import { heredocsOf } from './syntax/builder';
import { offsetAt, positionAt } from './syntax/text';
import { slot } from './slot';

export interface Stage {
  from: From;
  /** Lowercased stage name (BuildKit compares stage names case-insensitively), if any. */
  name?: string;
  /** The instructions after FROM up to the next FROM. */
  instructions: Instruction[];
  /** Index of the stage this one is built FROM, when it names an earlier stage. */
  parent?: number;
}

/** Stages in order; instructions before the first FROM are the global scope (see globalArgs). */
export function stagesOf(dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  const byName = new Map<string, number>();
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      // getArguments, not getImageName/getImageTag: those resolve ARGs through the whole document
      // and cost milliseconds per FROM on large files. A stage reference is a bare name anyway.
      const image = instruction.getArguments()[0]?.getValue().toLowerCase();
      const parent = image !== undefined ? byName.get(image) : undefined;
      const name = instruction.getBuildStage()?.toLowerCase();
      stages.push({ from: instruction, name, instructions: [], parent });
      if (name && !byName.has(name)) byName.set(name, stages.length - 1);
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** The ARGs declared before the first FROM, name → default value (undefined when none). */
export function globalArgs(dockerfile: Dockerfile): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) break;
    if (!(instruction instanceof Arg)) continue;
    for (const property of instruction.getProperties()) {
      result.set(property.getName(), property.getAssignmentOperator() === null ? undefined : property.getValue() ?? '');
    }
  }
  return result;
}

/** Build arguments BuildKit defines in the global scope without any ARG (platform args). */
export const predefinedPlatformArgs = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

/** Proxy arguments BuildKit accepts without an ARG instruction. */
export const predefinedProxyArgs = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
];

/** Instructions whose arguments BuildKit expands itself (RUN/CMD/ENTRYPOINT are left to the shell). */
export const expandingKeywords = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

export interface ExpandedVariable {
  name: string;
  /** `$NAME` or the whole `${NAME…}`. */
  range: Range;
  /** `${NAME:-x}`, `${NAME+x}` and the like, which handle the unset case themselves. */
  hasModifier: boolean;
}

/**
 * The variables of an instruction that BuildKit really expands: not escaped, not inside single
 * quotes and not on comment lines of a continuation. Heredoc bodies count only for COPY with a
 * bare delimiter (`COPY <<EOF`), whose content the builder expands; RUN heredocs go to the
 * shell and quoted delimiters keep the content verbatim. A single pass over the instruction's
 * text: dockerfile-ast's getVariables() is far slower on large files, and this runs for most
 * instructions.
 */
export function expandedVariables(instruction: Instruction, text: string, escape = '\\'): ExpandedVariable[] {
  // The result holds positions only, read from the instruction's own text: it stays right for as
  // long as the instruction object lives (syntax/parse.ts reuses unchanged ones, at their place).
  const known = variablesOfInstruction.get(instruction);
  if (known && known.escape === escape) return known.variables;
  const variables = scanExpandedVariables(instruction, text, escape);
  variablesOfInstruction.set(instruction, { escape, variables });
  return variables;
}

const variablesOfInstruction = slot<Instruction, { escape: string; variables: ExpandedVariable[] }>('expandedVariables');

function scanExpandedVariables(instruction: Instruction, text: string, escape: string): ExpandedVariable[] {
  const skip: [number, number][] = [];
  const result: ExpandedVariable[] = [];
  if (instruction instanceof Run || instruction instanceof Copy) {
    for (const heredoc of heredocsOf(instruction)) {
      const content = heredoc.getContentRange();
      if (!content) continue;
      const from = offsetAt(text, content.start);
      const to = offsetAt(text, content.end);
      skip.push([from, to]);
      const quoted = /["']/.test(text[offsetAt(text, heredoc.getNameRange().start) - 1] ?? '');
      if (instruction instanceof Copy && !quoted) result.push(...heredocVariables(text, from, to, escape));
    }
  }
  const end = offsetAt(text, instruction.getRange().end);
  let singleQuoted = false;
  let doubleQuoted = false;
  for (let i = offsetAt(text, instruction.getRange().start); i < end; i++) {
    // Most instructions have no heredoc body to pass over: no search per character then.
    const skipped = skip.length === 0 ? undefined : skip.find(([from, to]) => i >= from && i < to);
    if (skipped) { i = skipped[1] - 1; continue; }
    const c = text[i];
    if (c === '\n') {
      // A comment line inside a continuation is dropped by the builder.
      commentLine.lastIndex = i + 1;
      const next = commentLine.exec(text);
      if (next) i += next[0].length;
      continue;
    }
    if (singleQuoted) { if (c === "'") singleQuoted = false; continue; }
    // An escaped character is literal; an escaped newline is a continuation, handled above.
    if (c === escape) { if (text[i + 1] !== '\n' && text[i + 1] !== '\r') i++; continue; }
    if (c === '"') { doubleQuoted = !doubleQuoted; continue; }
    if (c === "'" && !doubleQuoted) { singleQuoted = true; continue; }
    if (c !== '$') continue;
    const braced = text[i + 1] === '{';
    variableName.lastIndex = i + (braced ? 2 : 1);
    const name = variableName.exec(text)?.[0];
    if (!name) continue;
    let to = i + (braced ? 2 : 1) + name.length;
    let hasModifier = false;
    if (braced) {
      hasModifier = text[to] !== '}';
      const close = text.indexOf('}', to);
      to = close >= 0 && close < end ? close + 1 : to;
    }
    result.push({ name, range: { start: positionAt(text, i), end: positionAt(text, to) }, hasModifier });
    i = to - 1;
  }
  return result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const commentLine = /[ \t]*#[^\n]*/y;
const variableName = /[A-Z_]\w*/iy;

/**
 * Variables in a COPY heredoc body: file content, so quotes mean nothing, only the escape does.
 * `$NAME` or `${NAME…}` up to the next `}`; one pass, the next `}` looked up once for all the
 * `${` before it (a pattern retried from every `${` of an unclosed body was quadratic).
 */
function heredocVariables(text: string, from: number, to: number, escape: string): ExpandedVariable[] {
  const result: ExpandedVariable[] = [];
  let nextClose = -1; // where the next `}` is, once looked up
  for (let i = text.indexOf('$', from); i >= 0 && i < to; i = text.indexOf('$', i + 1)) {
    const braced = text[i + 1] === '{';
    const nameStart = i + (braced ? 2 : 1);
    variableName.lastIndex = nameStart;
    const name = variableName.exec(text)?.[0].slice(0, Math.max(0, to - nameStart));
    if (!name) continue;
    const nameEnd = nameStart + name.length;
    let end = nameEnd;
    if (braced) {
      if (nextClose !== Infinity && nextClose < nameEnd) {
        nextClose = text.indexOf('}', nameEnd);
        if (nextClose < 0) nextClose = Infinity;
      }
      if (nextClose >= to) continue;
      end = nextClose + 1;
    }
    // An escaped `$` is literal; the text it would have matched is passed over all the same.
    if (!(i > from && text[i - 1] === escape)) {
      result.push({ name, range: { start: positionAt(text, i), end: positionAt(text, end) }, hasModifier: braced && end - 1 > nameEnd });
    }
    i = end - 1;
  }
  return result;
}

/** Names an ARG or ENV instruction declares. */
export function declaredNames(instruction: Instruction): string[] {
  if (instruction instanceof Arg || instruction instanceof Env) return instruction.getProperties().map((p: Property) => p.getName());
  return [];
}

/** The largest edit distance a "did you mean" hint accepts. */
const MAX_SUGGESTION_DISTANCE = 2;

/** A close spelling among `candidates` (edit distance ≤ 2), for "did you mean" hints. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    // Lengths more than 2 apart are never within reach: skip before any string work.
    if (candidate === name || Math.abs(candidate.length - name.length) > MAX_SUGGESTION_DISTANCE) continue;
    const distance = boundedEditDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}

/**
 * Levenshtein distance when it is at most `limit`, else `limit + 1`. Only the diagonal band
 * |i - j| ≤ limit can hold such a distance, so the work is linear in the names' length (two
 * names of 50,000 characters took seconds with the whole table), and it stops at the first row
 * whose band is all above the limit.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  // previous[j] / current[j]: the distance between a[0, i) and b[0, j), or `over` outside the band.
  let previous = new Array<number>(b.length + 1).fill(over);
  let current = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from - 1 === 0 && i <= limit ? i : over;
    let rowMin = current[from - 1];
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(over, previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (to < b.length) current[to + 1] = over;
    if (rowMin > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], over);
}
