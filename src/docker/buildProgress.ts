// A build's steps as Wharf shows them, for either builder: BuildKit's vertexes folded from its
// status stream, or the classic builder's "Step N/M" headers. Each update names the step whole
// (state, times, Dockerfile line), so a view can redraw it without keeping engine data.
import { StringDecoder } from 'node:string_decoder';
import { stripAnsi } from './ansi';
import type { StatusResponse } from './buildkit/status';
import { locateStep, locateVertex, parseStepLine, parseVertexName, type StepLocation } from './buildSteps';

export type StepState = 'running' | 'done' | 'cached' | 'failed';

export interface BuildStepState {
  /** BuildKit's vertex digest, or "step-N" for the classic builder. */
  id: string;
  /** As the builder names it: "[build 2/4] RUN make", "Step 2/4 : RUN make". */
  name: string;
  state: StepState;
  /** Milliseconds since the epoch. */
  started?: number;
  completed?: number;
  /** The Dockerfile line, for steps that are instructions of the file. */
  location?: StepLocation;
  /** BuildKit's own bookkeeping ("[internal] load metadata…"), not a Dockerfile instruction. */
  internal: boolean;
  error?: string;
}

/** How many of a step's last lines of output are kept (for a failure's report). */
export const LAST_LINES = 10;

export interface StepListener {
  onStep?: (step: BuildStepState) => void;
  onLog?: (step: BuildStepState, line: string) => void;
}

/** Folds BuildKit status responses into steps; lines of output are split per step. */
export class BuildKitSteps {
  private readonly steps = new Map<string, BuildStepState>();
  private readonly output = new Map<string, { decoder: StringDecoder; partial: string; last: string[] }>();

  constructor(private readonly dockerfileText: string, private readonly listener: StepListener) {}

  apply(status: StatusResponse): void {
    for (const vertex of status.vertexes) {
      const known = this.steps.get(vertex.digest);
      const step: BuildStepState = {
        id: vertex.digest,
        name: vertex.name || known?.name || vertex.digest.slice(0, 19),
        state: vertex.error ? 'failed' : vertex.cached ? 'cached' : vertex.completed ? 'done' : 'running',
        started: vertex.started ?? known?.started,
        completed: vertex.completed ?? known?.completed,
        location: known?.location ?? (this.dockerfileText ? locateVertex(this.dockerfileText, vertex.name) : undefined),
        internal: !parseVertexName(vertex.name),
        error: vertex.error || undefined,
      };
      this.steps.set(step.id, step);
      // A vertex BuildKit announces before it starts is not running yet; a repeat in the same
      // state (BuildKit resends vertexes as their times fill in) is not news.
      if (step.state === 'running' && step.started === undefined) continue;
      if (known && known.state === step.state && (known.started !== undefined || step.state !== 'running') && known.completed === step.completed) continue;
      this.listener.onStep?.(step);
    }
    for (const log of status.logs) {
      let out = this.output.get(log.vertex);
      if (!out) this.output.set(log.vertex, out = { decoder: new StringDecoder('utf8'), partial: '', last: [] });
      const lines = (out.partial + out.decoder.write(log.data)).split(/\r?\n/);
      out.partial = lines.pop() ?? '';
      for (const line of lines) this.line(log.vertex, out, line);
    }
  }

  /** `line` as printed (colours and all) to the listener; as a plain-text view shows it to the failure's last lines. */
  private line(vertex: string, out: { last: string[] }, line: string): void {
    out.last = [...out.last.slice(-(LAST_LINES - 1)), stripAnsi(line)];
    const step = this.steps.get(vertex);
    if (step) this.listener.onLog?.(step, line);
  }

  /** The step that failed, if one did. */
  failed(): BuildStepState | undefined {
    return [...this.steps.values()].find((s) => s.state === 'failed');
  }

  /** A step's last lines of output, a trailing unterminated line included. */
  lastLines(id: string): string[] {
    const out = this.output.get(id);
    if (!out) return [];
    return out.partial ? [...out.last.slice(-(LAST_LINES - 1)), stripAnsi(out.partial)] : out.last;
  }

  /** Instruction steps seen, for the result's count. */
  count(): number {
    return [...this.steps.values()].filter((s) => !s.internal).length;
  }
}

/** The classic builder's output lines as steps: a header starts one and ends the one before. */
export class ClassicSteps {
  private current?: BuildStepState;

  constructor(private readonly dockerfileText: string, private readonly listener: StepListener) {}

  line(line: string): void {
    const header = parseStepLine(line);
    if (header) {
      this.finish('done');
      this.current = {
        id: `step-${header.step}`,
        name: line.trim(),
        state: 'running',
        started: Date.now(),
        location: this.dockerfileText ? locateStep(this.dockerfileText, header) : undefined,
        internal: false,
      };
      this.listener.onStep?.(this.current);
      return;
    }
    if (!this.current) return;
    if (/^ ---> Using cache$/.test(line)) { this.current = { ...this.current, state: 'cached' }; this.listener.onStep?.(this.current); return; }
    if (!/^ ---> |^Removing intermediate container /.test(line)) this.listener.onLog?.(this.current, line);
  }

  finish(state: 'done' | 'failed', error?: string): void {
    if (!this.current || this.current.completed !== undefined) return;
    this.current = { ...this.current, state: this.current.state === 'cached' && state === 'done' ? 'cached' : state, completed: Date.now(), error };
    this.listener.onStep?.(this.current);
  }
}
