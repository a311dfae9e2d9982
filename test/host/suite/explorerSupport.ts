// Shared by the explorer's host suites: the activated extension's API, a raw dockerode client to
// set up and observe state independently of Wharf, and waits that end on the awaited state
// (test/engine/waitFor.ts: its limit only bounds a hang; passing never depends on timing).
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { freePort, rawDocker, TEST_IMAGE, uniqueName } from '../../engine/env';
import { waitFor } from '../../engine/waitFor';

export { freePort, TEST_IMAGE, uniqueName };

export async function wharf(): Promise<WharfApi> {
  const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'wharf' && e.packageJSON?.publisher === 'wharf');
  if (!extension) throw new Error('the Wharf extension is not loaded');
  const api = (await extension.activate()) as WharfApi;
  await api.sessions.current.store.ready();
  return api;
}

/** The private dockerd the extension host was pointed at (DOCKER_HOST), for setup and observation. */
export function engine(): Docker {
  const host = process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST;
  if (!host) throw new Error('neither WHARF_TEST_DOCKER_HOST nor DOCKER_HOST is set for the host tier');
  return rawDocker(host);
}

/** Resolves once `check` returns a truthy value; asks again on every store change. */
export function until<T>(api: WharfApi, what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  return waitFor(what, check, { wake: (resume) => api.sessions.current.store.onDidChange(resume) });
}

/** Creates (and by default starts) a busybox container named `name` on the private engine. */
export async function makeContainer(name: string, options: { start?: boolean; labels?: Record<string, string>; cmd?: string[]; env?: string[]; binds?: string[]; tty?: boolean; ports?: Record<string, string> } = {}): Promise<string> {
  const docker = engine();
  const ports = options.ports ?? {};
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    name,
    Cmd: options.cmd,
    Env: options.env,
    Tty: options.tty,
    Labels: { 'wharf.test': 'host', ...options.labels },
    ExposedPorts: Object.fromEntries(Object.keys(ports).map((p) => [p, {}])),
    HostConfig: {
      Binds: options.binds,
      PortBindings: Object.fromEntries(Object.entries(ports).map(([p, host]) => [p, [{ HostIp: '127.0.0.1', HostPort: host }]])),
    },
  });
  if (options.start !== false) await container.start();
  return container.id;
}

export async function removeQuietly(idOrName: string): Promise<void> {
  try { await engine().getContainer(idOrName).remove({ force: true }); } catch { /* already gone */ }
}

export async function containerState(id: string): Promise<{ status: string; exitCode: number } | undefined> {
  try {
    const info = await engine().getContainer(id).inspect();
    return { status: info.State.Status, exitCode: info.State.ExitCode };
  } catch {
    return undefined;
  }
}

/** What a suite on the real engine shares: the extension's API, undo steps, and commands to run. */
export interface EngineSuite {
  /** The activated extension's API (set by the suite's `before`). */
  readonly api: WharfApi;
  /** Undone after each test, the last pushed first. */
  readonly cleanup: Array<() => Promise<unknown> | unknown>;
  run<T>(command: string, ...args: unknown[]): Thenable<T>;
}

/**
 * Called inside a `describe`: activates Wharf before the suite and, after each test, forgets its
 * queued answers and recorded questions and undoes what the test set up.
 */
export function engineSuite(): EngineSuite {
  let api: WharfApi | undefined;
  const cleanup: EngineSuite['cleanup'] = [];
  before(async () => { api = await wharf(); });
  afterEach(async () => {
    api?.prompts.reset();
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });
  return {
    get api(): WharfApi {
      if (!api) throw new Error('the suite has not activated Wharf yet (engineSuite() registers a before hook)');
      return api;
    },
    cleanup,
    run: <T>(command: string, ...args: unknown[]): Thenable<T> => vscode.commands.executeCommand<T>(command, ...args),
  };
}
