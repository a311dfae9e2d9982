// npm test: provisions what is missing, builds, starts the private engines, runs the four tiers
// (unit, engine, host, e2e), stops everything it started (also on failure or Ctrl-C), and ends
// with one line "N passed, N failed, N skipped" summed over the tiers.
// WHARF_TEST_TIERS=unit,engine narrows a run on purpose; WHARF_TEST_GREP filters mocha tests by
// title and WHARF_TEST_SKIP_CHECKS=1 skips type-check and eslint (both for quick local loops only).
import { mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provision } from './lib/provision.mjs';
import { startDockerd, startPodman, startRegistry, buildTestImage, copyImage, TEST_IMAGE } from './lib/engines.mjs';
import { createStoppers, run } from './lib/lifecycle.mjs';

const ALL_TIERS = ['unit', 'engine', 'host', 'e2e'];
const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);

const tiers = (process.env.WHARF_TEST_TIERS ?? ALL_TIERS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
for (const t of tiers) if (!ALL_TIERS.includes(t)) { console.error(`Unknown tier "${t}" in WHARF_TEST_TIERS (known: ${ALL_TIERS.join(', ')})`); process.exit(2); }

const log = (msg) => console.log(`[wharf-test] ${msg}`);
const stoppers = createStoppers('wharf-test');
const stopAll = stoppers.stopAll;

function readStats(file, tier) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, note: `${tier} tier wrote no results (crashed before its runner finished)` };
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function mochaTier(tier, { env, timeoutMs, scratch }) {
  const statsFile = join(scratch, `${tier}.stats.json`);
  const code = await run(process.execPath, [
    'node_modules/mocha/bin/mocha.js', '--reporter', resolve('scripts/lib/mochaStatsReporter.cjs'),
    '--timeout', String(timeoutMs), '--recursive', `out/test/${tier}/**/*.test.js`,
    ...(process.env.WHARF_TEST_GREP ? ['--grep', process.env.WHARF_TEST_GREP] : []),
  ], { env: { ...env, WHARF_TEST_STATS_FILE: statsFile }, allowFail: true });
  const stats = readStats(statsFile, tier);
  if (code !== 0 && stats.failed === 0) stats.failed = 1; // the runner failed outside any test
  return stats;
}

async function main() {
  const results = [];
  const started = Date.now();
  provision(tiers, log);

  log('building');
  await run('npm', ['run', '--silent', 'build']);
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);
  if (process.env.WHARF_TEST_SKIP_CHECKS !== '1') {
    log('type-checking and linting');
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
    await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
  }

  const scratch = mkdtempSync(join(tmpdir(), 'wharf-'));
  stoppers.add(async () => rmSync(scratch, { recursive: true, force: true }));
  const env = {};
  const needsEngine = tiers.some((t) => t !== 'unit');
  if (needsEngine) {
    const t0 = Date.now();
    // The label lets the engine tier check that Wharf reads a daemon's labels (as the Engine view
    // does for npm start's demo engine, labelled wharf.demo=true).
    const dockerd = await startDockerd(join(scratch, 'd'), log, { labels: ['wharf.test=true'] });
    stoppers.add(dockerd.stop);
    env.WHARF_TEST_DOCKER_HOST = dockerd.host;
    await buildTestImage(dockerd.socket, scratch);
    if (tiers.includes('engine')) {
      const podman = await startPodman(join(scratch, 'p'), log);
      stoppers.add(podman.stop);
      env.WHARF_TEST_PODMAN_HOST = podman.host;
      await copyImage(dockerd.socket, podman.socket, TEST_IMAGE);
    }
    if (tiers.includes('engine') || tiers.includes('host')) {
      // Push and pull are tested in both tiers, always against this local registry.
      const registry = await startRegistry(join(scratch, 'r'), log);
      stoppers.add(registry.stop);
      env.WHARF_TEST_REGISTRY = registry.address;
    }
    log(`engines ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  const artifactsDir = join(root, 'test-artifacts');
  mkdirSync(artifactsDir, { recursive: true });

  for (const tier of tiers) {
    const t0 = Date.now();
    log(`── ${tier} tier ──`);
    let stats;
    try {
      if (tier === 'unit') stats = await mochaTier('unit', { env: {}, timeoutMs: 120000, scratch });
      else if (tier === 'engine') stats = await mochaTier('engine', { env, timeoutMs: 120000, scratch });
      else if (tier === 'host') stats = await (await import('./lib/hostTier.mjs')).runHostTier({ env, artifactsDir, log });
      else stats = await (await import('./lib/e2eTier.mjs')).runE2ETier({ env, artifactsDir, log });
    } catch (e) {
      console.error(`[wharf-test] ${tier} tier failed to run: ${e.stack ?? e}`);
      stats = { passed: 0, failed: 1, skipped: 0 };
    }
    const seconds = (Date.now() - t0) / 1000;
    if (stats.passed + stats.failed === 0) {
      console.error(`[wharf-test] ${tier} tier ran no test: counted as a failure`);
      stats.failed = 1;
    }
    results.push({ tier, ...stats, seconds });
  }

  log('── summary ──');
  for (const r of results) log(`${r.tier.padEnd(7)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped  ${r.seconds.toFixed(1)}s`);
  log(`total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  return { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
}

let summary;
try {
  summary = await main();
} catch (e) {
  console.error(`[wharf-test] ${e.stack ?? e}`);
  summary = null;
} finally {
  await stopAll();
}
if (!summary) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(summary.failed === 0 ? 0 : 1);
