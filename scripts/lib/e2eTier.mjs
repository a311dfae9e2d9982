// The e2e tier, in two runs of mocha in plain Node driving the real workbench (the VS Code server
// from code-server@4.100.3) with Playwright (see test/e2e/workbench.ts):
//  1. development: Wharf loaded from this repo in development mode, out/test/e2e/*.test.js;
//  2. installed: the .vsix `npm run package` builds, installed into a fresh extensions dir and
//     served without the smoke-test driver (scripts/lib/installedExtension.mjs), against which
//     out/test/e2e/installed/*.test.js run: the shipped package is what is tested.
// Both get the workbench at $WHARF_E2E_URL. Counts come from scripts/lib/mochaStatsReporter.cjs
// through $WHARF_TEST_STATS_FILE and are summed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVSCodeServer, startServer, workbenchUrl } from './vscodeServer.mjs';
import { createWorkspace, serverEnv } from './hostTier.mjs';
import { packageVersion, packageVsix, restoreDevelopmentBuild, startInstalledWorkbench } from './installedExtension.mjs';

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
    return { passed: 0, failed: 1, skipped: 0 };
  };
  const development = await runDevelopmentSuites({ serverPath, env, artifactsDir, log }).catch(broken('development mode'));
  const installed = await runInstalledSuites({ serverPath, env, artifactsDir, log }).catch(broken('installed package'));
  return {
    passed: development.passed + installed.passed,
    failed: development.failed + installed.failed,
    skipped: development.skipped + installed.skipped,
  };
}

async function runDevelopmentSuites({ serverPath, env, artifactsDir, log }) {
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-e2e-'));
  let server;
  try {
    const workspace = createWorkspace(scratch);
    server = await startServer({
      serverPath, port: 0,
      dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'extensions'),
      env: serverEnv(env), log,
    });
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: root });
    log(`workbench (development mode): ${url}`);
    return await runMocha({
      specs: ['out/test/e2e/**/*.test.js'], ignore: INSTALLED_SPECS,
      env: { ...env, WHARF_E2E_URL: url, WHARF_E2E_WORKSPACE: workspace, WHARF_TEST_ARTIFACTS: artifactsDir },
      statsFile: join(scratch, 'e2e.stats.json'), log,
    });
  } finally {
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runInstalledSuites({ serverPath, env, artifactsDir, log }) {
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-vsix-'));
  let server;
  try {
    const t0 = Date.now();
    const vsix = await packageVsix(join(scratch, `wharf-${packageVersion()}.vsix`)).finally(restoreDevelopmentBuild);
    const t1 = Date.now();
    const workspace = createWorkspace(scratch);
    server = await startInstalledWorkbench({ serverPath, vsix: vsix.path, scratch, folder: workspace, env: serverEnv(env), log });
    const t2 = Date.now();
    log(`packaged ${vsix.bytes} bytes in ${((t1 - t0) / 1000).toFixed(1)}s (with the development build restored); installed and served in ${((t2 - t1) / 1000).toFixed(1)}s`);
    log(`workbench (installed .vsix): ${server.workbenchUrl}`);
    const stats = await runMocha({
      specs: [INSTALLED_SPECS],
      env: {
        ...env, WHARF_E2E_URL: server.workbenchUrl, WHARF_E2E_WORKSPACE: workspace,
        WHARF_E2E_EXTENSIONS_DIR: server.extensionsDir, WHARF_TEST_ARTIFACTS: artifactsDir,
      },
      statsFile: join(scratch, 'installed.stats.json'), log,
    });
    log(`installed-package smoke tests took ${((Date.now() - t2) / 1000).toFixed(1)}s`);
    return stats;
  } finally {
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One mocha run in its own process group (so its browsers go with it), bounded by the tier's limit. */
async function runMocha({ specs, ignore, env, statsFile, log }) {
  let mocha;
  let timer;
  try {
    const code = await new Promise((resolvePromise, reject) => {
      mocha = spawn(process.execPath, [
        join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--reporter', join(root, 'scripts', 'lib', 'mochaStatsReporter.cjs'),
        '--timeout', '120000', '--recursive', ...specs,
        ...(ignore ? ['--ignore', ignore] : []),
        ...(process.env.WHARF_TEST_GREP ? ['--grep', process.env.WHARF_TEST_GREP] : []),
      ], {
        cwd: root, stdio: 'inherit', detached: true,
        env: { ...process.env, ...env, WHARF_TEST_STATS_FILE: statsFile },
      });
      mocha.on('error', reject);
      mocha.on('exit', (c, signal) => { mocha = null; resolvePromise(c ?? signal); });
      timer = setTimeout(() => {
        log(`e2e tier exceeded its ${Math.round(HARD_TIMEOUT_MS / 1000)} s limit: killing mocha and its browsers`);
        try { process.kill(-mocha.pid, 'SIGKILL'); } catch { /* gone */ }
      }, HARD_TIMEOUT_MS);
    });
    if (!existsSync(statsFile)) {
      log(`the e2e tests (${specs.join(' ')}) wrote no results (mocha exited with ${code})`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    if (code !== 0 && stats.failed === 0) stats.failed = 1; // mocha broke outside any test
    return stats;
  } finally {
    clearTimeout(timer);
    if (mocha) { try { process.kill(-mocha.pid, 'SIGKILL'); } catch { /* gone */ } }
  }
}
