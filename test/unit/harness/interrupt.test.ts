// Ctrl-C leaves nothing behind: the real `npm test` runner (scripts/test.mjs, on the dist/ and
// out/ the unit tier already runs from) starts the engine tier — dockerd with containerd, Podman,
// the registry, then the tier's mocha — and once all of that runs and each engine also runs a
// container, gets SIGINT on its process group as a terminal's Ctrl-C would send it (or SIGTERM
// to the runner alone, as a cancelled CI job would). Afterwards no
// process it started may be alive (those seen in its process tree or pointing at its run folder,
// and their descendants, compared by start time so a reused pid is no false alarm), its bridge
// and the containers' network namespaces must be gone, and so must its run folder.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants } from 'node:os';
import Docker from 'dockerode';

const root = resolve(__dirname, '../../../..');
const TEST_IMAGE = 'wharf-test/busybox:latest';

interface Proc { pid: number; ppid: number; start: string; zombie: boolean; cmdline: string }

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state, ppid, …, starttime (20th).
    // A zombie has exited and only waits for its parent (here often pid 1) to reap it.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
    return { pid, ppid: Number(rest[1]), start: rest[19], zombie: rest[0] === 'Z', cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allProcesses(): Proc[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map((n) => readProc(Number(n))).filter((p): p is Proc => p !== undefined);
}

/** Whether a process's command line, environment or working folder points into `folder`. */
function pointsInto(pid: number, folder: string): boolean {
  const read = (f: string) => { try { return readFileSync(`/proc/${pid}/${f}`, 'latin1'); } catch { return ''; } };
  let cwd = '';
  try { cwd = readlinkSync(`/proc/${pid}/cwd`); } catch { /* gone or not ours */ }
  return read('cmdline').includes(folder) || read('environ').includes(folder) || cwd.startsWith(folder);
}

/** `roots` and every process below them. */
function withDescendants(procs: Proc[], roots: Set<number>): Proc[] {
  const found = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!found.has(p.pid) && found.has(p.ppid)) { found.add(p.pid); grew = true; }
  }
  return procs.filter((p) => found.has(p.pid));
}

/** The run's processes now: its own tree, what points into its run folder, and what runs below those. */
function runProcesses(runnerPid: number, runFolder: string): Proc[] {
  const procs = allProcesses();
  const roots = new Set([runnerPid, ...procs.filter((p) => pointsInto(p.pid, runFolder)).map((p) => p.pid)]);
  return withDescendants(procs, roots);
}

function stillAlive(p: Proc): boolean {
  const now = readProc(p.pid);
  return now !== undefined && now.start === p.start && !now.zombie;
}

