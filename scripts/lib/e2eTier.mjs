// The e2e tier, in two runs of mocha in plain Node driving the real workbench (the VS Code server
// from code-server@4.100.3) with Playwright (see test/e2e/workbench.ts):
//  1. development: Wharf loaded from this repo in development mode, out/test/e2e/*.test.js;
//  2. installed: the .vsix `npm run package` builds, installed into a fresh extensions dir and
//     served without the smoke-test driver (scripts/lib/installedExtension.mjs), against which
//     out/test/e2e/installed/*.test.js run: the shipped package is what is tested.
// Both get the workbench at $WHARF_E2E_URL. Results come from scripts/lib/mochaStatsReporter.cjs
// through $WHARF_TEST_STATS_FILE and are summed. Everything each run starts registers its stop
// with lifecycle.mjs the moment it exists, so Ctrl-C at any point reaches it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVSCodeServer, startServer, workbenchUrl } from './vscodeServer.mjs';
import { createWorkspace, serverEnv } from './hostTier.mjs';
import { packageVersion, packageVsix, restoreDevelopmentBuild, startInstalledWorkbench } from './installedExtension.mjs';
import { onStop, spawnGroup } from './lifecycle.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const HARD_TIMEOUT_MS = Number(process.env.WHARF_E2E_TIMEOUT_MS ?? 15 * 60_000);
const INSTALLED_SPECS = 'out/test/e2e/installed/**/*.test.js';

export async function runE2ETier({ env = {}, artifactsDir = join(root, 'test-artifacts'), log = console.log } = {}) {
  if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'out', 'test', 'e2e'))) {
    throw new Error('dist/extension.js or out/test/e2e is missing: run `npm run build && npx tsc -p tsconfig.test.json` first');
  }
  const serverPath = await ensureVSCodeServer({ log });
  mkdirSync(artifactsDir, { recursive: true });
  // One run breaking outside its tests (a server that does not start, vsce failing) is counted
  // as a failure without hiding the other run's results.
  const broken = (what) => (e) => {
    log(`e2e tier, ${what}: ${e.stack ?? e}`);
    return { passed: 0, failed: 1, skipped: 0, failures: [{ title: `(e2e tier: ${what} failed to run)`, error: String(e.message ?? e).split('\n')[0] }] };
  };
  const development = await runDevelopmentSuites({ serverPath, env, artifactsDir, log }).catch(broken('development mode'));
  const installed = await runInstalledSuites({ serverPath, env, artifactsDir, log }).catch(broken('installed package'));
  return {
    passed: development.passed + installed.passed,
    failed: development.failed + installed.failed,
    skipped: development.skipped + installed.skipped,
    passes: [...(development.passes ?? []), ...(installed.passes ?? [])],
    failures: [...(development.failures ?? []), ...(installed.failures ?? [])],
  };
}

/** A temp folder registered for removal now, and its removal (also run on Ctrl-C). */
function scratchFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: onStop(() => rmSync(dir, { recursive: true, force: true })) };
}

async function runDevelopmentSuites({ serverPath, env, artifactsDir, log }) {
  const scratch = scratchFolder('wharf-e2e-');
  let server;
  try {
    const workspace = createWorkspace(scratch.dir);
    server = await startServer({
      serverPath, port: 0,
      dataDir: join(scratch.dir, 'data'), extensionsDir: join(scratch.dir, 'extensions'),
      env: serverEnv(env), log,
    });
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: root });
    log(`workbench (development mode): ${url}`);
    return await runMocha({
      specs: ['out/test/e2e/**/*.test.js'], ignore: INSTALLED_SPECS,
      env: { ...env, WHARF_E2E_URL: url, WHARF_E2E_WORKSPACE: workspace, WHARF_TEST_ARTIFACTS: artifactsDir },
      statsFile: join(scratch.dir, 'e2e.stats.json'), log,
    });
  } finally {
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    await scratch.remove();
  }
}

async function runInstalledSuites({ serverPath, env, artifactsDir, log }) {
  const scratch = scratchFolder('wharf-vsix-');
  let server;
  try {
    const t0 = Date.now();
    const vsix = await packageVsix(join(scratch.dir, `wharf-${packageVersion()}.vsix`)).finally(restoreDevelopmentBuild);
    const t1 = Date.now();
    const workspace = createWorkspace(scratch.dir);
    server = await startInstalledWorkbench({ serverPath, vsix: vsix.path, scratch: scratch.dir, folder: workspace, env: serverEnv(env), log });
    const t2 = Date.now();
    log(`packaged ${vsix.bytes} bytes in ${((t1 - t0) / 1000).toFixed(1)}s (with the development build restored); installed and served in ${((t2 - t1) / 1000).toFixed(1)}s`);
    log(`workbench (installed .vsix): ${server.workbenchUrl}`);
    const stats = await runMocha({
      specs: [INSTALLED_SPECS],
      env: {
        ...env, WHARF_E2E_URL: server.workbenchUrl, WHARF_E2E_WORKSPACE: workspace,
        WHARF_E2E_EXTENSIONS_DIR: server.extensionsDir, WHARF_TEST_ARTIFACTS: artifactsDir,
      },
      statsFile: join(scratch.dir, 'installed.stats.json'), log,
    });
    log(`installed-package smoke tests took ${((Date.now() - t2) / 1000).toFixed(1)}s`);
    return stats;
  } finally {
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    await scratch.remove();
  }
}

/** One mocha run in its own process group (so its browsers go with it), bounded by the tier's limit. */
async function runMocha({ specs, ignore, env, statsFile, log }) {
  // SIGINT, as from a terminal: Playwright in mocha closes its Chromium (a process group of
  // its own) before exiting; whatever is left of mocha's group is killed after the grace.
  const mocha = spawnGroup(process.execPath, [
    join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--reporter', join(root, 'scripts', 'lib', 'mochaStatsReporter.cjs'),
    '--timeout', '120000', '--recursive', ...specs,
    ...(ignore ? ['--ignore', ignore] : []),
    ...(process.env.WHARF_TEST_GREP ? ['--grep', process.env.WHARF_TEST_GREP] : []),
  ], {
    cwd: root, stdio: 'inherit', signal: 'SIGINT', graceMs: 15000,
    env: { ...process.env, ...env, WHARF_TEST_STATS_FILE: statsFile },
  });
  const timer = setTimeout(() => {
    log(`e2e tier exceeded its ${Math.round(HARD_TIMEOUT_MS / 1000)} s limit: stopping mocha and its browsers`);
    void mocha.stop();
  }, HARD_TIMEOUT_MS);
  try {
    const code = await mocha.exited;
    if (!existsSync(statsFile)) {
      log(`the e2e tests (${specs.join(' ')}) wrote no results (mocha exited with ${code})`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    if (code !== 0 && stats.failed === 0) stats.failed = 1; // mocha broke outside any test
    return stats;
  } finally {
    clearTimeout(timer);
    await mocha.stop();
  }
}
