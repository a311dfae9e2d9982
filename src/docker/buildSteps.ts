// Maps the classic builder's "Step N/M : INSTRUCTION args" lines back to Dockerfile lines, so a
// failed build can point at the line that failed. The classic builder numbers every instruction
// of the file in order (meta ARGs before the first FROM included), so step N is the file's Nth
// instruction; dockerfile-ast finds the instructions and their lines.
import { DockerfileParser, From } from 'dockerfile-ast';

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

/** A BuildKit vertex name taken apart: `[stage 2/4] RUN make`, `[2/2] RUN make`, `[internal] …`. */
export interface VertexName {
  /** The stage as BuildKit names it (its name, or `stage-N`); undefined in a one-stage file. */
  stage?: string;
  index: number;
  total: number;
  /** The instruction as BuildKit echoes it, e.g. "RUN make". */
  text: string;
}

const VERTEX_NAME = /^\[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/s;

export function parseVertexName(name: string): VertexName | undefined {
  const match = VERTEX_NAME.exec(name);
  if (!match) return undefined;
  return { stage: match[1], index: Number(match[2]), total: Number(match[3]), text: match[4] };
}

/**
 * BuildKit counts, in each stage, its FROM and the instructions that change the filesystem:
 * ENV, ARG, LABEL and the other metadata instructions get no step number.
 */
const NUMBERED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Where the BuildKit step named `name` is in the Dockerfile text: the stage by its name (compared
 * case-insensitively) or `stage-N`, then its Nth numbered instruction. Gives up, rather than point
 * at a wrong line, when the keyword differs from what BuildKit echoed.
 */
export function locateVertex(dockerfileText: string, name: string): StepLocation | undefined {
  const vertex = parseVertexName(name);
  if (!vertex) return undefined;
  const stages: { name?: string; instructions: { keyword: string; line: number; endLine: number }[] }[] = [];
  for (const instruction of DockerfileParser.parse(dockerfileText).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const range = instruction.getRange();
    const entry = { keyword, line: range.start.line + 1, endLine: range.end.line + 1 };
    if (instruction instanceof From) stages.push({ name: instruction.getBuildStage()?.toLowerCase(), instructions: [entry] });
    else if (stages.length > 0 && NUMBERED.has(keyword)) stages[stages.length - 1].instructions.push(entry);
  }
  const byIndex = vertex.stage ? /^stage-(\d+)$/.exec(vertex.stage) : null;
  const stage = vertex.stage === undefined
    ? (stages.length === 1 ? stages[0] : undefined)
    : byIndex ? stages[Number(byIndex[1])] : stages.find((s) => s.name === vertex.stage?.toLowerCase());
  const step = stage?.instructions[vertex.index - 1];
  if (!step) return undefined;
  const echoed = vertex.text.split(/\s+/, 1)[0]?.toUpperCase();
  if (echoed !== step.keyword) return undefined;
  return { line: step.line, endLine: step.endLine, keyword: step.keyword };
}