/** The runner's output, line by line, with a way to wait for a line (a state it reports). */
class RunnerOutput {
  private text = '';
  private waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  constructor(child: ChildProcess) {
    const take = (chunk: Buffer) => {
      this.text += chunk.toString();
      this.waiters = this.waiters.filter((w) => {
        const m = this.text.match(w.re);
        if (m) w.resolve(m);
        return !m;
      });
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }
  get all(): string { return this.text; }
  /** Resolves with the first match of `re`; rejects when the runner exits first or `ms` pass. */
  line(re: RegExp, exited: Promise<unknown>, ms: number): Promise<RegExpMatchArray> {
    const now = this.text.match(re);
    if (now) return Promise.resolve(now);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms / 1000}s; the runner said:\n${this.text.slice(-3000)}`)), ms);
      this.waiters.push({ re, resolve: (m) => { clearTimeout(timer); resolvePromise(m); } });
      void exited.then(() => { clearTimeout(timer); reject(new Error(`the runner exited before printing ${re}:\n${this.text.slice(-3000)}`)); });
    });
  }
}

/** Polls `probe` (a state, read from /proc) until it yields a value. */
async function until<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a `sleep` container and returns its process id and network namespace path. */
async function runContainer(socketPath: string, name: string): Promise<{ pid: number; netns: string }> {
  const docker = new Docker({ socketPath });
  const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], name });
  await container.start();
  const info = await container.inspect();
  return { pid: info.State.Pid, netns: info.NetworkSettings.SandboxKey };
}

const load = new Function('url', 'return import(url)') as (url: string) => Promise<{
  missingPackages(purposes: string[]): { pkg: string; what: string }[];
  describeMissing(missing: { pkg: string; what: string }[]): string;
}>;

interface Interrupt { signal: 'SIGINT' | 'SIGTERM'; toGroup: boolean }

describe('harness: interrupted during the engine tier', function () {
  this.timeout(120_000);
  let runner: ChildProcess | undefined;
  let runnerExited: Promise<unknown> = Promise.resolve();
  let before: Proc[] = [];
  let runFolder = '';
  let bridge = '';

  afterEach(async function () {
    // A failing run of this test must not leak onto the machine either: let the runner finish
    // its own stops first (killing it halfway would strand what it had not reached yet), then
    // remove whatever is still there.
    this.timeout(120_000);
    if (runner && runner.exitCode === null && runner.signalCode === null && runner.pid) {
      try { process.kill(runner.pid, 'SIGTERM'); } catch { /* gone */ }
      const gaveUp = await Promise.race([runnerExited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 90_000).unref())]);
      if (gaveUp) { try { process.kill(-runner.pid, 'SIGKILL'); } catch { /* gone */ } }
    }
    const left = [...before.filter(stillAlive), ...(runFolder ? runProcesses(-1, runFolder).filter((p) => !p.zombie) : [])];
    for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
    // Unless a dockerd uses it: once this run let it go, another run may have claimed the name.
    if (bridge && !allProcesses().some((p) => p.cmdline.includes(`--bridge ${bridge} `))) spawnSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
    if (runFolder && existsSync(runFolder)) {
      for (const m of readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m?.startsWith(`${runFolder}/`))) {
        spawnSync('umount', ['-l', m]);
      }
      rmSync(runFolder, { recursive: true, force: true });
    }
    runner = undefined;
    before = [];
    runFolder = '';
    bridge = '';
  });

  async function interruptEngineTier({ signal, toGroup }: Interrupt): Promise<void> {
    // Never a skip: the unit tier is provisioned with what the engine tier needs.
    const { missingPackages, describeMissing } = await load(pathToFileURL(join(root, 'scripts/lib/provision.mjs')).href);
    const missing = missingPackages(['engine']);
    assert.deepEqual(missing, [], missing.length ? `this test starts the engine tier, which needs ${describeMissing(missing)}` : '');
    assert.ok(existsSync(join(root, 'out', 'test', 'engine')), 'out/test/engine is missing: run `npx tsc -p tsconfig.test.json` first');

    const env: NodeJS.ProcessEnv = { ...process.env, WHARF_TEST_TIERS: 'engine', WHARF_TEST_SKIP_BUILD: '1', WHARF_TEST_SKIP_CHECKS: '1' };
    for (const name of ['WHARF_TEST_GREP', 'WHARF_TEST_REPEAT', 'WHARF_TEST_LOAD']) delete env[name];
    // Its own process group, as `npm test` in a terminal has.
    runner = spawn(process.execPath, [join(root, 'scripts', 'test.mjs')], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const runnerPid = runner.pid!;
    const exited = new Promise<number | string>((r) => runner!.once('exit', (code, sig) => r(code ?? sig ?? 'unknown')));
    runnerExited = exited;
    const out = new RunnerOutput(runner);

    runFolder = (await out.line(/run folder: (\S+)/, exited, 30_000))[1];
    const [, dockerSocket, bridgeName] = await out.line(/dockerd up on unix:\/\/(\S+) \(bridge (\S+),/, exited, 60_000);
    bridge = bridgeName;
    const [, podmanSocket] = await out.line(/podman API up on unix:\/\/(\S+)/, exited, 60_000);
    await out.line(/── engine tier ──/, exited, 60_000);
    await until('the engine tier\'s mocha starting', () => runProcesses(runnerPid, runFolder).find((p) => p.cmdline.includes('mocha.js') && p.cmdline.includes('out/test/engine')), 30_000);
    const name = `wharf-harness-interrupt-${process.pid}`;
    const containers = [await runContainer(dockerSocket, name), await runContainer(podmanSocket, name)];

    before = runProcesses(runnerPid, runFolder);
    const seen = (re: RegExp) => before.some((p) => re.test(p.cmdline));
    for (const [what, re] of [['dockerd', /^dockerd /], ['containerd', /^containerd /], ['a containerd shim', /containerd-shim/],
      ['podman', /^podman .*system service/], ['conmon', /conmon/], ['the registry', /^docker-registry serve/], ['mocha', /mocha\.js/]] as const) {
      assert.ok(seen(re), `${what} is not running at the interrupt, so this test would prove nothing about it:\n${before.map((p) => `${p.pid} ${p.cmdline}`).join('\n')}`);
    }
    for (const c of containers) assert.ok(before.some((p) => p.pid === c.pid), `container process ${c.pid} is not seen as the run's`);

    process.kill(toGroup ? -runnerPid : runnerPid, signal);
    // Last started, first stopped: the tier's mocha is gone while the engine it talks to still
    // answers (else its tests would fail, one by one, against an engine shutting down).
    const mocha = before.filter((p) => p.cmdline.includes('mocha.js'));
    await until('the tier\'s mocha stopping', () => (mocha.some(stillAlive) ? undefined : true), 60_000);
    assert.equal(await new Docker({ socketPath: dockerSocket }).ping().then(String, (e: Error) => e.message), 'OK',
      'dockerd was stopped before the tests that use it');
    const timeout = new Promise<string>((r) => setTimeout(() => r(`still running 90 s after ${signal}`), 90_000).unref());
    const code = await Promise.race([exited, timeout]);
    assert.equal(code, 128 + constants.signals[signal], `the runner should exit 128 + ${signal}; it said:\n${out.all.slice(-3000)}`);

    const leftovers = [...before.filter(stillAlive), ...runProcesses(-1, runFolder).filter((p) => !p.zombie && !before.some((b) => b.pid === p.pid))];
    assert.deepEqual(leftovers.map((p) => `${p.pid} ${p.cmdline}`), [], `processes the run started outlived it; the runner said:\n${out.all.slice(-3000)}`);
    assert.doesNotMatch(out.all, /outlived their stop/, 'the orderly stops should have reached everything, not the last sweep');
    assert.ok(!existsSync(runFolder), `${runFolder} is left behind`);
    const links = spawnSync('ip', ['-o', 'link'], { encoding: 'utf8' }).stdout;
    assert.ok(!new RegExp(`^\\d+: ${bridge}[:@]`, 'm').test(links), `bridge ${bridge} is left behind`);
    bridge = '';
    for (const c of containers) if (c.netns) assert.ok(!existsSync(c.netns), `network namespace ${c.netns} is left behind`);
    // The Swarm worker's namespace and veth pair, where the machine allowed one.
    const workerNs = /dockerd up in network namespace (\S+)/.exec(out.all)?.[1];
    if (workerNs) {
      assert.ok(!existsSync(`/run/netns/${workerNs}`), `network namespace ${workerNs} is left behind`);
      assert.ok(!new RegExp(`^\\d+: wsw${workerNs.slice('wharfsw'.length)}h[:@]`, 'm').test(spawnSync('ip', ['-o', 'link'], { encoding: 'utf8' }).stdout), `the veth of ${workerNs} is left behind`);
    }
  }

  it('Ctrl-C (SIGINT to its process group) stops dockerd, containerd, the containers, Podman, the registry and mocha, and removes the bridge and the run folder', async () => {
    await interruptEngineTier({ signal: 'SIGINT', toGroup: true });
  });

  it('SIGTERM to the runner alone (a CI job cancelled) does the same: nothing else gets a signal', async () => {
    await interruptEngineTier({ signal: 'SIGTERM', toGroup: false });
  });
});
