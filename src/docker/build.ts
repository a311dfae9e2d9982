// docker build: pack the context folder (honouring .dockerignore), stream the classic builder's
// output, and on failure say which Dockerfile line failed.
import type Docker from 'dockerode';
import * as path from 'node:path';
import { stripAnsi } from './ansi';
import { packBuildContext } from './buildContext';
import { locateStep, parseStepLine, type BuildStep, type StepLocation } from './buildSteps';
import { toWharfError, WharfError } from './errors';
import { engineRequest, type RequestOptions } from './request';
import { readJsonLines, StreamError } from './streams';
import { MAX_DOCKERFILE_BYTES, readWorkspaceFileIfPresent, UnreadableFileError } from '../workspace/readFile';

export interface BuildSpec {
  /** The folder sent to the engine. */
  contextDir: string;
  /** Dockerfile path relative to the context (default "Dockerfile"). */
  dockerfile?: string;
  tags?: string[];
  buildArgs?: Record<string, string>;
  /** Build up to this stage of a multi-stage Dockerfile. */
  target?: string;
  /** e.g. "linux/amd64". */
  platform?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
  /** Always try to pull newer base images. */
  pull?: boolean;
}

export interface BuildOptions extends RequestOptions {
  /** Each line of builder output, as it arrives, without terminal escape codes. */
  onOutput?: (line: string) => void;
  /** Each step as it starts, with its Dockerfile location when known. */
  onStep?: (step: BuildStep, location?: StepLocation) => void;
}

/** A build step failed: a WharfError that also says which Dockerfile line it was. */
export class BuildFailed extends WharfError {
  constructor(
    builderMessage: string,
    readonly step: BuildStep | undefined,
    readonly location: StepLocation | undefined,
    readonly dockerfile: string,
    /** The failing step's last lines of output (its stderr among them), escape codes removed. */
    readonly lastOutput: readonly string[] = [],
  ) {
    super('engine', location ? `${dockerfile}:${location.line}: ${step?.text ?? ''}: ${builderMessage}` : `Build failed: ${builderMessage}`, {
      engineMessage: builderMessage,
      hint: location ? `Fix line ${location.line} of ${dockerfile} (step ${step?.step}/${step?.total}), then build again.` : undefined,
    });
    this.name = 'BuildFailed';
  }
}

export interface BuildResult {
  /** sha256:… of the built image. */
  imageId: string;
  steps: number;
}

/** How many of a failing step's last lines of output a failure carries. */
const LAST_LINES = 10;

/** The classic builder's own lines between a step's header and its output. */
const BOOKKEEPING = /^ ---> |^Removing intermediate container [0-9a-f]+$/;

export async function buildImage(docker: Docker, spec: BuildSpec, options: BuildOptions = {}): Promise<BuildResult> {
  const dockerfile = (spec.dockerfile ?? 'Dockerfile').split(path.sep).join('/');
  // Read locally to map step numbers to lines; a missing Dockerfile is reported by the engine.
  const dockerfileText = await readDockerfile(path.join(spec.contextDir, dockerfile));
  const query: Record<string, unknown> = {
    dockerfile,
    t: spec.tags?.length ? spec.tags : undefined,
    buildargs: spec.buildArgs,
    target: spec.target,
    platform: spec.platform,
    labels: spec.labels,
    nocache: spec.noCache || undefined,
    pull: spec.pull || undefined,
    // Remove intermediate containers even when a step fails, like the CLI's --force-rm default off
    // but rm on: a failed RUN must not leave containers behind.
    rm: true,
    forcerm: true,
  };
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];

  let current: BuildStep | undefined;
  let location: StepLocation | undefined;
  // The current step's own output: what a failing RUN printed, without the builder's bookkeeping.
  let stepOutput: string[] = [];
  let imageId = '';
  const stream = await engineRequest(`build ${spec.contextDir}`, (abortSignal) =>
    packBuildContext(spec.contextDir, dockerfile).then((context) => docker.buildImage(context, { ...query, abortSignal } as Docker.ImageBuildOptions)), options);
  try {
    await readJsonLines(stream, (event) => {
      const id = (event.aux as { ID?: string } | undefined)?.ID;
      if (id) imageId = id;
      if (event.stream === undefined) return;
      for (const line of stripAnsi(event.stream).split('\n')) {
        if (!line.trim()) continue;
        options.onOutput?.(line);
        const step = parseStepLine(line);
        if (!step && !BOOKKEEPING.test(line)) stepOutput = [...stepOutput.slice(-(LAST_LINES - 1)), line];
        if (step) {
          stepOutput = [];
          current = step;
          location = dockerfileText ? locateStep(dockerfileText, step) : undefined;
          options.onStep?.(step, location);
        }
        const built = /^Successfully built ([0-9a-f]+)/.exec(line);
        if (built && !imageId) imageId = built[1];
      }
    }, options.signal);
  } catch (err) {
    if (err instanceof StreamError) throw new BuildFailed(stripAnsi(err.message), current, location, dockerfile, stepOutput);
    throw toWharfError(err, { action: `build ${spec.contextDir}` });
  }
  return { imageId, steps: current?.total ?? 0 };
}

/** The Dockerfile's text, '' when it is missing; a FIFO, device or oversized file fails the build. */
async function readDockerfile(file: string): Promise<string> {
  try {
    return (await readWorkspaceFileIfPresent(file, MAX_DOCKERFILE_BYTES)) ?? '';
  } catch (error) {
    if (error instanceof UnreadableFileError && error.reason !== 'unreadable') {
      throw new WharfError('badRequest', error.message, { hint: 'Point the build at a regular Dockerfile.' });
    }
    // Unreadable for another reason (permissions…): the engine says what it makes of it.
    return '';
  }
}
