// What `npm test` and `npm run bench` share about the things they start: a list of stop
// functions run in reverse order exactly once (on success, on failure and on Ctrl-C), and a
// child-process runner that inherits the terminal.
import { spawn } from 'node:child_process';

/**
 * Stops registered with `add` run last-in first-out when `stopAll` is called; SIGINT, SIGTERM and
 * SIGHUP call it and then exit with 130. `stopAll` is idempotent: every caller awaits the same run;
 * `stopping()` says whether it has begun (a process ending then was stopped, not crashed).
 */
export function createStoppers(prefix) {
  const stoppers = [];
  let stopping = null;
  const stopAll = () => {
    stopping ??= (async () => {
      for (const stop of stoppers.reverse()) {
        try { await stop(); } catch (e) { console.error(`[${prefix}] cleanup: ${e.message}`); }
      }
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.log(`[${prefix}] ${signal}: stopping everything started`);
      stopAll().finally(() => process.exit(130));
    });
  }
  return { add: (stop) => stoppers.push(stop), stopAll, stopping: () => stopping !== null };
}

/** Runs a command with the terminal; resolves with its exit code, rejects on failure unless allowFail. */
export function run(cmd, args, { env = {}, allowFail = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 || allowFail) resolvePromise(code ?? 1);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}
