// The e2e tier: serves the real workbench (the VS Code server from code-server@4.100.3) with Wharf
// loaded in development mode, then runs mocha in plain Node on out/test/e2e/**/*.test.js; the
// tests drive the workbench at $WHARF_E2E_URL with Playwright (see test/e2e/workbench.ts).
// Counts come from scripts/lib/mochaStatsReporter.cjs through $WHARF_TEST_STATS_FILE.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVSCodeServer, startServer, workbenchUrl } from './vscodeServer.mjs';
import { createWorkspace, serverEnv } from './hostTier.mjs';
import { onStop, spawnGroup } from './lifecycle.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const HARD_TIMEOUT_MS = Number(process.env.WHARF_E2E_TIMEOUT_MS ?? 15 * 60_000);

export async function runE2ETier({ env = {}, artifactsDir = join(root, 'test-artifacts'), log = console.log } = {}) {
  if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'out', 'test', 'e2e'))) {
    throw new Error('dist/extension.js or out/test/e2e is missing: run `npm run build && npx tsc -p tsconfig.test.json` first');
  }
  const serverPath = await ensureVSCodeServer({ log });
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-e2e-'));
  const statsFile = join(scratch, 'e2e.stats.json');
  const workspace = createWorkspace(scratch);
  mkdirSync(artifactsDir, { recursive: true });

  let server;
  let mocha;
  let timer;
  // Registered now, so that Ctrl-C at any point of the tier reaches it (lifecycle.mjs).
  const cleanup = onStop(async () => {
    clearTimeout(timer);
    await mocha?.stop();
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    rmSync(scratch, { recursive: true, force: true });
  });
  try {
    server = await startServer({
      serverPath, port: 0,
      dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'extensions'),
      env: serverEnv(env), log,
    });
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: root });
    log(`workbench: ${url}`);
    // SIGINT, as from a terminal: Playwright in mocha closes its Chromium (a process group of
    // its own) before exiting; whatever is left of mocha's group is killed after the grace.
    mocha = spawnGroup(process.execPath, [
      join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--reporter', join(root, 'scripts', 'lib', 'mochaStatsReporter.cjs'),
      '--timeout', '120000', '--recursive', 'out/test/e2e/**/*.test.js',
      ...(process.env.WHARF_TEST_GREP ? ['--grep', process.env.WHARF_TEST_GREP] : []),
    ], {
      cwd: root, stdio: 'inherit', signal: 'SIGINT', graceMs: 15000,
      env: {
        ...process.env, ...env,
        WHARF_E2E_URL: url, WHARF_E2E_WORKSPACE: workspace,
        WHARF_TEST_STATS_FILE: statsFile, WHARF_TEST_ARTIFACTS: artifactsDir,
      },
    });
    timer = setTimeout(() => {
      log(`e2e tier exceeded its ${Math.round(HARD_TIMEOUT_MS / 1000)} s limit: stopping mocha and its browsers`);
      void mocha.stop();
    }, HARD_TIMEOUT_MS);
    const code = await mocha.exited;
    if (!existsSync(statsFile)) {
      log(`the e2e tests wrote no results (mocha exited with ${code})`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    if (code !== 0 && stats.failed === 0) stats.failed = 1; // mocha broke outside any test
    return stats;
  } finally {
    await cleanup();
  }
}
