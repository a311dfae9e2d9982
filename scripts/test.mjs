// npm test: provisions what is missing, builds, starts the private engines, runs the four tiers
// (unit, engine, host, e2e), stops everything it started (also on failure, Ctrl-C or SIGTERM),
// and ends with one line "N passed, N failed, N skipped" summed over the tiers.
//   WHARF_TEST_TIERS=unit,engine  narrows a run on purpose.
//   WHARF_TEST_REPEAT=N           runs the tiers N times, each round on freshly started engines
//                                 (as N separate CI runs would), builds once, and lists how often
//                                 each failing test failed out of N.
//   WHARF_TEST_LOAD=1             keeps one core busy with a CPU hog for the whole run.
//   WHARF_TEST_GREP filters mocha tests by title, WHARF_TEST_SKIP_CHECKS=1 skips type-check and
//   eslint, WHARF_TEST_SKIP_BUILD=1 uses dist/ and out/ as they are (a caller that has built:
//   the unit tier's test of this harness).
// Everything the run writes to disk lives below one temp folder, also its children's temp files
// (TMPDIR points there), removed last.
import { mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provision } from './lib/provision.mjs';
import { startDockerd, startNetnsDockerd, startPodman, startRegistry, buildTestImage, copyImage, TEST_IMAGE } from './lib/engines.mjs';
import { startAuthRegistries } from './lib/registries.mjs';
import { createStoppers, isStopping, onStop, removeTree, run, startCpuHog } from './lib/lifecycle.mjs';
import { ensureVSCodeServer } from './lib/vscodeServer.mjs';

const ALL_TIERS = ['unit', 'engine', 'host', 'e2e'];
const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);

