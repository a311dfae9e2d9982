// The engine store's figures (issue 3, section 6), on the private engine `npm run bench` starts,
// with 1,000 containers (created, not started; labelled for cleanup, removed at the end):
//  (a) store load (a new store until its first full snapshot) vs a raw GET /containers/json?all=1
//      over the same socket with Node's plain http client vs `docker ps -a --no-trunc --format
//      '{{json .}}'`: medians over interleaved runs, and their ratios;
//  (b) event-to-store latency of one start or stop among the 1,000: from the engine's event
//      (its timeNano) and from the API call returning, to the store holding the new state;
//  (c) API requests per minute while idle, besides the event stream, counted by a socket proxy;
//  (d) 500 containers created and removed in a burst: from the last API call returning until the
//      store equals the engine's list.
// Prints one table, measured beside target. Reports, never judges: no exit code depends on a figure.
// Optional: WHARF_BENCH_CONTAINERS (1000), WHARF_BENCH_LOAD_RUNS (12, at least 10),
// WHARF_BENCH_EVENT_SAMPLES (30, at least 20), WHARF_BENCH_IDLE_MS (30000, at least 30000),
// WHARF_BENCH_BURST (500).
import { execFile } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { resolveEndpoint } from '../src/docker/connect';
import type { ContainerModel } from '../src/docker/model';
import { createEngineStore, type DockerEngineStore } from '../src/docker/store';
import { SocketProxy } from '../test/engine/socketProxy';
import { api, benchImage, benchSocket, EventWatcher, pool, rawRequest } from './lib/engine';
import { epochMs, figures, ms, ratio, table, type Figures } from './lib/figures';

const CONTAINERS = Number(process.env.WHARF_BENCH_CONTAINERS ?? 1000);
const LOAD_RUNS = Math.max(10, Number(process.env.WHARF_BENCH_LOAD_RUNS ?? 12));
const EVENT_SAMPLES = Math.max(20, Number(process.env.WHARF_BENCH_EVENT_SAMPLES ?? 30));
const IDLE_MS = Math.max(30_000, Number(process.env.WHARF_BENCH_IDLE_MS ?? 30_000));
const BURST = Number(process.env.WHARF_BENCH_BURST ?? 500);
/** Creating and removing in parallel, as a compose up/down or a script would. */
const CONCURRENCY = 8;
const LABEL = 'wharf.bench.store';
const runId = `${process.pid}-${Date.now().toString(36)}`;

const socket = benchSocket();
const image = benchImage();
const log = (line: string): void => console.log(`[store] ${line}`);

interface Summary { Id: string; State: string }

async function createContainers(count: number, tag: string): Promise<string[]> {
  return pool(Array.from({ length: count }, (_, i) => i), CONCURRENCY, async (i) => {
    const created = await api<{ Id: string }>(socket, 'POST', `/containers/create?name=wharf-bench-${tag}-${runId}-${i}`, {
      Image: image, Cmd: ['sleep', '3600'], Labels: { [LABEL]: runId }, HostConfig: { NetworkMode: 'none' },
    });
    return created.Id;
  });
}

async function removeContainers(ids: readonly string[]): Promise<void> {
  await pool(ids, CONCURRENCY, (id) => api(socket, 'DELETE', `/containers/${id}?force=1`));
}

function newStore(host = `unix://${socket}`): DockerEngineStore {
  return createEngineStore({ endpoint: resolveEndpoint({ host }), log: (line) => log(`store: ${line}`) });
}

/** Resolves (with the epoch ms) as soon as a store change makes `check` true; checks once at once. */
/** A store that never gets there is a broken store: the benchmark says so instead of hanging. */
const WHEN_STORE_LIMIT_MS = 60_000;

function whenStore(store: DockerEngineStore, check: () => boolean, clock: () => number, what = 'the expected state'): Promise<number> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve(clock());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the store did not reach ${what} within ${WHEN_STORE_LIMIT_MS / 1000} s`));
    }, WHEN_STORE_LIMIT_MS);
    const subscription = store.onDidChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(clock());
    });
  });
}

function dockerCli(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    execFile('docker', ['-H', `unix://${socket}`, 'ps', '-a', '--no-trunc', '--format', '{{json .}}'], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, DOCKER_CONFIG: '/nonexistent-wharf-bench' } }, (err, stdout) => {
      const elapsed = performance.now() - start;
      if (err) return reject(err);
      const rows = stdout.split('\n').filter(Boolean).length;
      if (rows < CONTAINERS) return reject(new Error(`docker ps listed ${rows} rows, expected at least ${CONTAINERS}`));
      resolve(elapsed);
    });
  });
}

async function hasDockerCli(): Promise<boolean> {
  return new Promise((resolve) => execFile('docker', ['--version'], (err) => resolve(!err)));
}

// ---- (a) load ---------------------------------------------------------------------------

interface LoadFigures { store: Figures; raw: Figures; rawParsed: Figures; cli?: Figures }

