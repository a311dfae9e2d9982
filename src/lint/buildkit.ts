// Helpers shared by the BuildKit build-check rules (src/lint/rules/<CheckName>.ts): stages as
// BuildKit sees them, the variables it expands itself, and the predefined build arguments.
import { Arg, Copy, Env, From, Instruction, Property, Run, type Dockerfile, type Variable } from 'dockerfile-ast';
import type { Range } from './rule';

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
      const image = instruction.getImageName()?.toLowerCase();
      const parent = image !== undefined && byName.has(image) && instruction.getImageTag() === null ? byName.get(image) : undefined;
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

/**
 * The variables of an instruction that BuildKit really expands: not inside single quotes and not
 * inside a heredoc body (which the shell or the file content keeps verbatim).
 */
export function expandedVariables(instruction: Instruction, text: string): Variable[] {
  const heredocLines = new Set<number>();
  if (instruction instanceof Run || instruction instanceof Copy) {
    for (const heredoc of instruction.getHeredocs()) {
      const content = heredoc.getContentRange();
      if (content) for (let line = content.start.line; line <= content.end.line; line++) heredocLines.add(line);
    }
  }
  const start = offsetAt(text, instruction.getRange().start);
  return instruction.getVariables().filter((variable) => {
    const range = variable.getRange();
    if (heredocLines.has(range.start.line)) return false;
    return !insideSingleQuotes(text, start, offsetAt(text, range.start));
  });
}

function insideSingleQuotes(text: string, from: number, to: number): boolean {
  let quote: string | undefined;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote === "'") { if (c === "'") quote = undefined; continue; }
    if (c === '\\') { i++; continue; }
    if (quote === '"') { if (c === '"') quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
  }
  return quote === "'";
}

/** Document offset of a position (line starts computed on demand; rules call this rarely). */
export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + position.character);
}

/** The source text of a range. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Names an ARG or ENV instruction declares. */
export function declaredNames(instruction: Instruction): string[] {
  if (instruction instanceof Arg || instruction instanceof Env) return instruction.getProperties().map((p: Property) => p.getName());
  return [];
}

/** A close spelling among `candidates` (edit distance ≤ 2), for "did you mean" hints. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
