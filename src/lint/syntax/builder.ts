// What BuildKit's Dockerfile parser accepts: the instruction set, each instruction's flags, and
// helpers that split an instruction into flags and arguments the way the builder does. Shared by
// the builder-error rules (UnknownInstruction, UnknownFlag, …), which report what `docker build`
// would reject before running anything.
import { Add, Copy, Instruction, ModifiableInstruction, Onbuild, Run, type Argument, type Dockerfile, type Heredoc } from 'dockerfile-ast';
import type { Range } from '../rule';

export const knownInstructions = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;
const known = new Set<string>(knownInstructions);

export function isKnownInstruction(keyword: string): boolean {
  return known.has(keyword.toUpperCase());
}

/** Flags each instruction accepts; instructions not listed accept none. */
export const instructionFlags: Record<string, readonly string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** Flags the builder allows more than once. */
export const repeatableFlags: Record<string, readonly string[]> = { RUN: ['mount'], COPY: ['exclude'], ADD: ['exclude'] };

/**
 * Instructions whose arguments the builder reads as flags when they start with `--`. CMD,
 * ENTRYPOINT, SHELL and MAINTAINER take the rest of the line verbatim.
 */
const flagReading = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'RUN', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export interface BuilderFlag {
  name: string;
  /** `--name=value` as written. */
  range: Range;
  /** The name without the dashes. */
  nameRange: Range;
  value: string | null;
}

/** Every instruction, with ONBUILD triggers in place of their ONBUILD (the builder parses both). */
export function instructionsWithTriggers(dockerfile: Dockerfile): Instruction[] {
  const result: Instruction[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    result.push(instruction);
    if (instruction instanceof Onbuild) {
      const trigger = instruction.getTriggerInstruction();
      if (trigger) result.push(trigger);
    }
  }
  return result;
}

export function readsFlags(keyword: string): boolean {
  return flagReading.has(keyword);
}

/** The leading `--flag[=value]` words of an instruction. */
export function flagsOf(instruction: Instruction): BuilderFlag[] {
  if (instruction instanceof ModifiableInstruction) {
    return instruction.getFlags().map((flag) => ({ name: flag.getName(), range: flag.getRange(), nameRange: flag.getNameRange(), value: flag.getValue() }));
  }
  const flags: BuilderFlag[] = [];
  for (const arg of instruction.getArguments()) {
    const value = arg.getValue();
    if (!value.startsWith('--') || value === '--') break;
    const eq = value.indexOf('=');
    const name = value.slice(2, eq < 0 ? undefined : eq);
    const range = arg.getRange();
    flags.push({
      name,
      range,
      nameRange: { start: { line: range.start.line, character: range.start.character + 2 }, end: { line: range.start.line, character: range.start.character + 2 + name.length } },
      value: eq < 0 ? null : value.slice(eq + 1),
    });
  }
  return flags;
}

/**
 * An instruction's heredocs: the one way rules ask for them. Only an instruction whose text holds
 * `<<` can have one, and dockerfile-ast's getHeredocs() throws on some escaped continuations
 * without any (`RUN \\` then `\\#]`, found by the fuzz test): such an instruction has none.
 */
export function heredocsOf(instruction: Instruction): Heredoc[] {
  // Add has getHeredocs at run time but dockerfile-ast's typings only declare it on Copy and Run.
  if (!(instruction instanceof Run || instruction instanceof Copy || instruction instanceof Add)) return [];
  // The instruction's own text: a substring, where its raw arguments would be re-tokenised.
  if (!instruction.getTextContent().includes('<<')) return [];
  try {
    return (instruction as unknown as { getHeredocs(): Heredoc[] }).getHeredocs();
  } catch {
    return [];
  }
}

/**
 * The instruction's arguments after its flags, leaving out heredoc bodies and their delimiter
 * lines (those are file content, not arguments).
 */
export function plainArguments(instruction: Instruction): Argument[] {
  const bodyLines = new Set<number>();
  for (const heredoc of heredocsOf(instruction)) {
    const content = heredoc.getContentRange();
    const end = heredoc.getDelimiterRange();
    const from = content?.start.line ?? heredoc.getStartRange().start.line + 1;
    const to = end?.end.line ?? content?.end.line ?? from - 1;
    for (let line = from; line <= to; line++) bodyLines.add(line);
  }
  let args = instruction.getArguments().filter((arg) => !bodyLines.has(arg.getRange().start.line));
  if (!(instruction instanceof ModifiableInstruction) && readsFlags(instruction.getKeyword())) {
    let skip = 0;
    while (skip < args.length && args[skip].getValue().startsWith('--') && args[skip].getValue() !== '--') skip++;
    args = args.slice(skip);
  }
  return args;
}

/** A JSON array of strings (exec form), or undefined when the text is shell form. */
export function jsonArray(text: string | null): string[] | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The range from the start of one argument to the end of another. */
export function spanning(first: Argument, last: Argument): Range {
  return { start: first.getRange().start, end: last.getRange().end };
}