async function measureLoad(): Promise<LoadFigures> {
  const cli = await hasDockerCli();
  const storeRuns: number[] = [];
  const rawRuns: number[] = [];
  const parsedRuns: number[] = [];
  const cliRuns: number[] = [];
  const once = {
    store: async (): Promise<number> => {
      const start = performance.now();
      const store = newStore();
      await store.ready();
      const elapsed = performance.now() - start;
      const count = store.containers().length;
      store.dispose();
      if (count < CONTAINERS) throw new Error(`the store loaded ${count} containers, expected at least ${CONTAINERS}`);
      return elapsed;
    },
    raw: async (): Promise<[number, number]> => {
      const start = performance.now();
      const answer = await rawRequest(socket, 'GET', '/containers/json?all=1');
      const got = performance.now();
      const rows = JSON.parse(answer.body.toString()) as unknown[];
      const parsed = performance.now();
      if (rows.length < CONTAINERS) throw new Error(`raw list had ${rows.length} rows`);
      return [got - start, parsed - start];
    },
  };
  // One unmeasured round: JIT, the engine's caches and the CLI's binary in the page cache.
  await once.store();
  await once.raw();
  if (cli) await dockerCli();
  for (let run = 0; run < LOAD_RUNS; run++) {
    // Interleaved, the order rotating, so drift (GC, the engine's own work) hits all alike.
    const steps = [
      async () => storeRuns.push(await once.store()),
      async () => { const [got, parsed] = await once.raw(); rawRuns.push(got); parsedRuns.push(parsed); },
      ...(cli ? [async () => cliRuns.push(await dockerCli())] : []),
    ];
    for (let k = 0; k < steps.length; k++) await steps[(run + k) % steps.length]();
  }
  return { store: figures(storeRuns), raw: figures(rawRuns), rawParsed: figures(parsedRuns), cli: cli ? figures(cliRuns) : undefined };
}

// ---- (b) event → store ------------------------------------------------------------------

interface LatencyFigures { fromEvent: Figures; fromCall: Figures; beforeCallReturned: number }

async function measureEvents(ids: readonly string[]): Promise<LatencyFigures> {
  const store = newStore();
  await store.ready();
  const watcher = new EventWatcher(socket, epochMs);
  await watcher.start();
  const fromEvent: number[] = [];
  const fromCall: number[] = [];
  let beforeCallReturned = 0;
  try {
    for (let i = 0; i < EVENT_SAMPLES; i++) {
      // Alternate: start one container, next sample stop it (kill at once: t=0).
      const id = ids[Math.floor(i / 2) * 7 % ids.length];
      const starting = i % 2 === 0;
      const want: ContainerModel['state'] = starting ? 'running' : 'exited';
      const action = starting ? 'start' : 'die';
      const event = watcher.next((e) => e.type === 'container' && e.id === id && e.action === action);
      const reflected = whenStore(store, () => store.container(id)?.state === want, epochMs, `${id.slice(0, 12)} ${want}`);
      await api(socket, 'POST', `/containers/${id}/${starting ? 'start' : 'stop?t=0'}`);
      const returned = epochMs();
      const [seen, at] = await Promise.all([event, reflected]);
      fromEvent.push(at - seen.timeNano / 1e6);
      fromCall.push(at - returned);
      if (at <= returned) beforeCallReturned += 1;
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the rest of the lifecycle's events settle
    }
  } finally {
    watcher.stop();
    store.dispose();
  }
  return { fromEvent: figures(fromEvent), fromCall: figures(fromCall), beforeCallReturned };
}

// ---- (c) idle ---------------------------------------------------------------------------

interface IdleFigures { requests: number; windowMs: number; perMinute: number; engineEvents: number; paths: string[] }

async function measureIdle(): Promise<IdleFigures> {
  const proxy = new SocketProxy(socket);
  await proxy.listen();
  const watcher = new EventWatcher(socket, epochMs);
  await watcher.start();
  const store = newStore(proxy.host);
  try {
    await store.ready();
    await watcher.quiet(2000, 30_000);
    const mark = proxy.requests.length;
    const eventsMark = watcher.events.length;
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const windowMs = performance.now() - start;
    const requests = proxy.requestsSince(mark).filter((r) => !r.path.includes('/events'));
    return { requests: requests.length, windowMs, perMinute: requests.length / (windowMs / 60_000), engineEvents: watcher.events.length - eventsMark, paths: requests.map((r) => `${r.method} ${r.path}`) };
  } finally {
    store.dispose();
    watcher.stop();
    await proxy.close();
  }
}

// ---- (d) burst --------------------------------------------------------------------------

interface BurstFigures { convergeMs: number; burstMs: number; storeCount: number; engineCount: number }

function sameAsEngine(store: DockerEngineStore, listed: Summary[]): boolean {
  const containers = store.containers();
  if (containers.length !== listed.length) return false;
  return listed.every((row) => store.container(row.Id)?.state === row.State);
}

