// Stacks: a compose file deployed as services (and their network, secrets, configs), all labelled
// com.docker.stack.namespace=<stack>. Through the user's docker CLI (`docker stack deploy`, run
// with an argument array, never a shell) when it is installed, because it knows every compose key;
// else through the API from the parsed file (stackPlan.ts: the keys a stack needs most).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { onPath } from '../composeFind';
import { composeEnvironment } from '../composeRun';
import type { Endpoint } from '../connect';
import { WharfError } from '../errors';
import type { RequestOptions } from '../request';
import { swarmCall } from './api';
import { retryOnEvents } from './eventWait';
import { STACK_NAMESPACE_LABEL } from './model';
import { createService, listServices, removeService } from './services';
import { planStack } from './stackPlan';
import { createSwarmData, listSwarmData, removeSwarmData } from './swarmData';

export type StackRoute = 'cli' | 'api';

/** How long `docker stack deploy` / `rm` may run (they return once the engine accepted the services). */
const STACK_CLI_DEADLINE_MS = 120_000;

export interface StackResult { route: StackRoute; output: string }

export interface StackOptions extends RequestOptions {
  /** Which way; by default the docker CLI when found on PATH, else the API. */
  route?: StackRoute;
  /** The environment the docker CLI is looked up in and run with (PATH, DOCKER_CONFIG). */
  env?: NodeJS.ProcessEnv;
}

export function stackRoute(options: StackOptions = {}): { route: StackRoute; cli?: string } {
  const cli = onPath('docker', { env: options.env ?? process.env });
  const route = options.route ?? (cli ? 'cli' : 'api');
  if (route === 'cli' && !cli) throw new WharfError('notFound', 'The docker CLI was not found on PATH.', { hint: 'Install the docker CLI, or deploy through the API.' });
  return { route, cli };
}

/** Runs the docker CLI with `args`, pointed at `endpoint`; resolves with its output, fails with it. */
function runCli(cli: string, args: string[], endpoint: Endpoint, cwd: string, options: StackOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    // The CLI's run has a deadline like every engine request: a hung engine must not hang Wharf.
    const timeout = options.deadlineMs ?? STACK_CLI_DEADLINE_MS;
    const child = spawn(cli, args, { cwd, env: composeEnvironment(endpoint, options.env ?? process.env), stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal, timeout });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', (err) => reject(new WharfError('engine', `Could not run ${cli}: ${err.message}`, { cause: err })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else if (signal && !options.signal?.aborted) reject(new WharfError('timeout', `docker ${args.slice(0, 2).join(' ')} did not finish within ${timeout / 1000} s.`, { hint: 'Check that the engine responds (docker info); the stack may be partly deployed: see the Swarm view.' }));
      else reject(new WharfError('engine', `docker ${args.slice(0, 2).join(' ')} failed (exit code ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`, { engineMessage: output }));
    });
  });
}

/**
 * Deploys (or updates) stack `name` from `composeFile`. Neither route asks a registry for image
 * digests (`--resolve-image never`, and the API route sends the name as written): each node uses
 * the image it has or pulls the tag itself, so a locally built image deploys offline.
 */
export async function deployStack(docker: Docker, endpoint: Endpoint, name: string, composeFile: string, options: StackOptions = {}): Promise<StackResult> {
  const { route, cli } = stackRoute(options);
  if (route === 'cli' && cli) {
    const output = await runCli(cli, ['stack', 'deploy', '--compose-file', composeFile, '--resolve-image', 'never', name], endpoint, path.dirname(composeFile), options);
    return { route, output };
  }
  const plan = planStack(name, await readFile(composeFile, 'utf8'), path.dirname(composeFile));
  const labels = { [STACK_NAMESPACE_LABEL]: name };
  const lines: string[] = plan.ignored.length ? [`Not deployed through the API (the docker CLI knows them): ${plan.ignored.join(', ')}`] : [];
  for (const network of plan.networks) {
    await swarmCall(docker, { method: 'POST', path: '/networks/create', body: { Name: network, Driver: 'overlay', Attachable: true, Labels: labels, CheckDuplicate: true }, what: `create network ${network}` }, options)
      .catch((err: unknown) => { if (!/already exists/i.test(String((err as WharfError).engineMessage ?? err))) throw err; });
    lines.push(`Creating network ${network}`);
  }
  const secretIds = new Map<string, string>();
  const existingSecrets = await listSwarmData(docker, 'secret', options);
  for (const secret of plan.secrets) {
    const found = existingSecrets.find((s) => s.name === secret.name);
    secretIds.set(secret.key, found?.id ?? await createSwarmData(docker, 'secret', secret.name, await readFile(secret.file), labels, options));
    if (!found) lines.push(`Creating secret ${secret.name}`);
  }
  const existing = await listServices(docker, options);
  for (const service of plan.services) {
    const spec = { ...service.spec, secrets: service.secrets.map((s) => ({ id: secretIds.get(s.key) ?? '', name: plan.secrets.find((p) => p.key === s.key)?.name ?? s.key, target: s.target })) };
    const old = existing.find((s) => s.name === spec.name);
    if (old) await removeService(docker, old.id, options); // the API route replaces; the CLI route updates in place
    await createService(docker, spec, options);
    lines.push(`Creating service ${spec.name}`);
  }
  return { route: 'api', output: lines.join('\n') };
}

/** Removes every service, network, secret and config of stack `name`. */
export async function removeStack(docker: Docker, endpoint: Endpoint, name: string, options: StackOptions = {}): Promise<StackResult> {
  const { route, cli } = stackRoute(options);
  if (route === 'cli' && cli) return { route, output: await runCli(cli, ['stack', 'rm', name], endpoint, process.cwd(), options) };
  const filter = { label: [`${STACK_NAMESPACE_LABEL}=${name}`] };
  const lines: string[] = [];
  for (const service of (await listServices(docker, options)).filter((s) => s.stack === name)) {
    await removeService(docker, service.id, options);
    lines.push(`Removing service ${service.name}`);
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const item of (await listSwarmData(docker, kind, options)).filter((s) => s.stack === name)) {
      await removeSwarmData(docker, kind, item.id, options);
      lines.push(`Removing ${kind} ${item.name}`);
    }
  }
  const networks = await swarmCall<{ Id: string; Name: string }[]>(docker, { method: 'GET', path: '/networks', query: { filters: JSON.stringify(filter) }, what: 'list the stack\'s networks' }, options);
  for (const network of networks ?? []) {
    // A network leaves only once the last task on it has stopped: the engine says so with a 403/500.
    await removeNetworkWhenFree(docker, network.Id, options);
    lines.push(`Removing network ${network.Name}`);
  }
  if (lines.length === 0) throw new WharfError('notFound', `Nothing found in stack ${name}.`, { hint: 'It may have been removed meanwhile.' });
  return { route: 'api', output: lines.join('\n') };
}

/**
 * The engine refuses to remove an overlay network while the removed services' tasks still hold
 * endpoints on it; those go within seconds. Tried again on each of the network's own events
 * (the task containers' disconnects), never on a timer, within the request's deadline.
 */
async function removeNetworkWhenFree(docker: Docker, id: string, options: RequestOptions): Promise<void> {
  await retryOnEvents(docker, { type: ['network', 'container'] }, () => swarmCall(docker, { method: 'DELETE', path: `/networks/${encodeURIComponent(id)}`, what: `remove network ${id}` }, options).then(() => true, (err: unknown) => {
    const words = String((err as WharfError).engineMessage ?? (err as Error).message);
    if (/not found/i.test(words)) return true;
    if (/active endpoints|in use/i.test(words)) return false;
    throw err;
  }), options);
}
