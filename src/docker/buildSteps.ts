// Maps the classic builder's "Step N/M : INSTRUCTION args" lines back to Dockerfile lines, so a
// failed build can point at the line that failed. The classic builder numbers every instruction
// of the file in order (meta ARGs before the first FROM included), so step N is the file's Nth
// instruction; dockerfile-ast finds the instructions and their lines.
import { DockerfileParser } from 'dockerfile-ast';

export interface BuildStep {
  step: number;
  total: number;
  /** The instruction as the builder echoed it, e.g. "RUN false". */
  text: string;
}

export interface StepLocation {
  /** 1-based line where the instruction starts. */
  line: number;
  /** 1-based line where it ends (continuations). */
  endLine: number;
  keyword: string;
}

const STEP_LINE = /^Step (\d+)\/(\d+) : (.*)$/;

/** Parses one line of builder output; undefined when it is not a step header. */
export function parseStepLine(line: string): BuildStep | undefined {
  const match = STEP_LINE.exec(line.trim());
  if (!match) return undefined;
  return { step: Number(match[1]), total: Number(match[2]), text: match[3] };
}

/**
 * Where step `step` is in the Dockerfile text. Checks that the keyword matches what the builder
 * echoed; when it does not (a Dockerfile changed since the build), gives up rather than point at
 * a wrong line.
 */
export function locateStep(dockerfileText: string, step: BuildStep): StepLocation | undefined {
  const instructions = DockerfileParser.parse(dockerfileText).getInstructions();
  const instruction = instructions[step.step - 1];
  if (!instruction) return undefined;
  const keyword = instruction.getKeyword().toUpperCase();
  const echoed = step.text.split(/\s+/, 1)[0]?.toUpperCase();
  if (echoed && echoed !== keyword) return undefined;
  const range = instruction.getRange();
  return { line: range.start.line + 1, endLine: range.end.line + 1, keyword };
}
