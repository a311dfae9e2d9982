// What `npm test`, `npm run bench` and the tiers share about the things a run starts. One rule:
// whatever is started (a process, a bridge, a temp folder) registers its stop with onStop() the
// moment it exists, not once it is ready, so that a stop on success, on failure, on Ctrl-C or on
// SIGTERM reaches it: stops run last-started first, each exactly once. Every child runs as the
// leader of its own process group and is stopped by group, so its helpers (extension hosts, pty
// hosts, renderers) go with it. Last, anything still carrying this run's marker in its
// environment (WHARF_RUN_ID, inherited by every descendant) is killed and named in the log: a
// leak the orderly stops missed shows up instead of outliving the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';

const registered = [];
let stopping = null;
let marker = null;
let logPrefix = 'wharf';

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Registers a stop and returns it: calling the returned function runs `fn` once (later calls
 * get the same promise) and forgets it. Registered while the run is already stopping, it runs
 * at once: whatever was just started must not outlive the run.
 */
export function onStop(fn) {
  let done = null;
  const stop = () => {
    // Forgotten only once finished: stopAll() meeting a stop already under way waits for it
    // in its place instead of tearing down what that stop still needs.
    done ??= (async () => {
      try { await fn(); } finally {
        const i = registered.indexOf(stop);
        if (i >= 0) registered.splice(i, 1);
      }
    })();
    return done;
  };
  registered.push(stop);
  if (stopping) stop().catch((e) => console.error(`[${logPrefix}] cleanup: ${e.message}`));
  return stop;
}

export const isStopping = () => stopping !== null;

/** Runs every registered stop, last registered first, then kills what still carries the run's marker. */
export function stopAll() {
  stopping ??= (async () => {
    while (registered.length) {
      try { await registered[registered.length - 1](); } catch (e) { console.error(`[${logPrefix}] cleanup: ${e.message}`); }
    }
    if (marker) killMarked(marker);
  })();
  return stopping;
}

/**
 * Starts a run: marks this process's environment (children inherit it) and stops everything on
 * SIGINT, SIGTERM and SIGHUP, then exits with 128 + the signal's number. A second signal while
 * stopping does not cut the stops short (that would leak what they have not reached yet).
 */
export function createStoppers(prefix) {
  logPrefix = prefix;
  marker = `${prefix}-${process.pid}-${Date.now().toString(36)}`;
  process.env.WHARF_RUN_ID = marker;
  let received = null;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (received) { console.log(`[${prefix}] ${signal}: still stopping what the run started`); return; }
      received = signal;
      console.log(`[${prefix}] ${signal}: stopping everything started`);
      stopAll().finally(() => process.exit(128 + constants.signals[signal]));
    });
  }
  return { add: onStop, stopAll, stopping: isStopping, signal: () => received };
}

/** Whether a process group still has a member that has not exited (zombies waiting to be reaped do not count). */
function groupAlive(pgid) {
  try { process.kill(-pgid, 0); } catch (e) { return e.code === 'EPERM'; }
  if (!existsSync('/proc/self/stat')) return true;
  return readdirSync('/proc').some((name) => {
    if (!/^\d+$/.test(name)) return false;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch { return false; }
  });
}

function signalGroup(pgid, signal) {
  try { process.kill(-pgid, signal); } catch { /* the group is gone */ }
}

/**
 * Spawns `cmd` as the leader of a new process group, registered with onStop at once. Its stop
 * sends `signal` to the whole group, SIGKILL after `graceMs` if the leader is still there, and
 * SIGKILL again to whatever stayed in the group after the leader exited. `exited` resolves with
 * the exit code (or the signal's name) of the leader.
 */
export function spawnGroup(cmd, args, { signal = 'SIGTERM', graceMs = 10000, ...options } = {}) {
  const child = spawn(cmd, args, { ...options, detached: true });
  let leaderGone = false;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => { leaderGone = true; resolve(code ?? sig); });
    child.once('error', (e) => { leaderGone = true; resolve(e.code ?? 'error'); });
  });
  const stop = onStop(async () => {
    if (!child.pid) return;
    if (!leaderGone) {
      signalGroup(child.pid, signal);
      await Promise.race([exited, delay(graceMs)]);
    }
    if (!groupAlive(child.pid)) return;
    signalGroup(child.pid, 'SIGKILL');
    // The kernel removes killed members promptly; bounded, because one stuck in D state would never go.
    for (let i = 0; i < 100 && groupAlive(child.pid); i++) await delay(50);
  });
  return { child, exited, stop };
}

/**
 * Runs a command with the terminal, in its own process group (stopped by group on Ctrl-C, like
 * every child of a run); resolves with its exit code, rejects on failure unless allowFail.
 */
export async function run(cmd, args, { env = {}, allowFail = false } = {}) {
  const { exited, stop } = spawnGroup(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, signal: 'SIGINT' });
  const code = await exited;
  await stop();
  if (code === 0 || allowFail) return typeof code === 'number' ? code : 1;
  throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
}

/** Unmounts whatever is still mounted below dir (overlay layers, shm, netns), then removes it. */
export function removeTree(dir) {
  if (existsSync('/proc/self/mounts')) {
    const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1])
      .filter((m) => m && m.startsWith(dir + '/'));
    for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
  }
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch (e) { console.error(`[${logPrefix}] removing ${dir}: ${e.message}`); }
}

/** Pids of the processes (not this one) whose environment carries WHARF_RUN_ID=value. */
export function processesMarked(value) {
  const needle = `\0WHARF_RUN_ID=${value}\0`;
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (`\0${readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(needle)) found.push(Number(name));
    } catch { /* gone, or not ours to read */ }
  }
  return found;
}

function killMarked(value) {
  if (!existsSync('/proc/self/environ')) return;
  const pids = processesMarked(value);
  if (pids.length === 0) return;
  const names = pids.map((pid) => {
    try { return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim().slice(0, 120)}`; } catch { return String(pid); }
  });
  console.error(`[${logPrefix}] cleanup: ${pids.length} process(es) outlived their stop, killing them:\n  ${names.join('\n  ')}`);
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
}

/** Keeps one core busy for the whole run (WHARF_TEST_LOAD=1), as a loaded CI machine would. */
export function startCpuHog(log) {
  const { child } = spawnGroup(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', signal: 'SIGKILL', graceMs: 0 });
  log(`load: a CPU hog (pid ${child.pid}) keeps one core busy for the whole run`);
}
