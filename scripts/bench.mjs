// npm run bench [-- name …]: builds, compiles the benchmarks (bench/*.bench.ts → out/bench/*.bench.js),
// starts a private dockerd (the same one the test tiers use, in a temp folder) when a selected
// benchmark needs an engine, and runs each benchmark as its own node process. Benchmarks print
// their figures; this runner never judges them: it exits non-zero only when a benchmark crashed
// (or the build / engine start failed). Everything it started is stopped on success, failure
// and Ctrl-C.
//
// The environment a benchmark gets:
//   DOCKER_HOST=unix://<private socket>, WHARF_BENCH_DOCKER_SOCKET=<that socket's path>,
//   WHARF_BENCH_TEST_IMAGE=wharf-test/busybox:latest (built FROM scratch in that engine);
//   for the explorer benchmark also WHARF_BENCH_PODMAN_SOCKET (a private Podman, the second engine).
// `npm run bench -- store lint` runs only the benchmarks whose name contains one of the words.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provision } from './lib/provision.mjs';
import { startDockerd, startPodman, buildTestImage, copyImage, TEST_IMAGE } from './lib/engines.mjs';
import { createStoppers, run } from './lib/lifecycle.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);

/** Benchmarks that never talk to an engine: no dockerd is started for a run of only these. */
const NO_ENGINE = new Set(['lint', 'activation', 'hostile', 'editing']);

const log = (msg) => console.log(`[wharf-bench] ${msg}`);
const stoppers = createStoppers('wharf-bench');
const words = process.argv.slice(2).filter((a) => a.trim());

async function main() {
  log('building');
  await run('npm', ['run', '--silent', 'build']);
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);

  const all = readdirSync(join(root, 'out', 'bench')).filter((f) => f.endsWith('.bench.js')).map((f) => f.slice(0, -'.bench.js'.length)).sort();
  // Compiled output outlives its source: run only benchmarks whose .ts still exists.
  const sources = new Set(readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)));
  const known = all.filter((name) => sources.has(name));
  const selected = words.length ? known.filter((name) => words.some((w) => name.includes(w))) : known;
  if (selected.length === 0) {
    console.error(`[wharf-bench] no benchmark matches ${words.map((w) => `"${w}"`).join(' ')} (known: ${known.join(', ')})`);
    return 2;
  }
  log(`benchmarks: ${selected.join(', ')}`);

  const env = { WHARF_BENCH_TEST_IMAGE: TEST_IMAGE };
  if (selected.some((name) => !NO_ENGINE.has(name))) {
    // The benchmarks in the real workbench also need the VS Code server and Chromium.
    provision(selected.some((name) => name === 'explorer' || name === 'inspect') ? ['engine', 'host'] : ['engine'], log);
    const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
    stoppers.add(async () => rmSync(scratch, { recursive: true, force: true }));
    const t0 = Date.now();
    const dockerd = await startDockerd(join(scratch, 'd'), log);
    stoppers.add(dockerd.stop);
    await buildTestImage(dockerd.socket, scratch);
    log(`engine ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    Object.assign(env, { DOCKER_HOST: dockerd.host, WHARF_BENCH_DOCKER_SOCKET: dockerd.socket });
    if (selected.includes('explorer')) {
      // The explorer's "two engines" figures: dockerd and Podman side by side (wharf.engines).
      const podman = await startPodman(join(scratch, 'p'), log);
      stoppers.add(podman.stop);
      await copyImage(dockerd.socket, podman.socket, TEST_IMAGE);
      Object.assign(env, { WHARF_BENCH_PODMAN_SOCKET: podman.socket });
    }
  }

  const crashed = [];
  for (const name of selected) {
    const t0 = Date.now();
    log(`── ${name} ──`);
    const engineEnv = NO_ENGINE.has(name) ? { WHARF_BENCH_TEST_IMAGE: TEST_IMAGE } : env;
    const code = await runBench(name, engineEnv);
    log(`${name} ${code === 0 ? 'finished' : `CRASHED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    if (code !== 0) crashed.push(name);
  }
  if (crashed.length) {
    console.error(`[wharf-bench] crashed: ${crashed.join(', ')}`);
    return 1;
  }
  return 0;
}

/** One benchmark as its own node process; a Ctrl-C or failure of the runner stops it first. */
function runBench(name, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join('out', 'bench', `${name}.bench.js`)], { stdio: 'inherit', env: { ...process.env, ...env } });
    const exited = new Promise((r) => child.once('exit', r));
    // Registered after the engine, so it runs before the engine is stopped (stops run in reverse).
    stoppers.add(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // the benchmark removes what it created, then exits
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
      if (!done) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

let code;
try {
  code = await main();
} catch (e) {
  console.error(`[wharf-bench] ${e.stack ?? e}`);
  code = 1;
} finally {
  await stoppers.stopAll();
}
process.exit(code);
