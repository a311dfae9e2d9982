// docker build: pack the context folder (honouring .dockerignore), build with BuildKit where the
// engine has it (its session and decoder load from their own bundle on the first such build) or
// with the engine's own builder, stream the steps, and on failure say which Dockerfile line failed.
import type Docker from 'dockerode';
import * as path from 'node:path';
import { stripAnsi } from './ansi';
import { chooseBuilder, type BuilderChoice } from './builder';
import { packBuildContext } from './buildContext';
import { BuildKitSteps, ClassicSteps, LAST_LINES, type BuildStepState } from './buildProgress';
import { locateStep, parseStepLine, parseVertexName, type BuildStep, type StepLocation } from './buildSteps';
import { toWharfError, WharfError } from './errors';
import type { BuildKitOutcome } from './buildkit/build';
import { DEFAULT_DEADLINE_MS, DeadlineExceeded, engineRequest, type RequestOptions } from './request';
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
  /** `--secret id=…,src=…`: files the build reads at /run/secrets/<id>, never kept in the image (BuildKit only). */
  secrets?: BuildSecret[];
  /** `--ssh default`: the ssh agent socket forwarded to `RUN --mount=type=ssh` (BuildKit only). */
  sshAgentSocket?: string;
  /**
   * What in the Dockerfile needs Dockerfile frontend 1.4+ (heredocs, --link; the linter's
   * frontendRequirements), checked against the engine's builder before anything is sent.
   */
  frontend?: FrontendUse;
}

export interface BuildSecret { id: string; src: string }

export interface FrontendUse {
  requirements: { feature: string; line: number }[];
  /** The image of the file's `# syntax=` line, when it has one. */
  syntax?: string;
}

export interface BuildOptions extends RequestOptions {
  /** Each line of builder output, as it arrives, without terminal escape codes. */
  onOutput?: (line: string) => void;
  /** Each step as it starts, changes state or ends, with its Dockerfile location when known. */
  onStep?: (step: BuildStepState) => void;
  /** Each line a step prints. */
  onLog?: (step: BuildStepState, line: string) => void;
  /** The builder this build uses, once known (before anything is sent). */
  onBuilder?: (builder: BuilderChoice) => void;
  /** The builder, when the caller already asked the engine (chooseBuilder). */
  builder?: BuilderChoice;
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
  builder: BuilderChoice;
}

/** The Dockerfile needs a newer frontend than the engine's builder has: said before the build is sent. */
export class FrontendUnsupported extends WharfError {
  constructor(
    message: string,
    hint: string,
    readonly line: number,
    /** Whether a `# syntax=` line would let this engine build it (BuildKit pulls the frontend; other builders cannot). */
    readonly syntaxLineHelps: boolean,
  ) {
    super('badRequest', message, { hint });
    this.name = 'FrontendUnsupported';
  }
}

/** `id=…,src=…` (or `source=`, as `docker build --secret` takes it); `src` defaults to the id. */
export function parseSecretFlag(text: string): BuildSecret {
  const fields = new Map(text.split(',').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part.trim(), ''] : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
  }));
  const id = fields.get('id');
  if (!id) throw new WharfError('badRequest', `--secret ${text}: no id=`, { hint: 'Write it as id=NAME,src=FILE.' });
  const type = fields.get('type');
  if (type && type !== 'file') throw new WharfError('badRequest', `--secret ${text}: only file secrets are supported`, { hint: 'Write it as id=NAME,src=FILE.' });
  return { id, src: fields.get('src') ?? fields.get('source') ?? id };
}

/**
 * Why the engine's builder would reject this Dockerfile's 1.4+ syntax, before it is sent; undefined
 * when it accepts it (Docker 23+, or a `# syntax=` line, which the engine resolves itself).
 */
export function frontendProblem(builder: BuilderChoice, use: FrontendUse | undefined, dockerfile: string): FrontendUnsupported | undefined {
  const first = use?.requirements[0];
  if (!first || builder.frontend14 || (builder.kind === 'buildkit' && use?.syntax)) return undefined;
  const others = use.requirements.length > 1 ? ` (and ${use.requirements.length - 1} more)` : '';
  if (builder.kind === 'classic') {
    return new FrontendUnsupported(
      `${dockerfile}:${first.line}: ${first.feature}${others} needs Dockerfile frontend 1.4+, which the builder of ${builder.engine} does not have${builder.reason ? ` (${builder.reason})` : ''}.`,
      'Build on Docker Engine 23 or later, or rewrite it without heredocs and --link.',
      first.line, false);
  }
  return new FrontendUnsupported(
    `${dockerfile}:${first.line}: ${first.feature}${others} needs Dockerfile frontend 1.4+; ${builder.engine}'s built-in frontend is older and rejects it.`,
    'Add "# syntax=docker/dockerfile:1" as the first line when the engine can reach Docker Hub (it pulls the frontend from there), or upgrade to Docker Engine 23 or later.',
    first.line, true);
}

/** The classic builder's own lines between a step's header and its output. */
const BOOKKEEPING = /^ ---> |^Removing intermediate container [0-9a-f]+$/;