async function measureBurst(): Promise<BurstFigures> {
  const store = newStore();
  await store.ready();
  try {
    const start = performance.now();
    const ids = await createContainers(BURST, 'burst');
    await removeContainers(ids);
    const lastReturned = performance.now();
    // Nothing else changes the engine now, so this list is the state the store must reach.
    const listed = await api<Summary[]>(socket, 'GET', '/containers/json?all=1');
    const converged = await whenStore(store, () => sameAsEngine(store, listed), () => performance.now(), 'the engine\'s list after the burst');
    const final = isDeepStrictEqual(new Set(store.containers().map((c) => c.id)), new Set(listed.map((c) => c.Id)));
    if (!final) throw new Error('store and engine lists differ after converging');
    return { convergeMs: Math.max(0, converged - lastReturned), burstMs: lastReturned - start, storeCount: store.containers().length, engineCount: listed.length };
  } finally {
    store.dispose();
  }
}

// ---- main -------------------------------------------------------------------------------

let cleaning: Promise<void> | undefined;
/** Removes every container this run made; once, whoever asks first (the end of main, or Ctrl-C). */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    const mine = await api<Summary[]>(socket, 'GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${LABEL}=${runId}`] }))}`);
    if (mine.length) log(`removing ${mine.length} containers`);
    // A burst container may be on its way out already: gone is what we wanted.
    await pool(mine, CONCURRENCY, async (c) => { const answer = await rawRequest(socket, 'DELETE', `/containers/${c.Id}?force=1`); if (answer.status >= 300 && answer.status !== 404) throw new Error(`DELETE ${c.Id}: HTTP ${answer.status}`); });
  })();
  return cleaning;
}

async function main(): Promise<void> {
  const version = await api<{ Version: string; ApiVersion: string }>(socket, 'GET', '/version');
  log(`engine ${version.Version} (API ${version.ApiVersion}) at unix://${socket}; ${CONTAINERS} containers; node ${process.version}`);
  const t0 = performance.now();
  const ids = await createContainers(CONTAINERS, 'c');
  log(`created ${ids.length} containers in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

  log(`(a) load: ${LOAD_RUNS} interleaved runs each`);
  const load = await measureLoad();
  log(`(b) event → store: ${EVENT_SAMPLES} samples`);
  const events = await measureEvents(ids);
  log(`(c) idle: a ${IDLE_MS / 1000}s window`);
  const idle = await measureIdle();
  log(`(d) burst: ${BURST} created then removed, ${CONCURRENCY} at a time`);
  const burst = await measureBurst();

  console.log('');
  console.log(table(['figure', 'measured', 'target'], [
    ['(a) store load, median', `${ms(load.store.median)} (p90 ${ms(load.store.p90)})`, ''],
    ['    raw GET /containers/json?all=1, median', `${ms(load.raw.median)} (+JSON.parse ${ms(load.rawParsed.median)})`, ''],
    ['    docker ps -a --no-trunc --format json, median', load.cli ? ms(load.cli.median) : 'no docker CLI', ''],
    ['    store ÷ raw GET', ratio(load.store.median / load.raw.median), '≤ 1.30×'],
    ['    store ÷ raw GET+parse', ratio(load.store.median / load.rawParsed.median), ''],
    ['    store ÷ docker ps', load.cli ? ratio(load.store.median / load.cli.median) : 'n/a', ''],
    ['(b) event → store, from the event\'s timeNano', `median ${ms(events.fromEvent.median)}, p90 ${ms(events.fromEvent.p90)} (n=${events.fromEvent.n})`, '≤ 20 ms median'],
    ['    from the API call returning', `median ${ms(events.fromCall.median)}, p90 ${ms(events.fromCall.p90)} (${events.beforeCallReturned}/${events.fromCall.n} already there)`, ''],
    ['(c) idle requests besides /events', `${idle.perMinute.toFixed(1)}/min (${idle.requests} in ${(idle.windowMs / 1000).toFixed(1)}s; engine events meanwhile: ${idle.engineEvents})`, '0'],
    ['(d) burst converged after the last call', `${ms(burst.convergeMs)} (burst took ${(burst.burstMs / 1000).toFixed(1)}s; ${burst.storeCount} = ${burst.engineCount} containers)`, '≤ 1000 ms'],
  ]));
  if (idle.paths.length) console.log(`idle requests: ${idle.paths.slice(0, 20).join(', ')}`);
  console.log(`(a) samples: store ${ms(load.store.min)}–${ms(load.store.max)}, raw ${ms(load.raw.min)}–${ms(load.raw.max)}${load.cli ? `, docker ps ${ms(load.cli.min)}–${ms(load.cli.max)}` : ''}`);
  console.log('Figures are reported, never judged: this benchmark has no pass or fail.');
}

let exitCode = 0;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Once (the terminal and the runner may both send it), and bounded: on Ctrl-C the runner is
  // stopping the engine too, and must not wait on us forever.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    void Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 10_000))]).finally(() => process.exit(130));
  });
}
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  exitCode = 1;
}).finally(async () => {
  await cleanup().catch((err: unknown) => console.error(`cleanup: ${String(err)}`));
  process.exit(exitCode);
});
