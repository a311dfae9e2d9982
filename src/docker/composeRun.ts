// Running the user's Compose: an executable and an argument array (never a shell: file names,
// service names and profiles from the workspace reach Compose as arguments, not as code),
// with an environment that points it at the engine Wharf is connected to.
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextDigest, type Endpoint } from './connect';
import type { ComposeTool } from './composeFind';
import { projectArgs, type ResolvedProject } from './composeProject';
import { WharfError } from './errors';

/** Variables by which a docker client picks its engine: all are replaced, none inherited by accident. */
const ENGINE_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'] as const;

/**
 * `env` with Compose pointed at `endpoint`: its address in DOCKER_HOST, and for TLS the folder its
 * certificates came from (a context's TLS store, or DOCKER_CERT_PATH / the docker config folder),
 * so that Compose and Wharf talk to the same engine with the same identity.
 */
export function composeEnvironment(endpoint: Endpoint, env: NodeJS.ProcessEnv = process.env, homedir = os.homedir()): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of ENGINE_VARIABLES) delete out[name];
  out.DOCKER_HOST = endpoint.protocol === 'ssh' ? sshUrl(endpoint) : endpoint.url;
  if (endpoint.protocol === 'tcp' && endpoint.tls) {
    const configDir = env.DOCKER_CONFIG || path.join(homedir, '.docker');
    out.DOCKER_CERT_PATH = endpoint.context
      ? path.join(configDir, 'contexts', 'tls', contextDigest(endpoint.context), 'docker')
      : env.DOCKER_CERT_PATH || configDir;
    if (endpoint.tls.verify) out.DOCKER_TLS_VERIFY = '1';
  }
  return out;
}

function sshUrl(endpoint: Extract<Endpoint, { protocol: 'ssh' }>): string {
  const user = endpoint.username ? `${encodeURIComponent(endpoint.username)}@` : '';
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `ssh://${user}${host}:${endpoint.port}`;
}

/** What a run asks of Compose; `services` empty means all of the project's. */
export type ComposeAction =
  | { verb: 'up'; services?: string[]; profiles?: string[] }
  | { verb: 'down'; removeVolumes: boolean }
  | { verb: 'start' | 'stop' | 'restart' | 'pull'; services?: string[] }
  | { verb: 'scale'; service: string; replicas: number };

/**
 * The arguments of one Compose run: the project's global ones (-p, -f, --env-file, --profile),
 * then the subcommand's. `down` never removes images, and volumes only when asked. A scale
 * recreates nothing and starts no dependency: only the service's replica count changes.
 * Throws for what podman-compose 1.0 cannot do (env files, profiles, scale) rather than have it
 * silently ignore the request.
 */
export function composeArgs(tool: ComposeTool, project: ResolvedProject, action: ComposeAction): string[] {
  const podman = tool.flavor === 'podman-compose';
  const profiles = action.verb === 'up' ? action.profiles ?? [] : [];
  const unsupported = podman && (project.envFiles.length > 0 ? '--env-file' : profiles.length > 0 ? '--profile' : action.verb === 'scale' ? '--scale' : undefined);
  if (unsupported) throw new WharfError('badRequest', `podman-compose does not support ${unsupported}.`, { hint: 'Install Docker Compose (docker compose or docker-compose), which works with Podman\'s Docker-compatible socket too.' });
  const global = [...projectArgs(project), ...profiles.flatMap((p) => ['--profile', p])];
  switch (action.verb) {
    case 'up': return [...global, 'up', '-d', ...(action.services ?? [])];
    case 'down': return [...global, 'down', ...(action.removeVolumes ? ['--volumes'] : [])];
    case 'scale': return [...global, 'up', '-d', '--no-deps', '--no-recreate', '--scale', `${action.service}=${action.replicas}`, action.service];
    default: return [...global, action.verb, ...(action.services ?? [])];
  }
}

export interface ComposeRunOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Each piece of output as it comes (stdout and stderr: Compose reports progress on stderr). */
  onOutput?: (text: string) => void;
  /** Aborting stops Compose (SIGINT first, as Ctrl-C would, then SIGKILL after `killAfterMs`). */
  signal?: AbortSignal;
  killAfterMs?: number;
}

export interface ComposeRunResult {
  exitCode: number | null;
  /** Everything Compose wrote, for the error message's last lines. */
  output: string;
  cancelled: boolean;
}

/** Runs Compose to its end. Rejects only when it could not be started (not installed, not executable). */
export function runCompose(tool: ComposeTool, args: string[], options: ComposeRunOptions): Promise<ComposeRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.file, args, { cwd: options.cwd, env: options.env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const take = (data: Buffer): void => {
      const text = data.toString('utf8');
      output += text;
      options.onOutput?.(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 10_000);
    };
    if (options.signal?.aborted) onAbort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new WharfError('notFound', `Compose could not be started (${tool.file}): ${err.message}`, { cause: err, hint: composeInstallHint() }));
    });
    child.once('close', (exitCode) => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode, output, cancelled });
    });
  });
}

/** What to do when no Compose is installed. */
export function composeInstallHint(): string {
  return 'Install Docker Compose: the "docker-compose-plugin" package from Docker\'s repositories (or Docker Desktop) gives `docker compose`; '
    + 'Debian and Ubuntu also package the older `docker-compose`; for Podman, `podman-compose`.';
}

/** The last lines of a failed run's output, for an error message. */
export function lastLines(output: string, count = 5): string {
  return output.split(/\r?\n/).map((l) => l.trimEnd()).filter(Boolean).slice(-count).join('\n');
}