export async function buildImage(docker: Docker, spec: BuildSpec, options: BuildOptions = {}): Promise<BuildResult> {
  const dockerfile = (spec.dockerfile ?? 'Dockerfile').split(path.sep).join('/');
  // Read locally to map step numbers to lines; a missing Dockerfile is reported by the engine.
  const dockerfileText = await readDockerfile(path.join(spec.contextDir, dockerfile));
  const builder = options.builder ?? await chooseBuilder(docker, options);
  options.onBuilder?.(builder);
  const unsupported = frontendProblem(builder, spec.frontend, dockerfile);
  if (unsupported) throw unsupported;
  if (builder.kind === 'classic' && (spec.secrets?.length || spec.sshAgentSocket)) {
    throw new WharfError('badRequest', `${spec.secrets?.length ? '--secret' : '--ssh'} needs BuildKit; ${builder.engine} builds with its classic builder${builder.reason ? ` (${builder.reason})` : ''}.`, { hint: 'Build without it, or on a Docker engine with BuildKit (API 1.39+).' });
  }
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
  if (builder.kind === 'buildkit') return buildWithBuildKit(docker, spec, options, { dockerfile, dockerfileText, query, builder });

  let current: BuildStep | undefined;
  let location: StepLocation | undefined;
  // The current step's own output: what a failing RUN printed, without the builder's bookkeeping.
  let stepOutput: string[] = [];
  let imageId = '';
  const steps = new ClassicSteps(dockerfileText, options);
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
        steps.line(line);
        const step = parseStepLine(line);
        if (!step && !BOOKKEEPING.test(line)) stepOutput = [...stepOutput.slice(-(LAST_LINES - 1)), line];
        if (step) {
          stepOutput = [];
          current = step;
          location = dockerfileText ? locateStep(dockerfileText, step) : undefined;
        }
        const built = /^Successfully built ([0-9a-f]+)/.exec(line);
        if (built && !imageId) imageId = built[1];
      }
    }, options.signal);
  } catch (err) {
    steps.finish('failed', err instanceof Error ? err.message : String(err));
    if (err instanceof StreamError) throw new BuildFailed(stripAnsi(err.message), current, location, dockerfile, stepOutput);
    throw toWharfError(err, { action: `build ${spec.contextDir}` });
  }
  steps.finish('done');
  return { imageId, steps: current?.total ?? 0, builder };
}

interface Prepared { dockerfile: string; dockerfileText: string; query: Record<string, unknown>; builder: BuilderChoice }

/**
 * The BuildKit path. The classic builder's `rm`/`forcerm` mean nothing to BuildKit (it keeps no
 * intermediate containers); a cancelled build is stopped on the engine by the chunk.
 */
async function buildWithBuildKit(docker: Docker, spec: BuildSpec, options: BuildOptions, prepared: Prepared): Promise<BuildResult> {
  const { dockerfile, dockerfileText, query, builder } = prepared;
  delete query.rm;
  delete query.forcerm;
  const steps = new BuildKitSteps(dockerfileText, {
    onStep: (step) => {
      options.onStep?.(step);
      if (step.state === 'running' || step.state === 'failed') options.onOutput?.(step.error ? `${step.name}: ${step.error}` : step.name);
      else options.onOutput?.(`${step.name}${step.state === 'cached' ? ' (cached)' : ''} done`);
    },
    onLog: (step, line) => { options.onLog?.(step, line); options.onOutput?.(stripAnsi(line)); },
  });
  // Loaded here, on the first BuildKit build: dist/buildkit.js in the bundle (scripts/lib/bundle.mjs).
  const { runBuildKitBuild } = await import('./buildkit/build');
  const caller = options.signal ?? new AbortController().signal;
  const what = `build ${spec.contextDir}`;
  // The deadline covers the engine's first answer (session and /build); the caller's signal, the whole build.
  const ms = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineExceeded(what, ms)), ms);
  let outcome: BuildKitOutcome;
  try {
    const context = await packBuildContext(spec.contextDir, dockerfile);
    outcome = await runBuildKitBuild(docker, {
      context,
      query,
      secrets: spec.secrets?.map((s) => ({ id: s.id, src: path.resolve(spec.contextDir, s.src) })),
      sshAgentSocket: spec.sshAgentSocket,
      signal: AbortSignal.any([caller, deadline.signal]),
      onStarted: () => clearTimeout(timer),
      onStatus: (status) => steps.apply(status),
      onText: (text) => { for (const line of stripAnsi(text).split('\n')) if (line.trim()) options.onOutput?.(line); },
    });
  } catch (err) {
    // A cancelled build ends with the connection torn down: the cancel is what happened.
    if (caller.aborted) throw toWharfError(caller.reason, { action: what });
    if (err instanceof WharfError) throw err;
    throw toWharfError(deadline.signal.aborted ? deadline.signal.reason : err, { action: what });
  } finally {
    clearTimeout(timer);
  }
  if (outcome.error !== undefined) {
    const failed = steps.failed();
    const vertex = failed ? parseVertexName(failed.name) : undefined;
    const step: BuildStep | undefined = vertex ? { step: vertex.index, total: vertex.total, text: vertex.text } : undefined;
    const message = explainFrontendError(stripAnsi(outcome.error), spec.frontend);
    throw new BuildFailed(message, step, failed?.location, dockerfile, failed ? steps.lastLines(failed.id) : []);
  }
  return { imageId: outcome.imageId ?? '', steps: steps.count(), builder };
}

/**
 * A frontend that cannot be had (a `# syntax=` image the engine cannot pull, offline) fails with
 * the resolver's words; said plainly, with what the line is for.
 */
export function explainFrontendError(message: string, use: FrontendUse | undefined): string {
  if (use?.syntax && /failed to (?:resolve source metadata|solve with frontend dockerfile\.v0).*(?:syntax|dockerfile)/i.test(message)) {
    return `the "# syntax=${use.syntax}" frontend image could not be fetched (${message}). The engine pulls it from its registry: without one, remove the line and build on Docker Engine 23 or later.`;
  }
  return message;
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