const tiers = (process.env.WHARF_TEST_TIERS ?? ALL_TIERS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
for (const t of tiers) if (!ALL_TIERS.includes(t)) { console.error(`Unknown tier "${t}" in WHARF_TEST_TIERS (known: ${ALL_TIERS.join(', ')})`); process.exit(2); }
const rounds = Number(process.env.WHARF_TEST_REPEAT ?? 1);
if (!Number.isInteger(rounds) || rounds < 1) { console.error(`WHARF_TEST_REPEAT must be a whole number ≥ 1, not "${process.env.WHARF_TEST_REPEAT}"`); process.exit(2); }

const log = (msg) => console.log(`[wharf-test] ${msg}`);
const stoppers = createStoppers('wharf-test');

function readStats(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, note: 'wrote no results (crashed before its runner finished)' };
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Every failure gets a title, so that repeated rounds can count it: one the tier could not pin
 * on a test (its runner crashed, ran nothing, or exited non-zero outside any test) is named after
 * the tier.
 */
function withTitles(tier, stats) {
  const failures = [...(stats.failures ?? [])];
  while (failures.length < stats.failed) failures.push({ title: `(${tier} tier: ${stats.note ?? 'failed outside any test, see its log'})`, error: '' });
  return { ...stats, passes: stats.passes ?? [], failures };
}

async function mochaTier(tier, { env, timeoutMs, dir }) {
  const statsFile = join(dir, `${tier}.stats.json`);
  const code = await run(process.execPath, [
    'node_modules/mocha/bin/mocha.js', '--reporter', resolve('scripts/lib/mochaStatsReporter.cjs'),
    '--timeout', String(timeoutMs), '--recursive', `out/test/${tier}/**/*.test.js`,
    ...(process.env.WHARF_TEST_GREP ? ['--grep', process.env.WHARF_TEST_GREP] : []),
  ], { env: { ...env, WHARF_TEST_STATS_FILE: statsFile }, allowFail: true });
  const stats = readStats(statsFile);
  if (code !== 0 && stats.failed === 0) stats.failed = 1; // the runner failed outside any test
  return stats;
}

/** One round: fresh engines in a folder of their own, the tiers in order, then the engines stopped. */
async function runRound(dir, artifactsDir) {
  const results = [];
  const stops = [];
  mkdirSync(dir, { recursive: true });
  try {
    const env = {};
    const workbenchEnv = {};
    if (tiers.some((t) => t !== 'unit')) {
      const t0 = Date.now();
      // The label lets the engine tier check that Wharf reads a daemon's labels (as the Engine view
      // does for npm start's demo engine, labelled wharf.demo=true).
      const dockerd = await startDockerd(join(dir, 'd'), log, { labels: ['wharf.test=true'] });
      stops.push(dockerd.stop);
      env.WHARF_TEST_DOCKER_HOST = dockerd.host;
      await buildTestImage(dockerd.socket, dir);
      if (tiers.includes('engine')) {
        const podman = await startPodman(join(dir, 'p'), log);
        stops.push(podman.stop);
        env.WHARF_TEST_PODMAN_HOST = podman.host;
        // What a `podman` CLI (podman-compose's) needs to reach the same containers.
        env.WHARF_TEST_PODMAN_CONF = podman.cliEnv.CONTAINERS_CONF;
        env.WHARF_TEST_PODMAN_STORAGE_CONF = podman.cliEnv.CONTAINERS_STORAGE_CONF;
        await copyImage(dockerd.socket, podman.socket, TEST_IMAGE);
      }
      {
        // Swarm gets a dockerd of its own: a swarm adds networks (ingress, docker_gwbridge) and
        // ports that the other suites' counts must not see. The Swarm suites initialize and leave
        // it themselves (they test Init and Leave); the stop below removes whatever they left.
        const swarmd = await startDockerd(join(dir, 's'), log, { labels: ['wharf.test.swarm=true'] });
        stops.push(swarmd.stop);
        env.WHARF_TEST_SWARM_HOST = swarmd.host;
        await buildTestImage(swarmd.socket, join(dir, 's-image'));
        if (tiers.includes('engine')) {
          // A second node for the engine tier's multi-node suite, where the machine allows a
          // network namespace; where it does not, the suite is skipped with this reason.
          try {
            const worker = await startNetnsDockerd(join(dir, 'w'), log);
            stops.push(worker.stop);
            await copyImage(swarmd.socket, worker.socket, TEST_IMAGE);
            Object.assign(env, { WHARF_TEST_SWARM_WORKER_HOST: worker.host, WHARF_TEST_SWARM_MANAGER_ADDR: worker.hostAddr, WHARF_TEST_SWARM_WORKER_ADDR: worker.nsAddr });
          } catch (e) {
            env.WHARF_TEST_SWARM_WORKER_UNAVAILABLE = String(e.message ?? e).split('\n')[0];
            log(`no second swarm node: ${env.WHARF_TEST_SWARM_WORKER_UNAVAILABLE}`);
          }
        }
      }
      if (tiers.includes('engine') || tiers.includes('host')) {
        // Push and pull are tested in both tiers, always against this local registry.
        const registry = await startRegistry(join(dir, 'r'), log);
        stops.push(registry.stop);
        env.WHARF_TEST_REGISTRY = registry.address;
      }
      if (tiers.some((t) => ['engine', 'host', 'e2e'].includes(t))) {
        // Log in, browse, push and pull with credentials: htpasswd and bearer-token registries.
        const auth = await startAuthRegistries(join(dir, 'ra'), log);
        stops.push(auth.stop);
        Object.assign(env, {
          WHARF_TEST_BASIC_REGISTRY: auth.basic, WHARF_TEST_TOKEN_REGISTRY: auth.token,
          WHARF_TEST_REGISTRY_USER: auth.user, WHARF_TEST_REGISTRY_PASSWORD: auth.password,
        });
      }
      // The workbench's Wharf (host, e2e) reads and writes docker's credentials here, never in the
      // user's ~/.docker. The engine tier's suites name their own config folders; there a
      // DOCKER_CONFIG made podman-compose's runs fail (observed with 1.0.3 and Podman 4.3).
      workbenchEnv.DOCKER_CONFIG = join(dir, 'docker-config');
      mkdirSync(workbenchEnv.DOCKER_CONFIG, { recursive: true });
      log(`engines ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    }
    for (const tier of tiers) {
      if (isStopping()) break;
      const t0 = Date.now();
      log(`── ${tier} tier ──`);
      let stats;
      try {
        if (tier === 'unit') stats = await mochaTier('unit', { env: {}, timeoutMs: 120000, dir });
        else if (tier === 'engine') stats = await mochaTier('engine', { env, timeoutMs: 120000, dir });
        else if (tier === 'host') stats = await (await import('./lib/hostTier.mjs')).runHostTier({ env: { ...env, ...workbenchEnv }, artifactsDir, log });
        else stats = await (await import('./lib/e2eTier.mjs')).runE2ETier({ env: { ...env, ...workbenchEnv }, artifactsDir, log });
      } catch (e) {
        console.error(`[wharf-test] ${tier} tier failed to run: ${e.stack ?? e}`);
        stats = { passed: 0, failed: 1, skipped: 0, note: `failed to run: ${String(e.message ?? e).split('\n')[0]}` };
      }
      if (stats.passed + stats.failed === 0) {
        console.error(`[wharf-test] ${tier} tier ran no test: counted as a failure`);
        stats = { ...stats, failed: 1, note: 'ran no test' };
      }
      results.push({ tier, ...withTitles(tier, stats), seconds: (Date.now() - t0) / 1000 });
    }
  } finally {
    for (const stop of stops.reverse()) {
      try { await stop(); } catch (e) { console.error(`[wharf-test] cleanup: ${e.message}`); }
    }
    removeTree(dir);
  }
  return results;
}

/** The failing tests over all rounds, most often failing first: [{ key, count }]. */
function failureCounts(results) {
  const counts = new Map();
  for (const r of results) {
    // A test failing twice in one round (test and hook) still failed in one round.
    for (const title of new Set(r.failures.map((f) => f.title))) {
      const key = `${r.tier} › ${title}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

async function main() {
  const started = Date.now();
  // Everything needed is checked (and installed as root) before anything is started.
  provision(tiers, log);
  const runDir = mkdtempSync(join(tmpdir(), 'wharf-'));
  onStop(() => removeTree(runDir));
  process.env.TMPDIR = runDir;
  log(`run folder: ${runDir}`);
  if (process.env.WHARF_TEST_LOAD === '1') startCpuHog(log);

  if (process.env.WHARF_TEST_SKIP_BUILD === '1') {
    log('WHARF_TEST_SKIP_BUILD=1: using dist/ and out/ as built by the caller');
  } else {
    log('building');
    await run('npm', ['run', '--silent', 'build']);
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);
  }
  if (process.env.WHARF_TEST_SKIP_CHECKS !== '1') {
    log('type-checking and linting');
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
    await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
  }
  // The server's one-time install (minutes) happens before any engine is running.
  if (tiers.includes('host') || tiers.includes('e2e')) await ensureVSCodeServer({ log });

  const artifactsDir = join(root, 'test-artifacts');
  mkdirSync(artifactsDir, { recursive: true });
  const results = [];
  for (let round = 1; round <= rounds && !isStopping(); round++) {
    if (rounds > 1) log(`══ round ${round}/${rounds} ══`);
    for (const r of await runRound(join(runDir, `r${round}`), artifactsDir)) results.push({ round, ...r });
  }
  if (stoppers.signal()) return null; // interrupted: what ran is not a result

  log('── summary ──');
  for (const r of results) {
    const prefix = rounds > 1 ? `round ${String(r.round).padStart(String(rounds).length)} ` : '';
    log(`${prefix}${r.tier.padEnd(7)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped  ${r.seconds.toFixed(1)}s`);
  }
  const failing = failureCounts(results);
  if (failing.length) {
    log(rounds > 1 ? `── failed tests, in how many of ${rounds} rounds ──` : '── failed tests ──');
    for (const { key, count } of failing) log(`  ${count}/${rounds}  ${key}`);
  } else if (rounds > 1) {
    const distinct = new Set(results.flatMap((r) => r.passes.map((t) => `${r.tier} › ${t}`))).size;
    log(`no test failed in any of ${rounds} rounds (${distinct} distinct tests)`);
  }
  log(`total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  return { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
}

let summary;
try {
  summary = await main();
} catch (e) {
  // Interrupted, a step fails because its process was stopped: that is no error to report.
  if (!stoppers.signal()) console.error(`[wharf-test] ${e.stack ?? e}`);
  summary = null;
} finally {
  await stoppers.stopAll();
}
// Interrupted: no summary, the exit code says which signal (the handler exits the same way).
if (stoppers.signal()) process.exit(128 + constants.signals[stoppers.signal()]);
if (!summary) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(summary.failed === 0 ? 0 : 1);
