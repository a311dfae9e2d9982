// The host tier: the extension-host suites (test/host/suite, compiled to out/test/host/suite) run
// inside a real VS Code — the VS Code server from code-server@4.100.3 — driven by headless
// Chromium. The workbench URL's payload loads Wharf in development mode and names
// out/test/host/index.js as extensionTestsPath; VS Code calls its run() in the extension host and
// then window.codeAutomationExit(code) in the page. Counts come back through a JSON file whose
// path travels in the server's environment, which the extension host inherits.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { ensureVSCodeServer, startServer, workbenchUrl } from './vscodeServer.mjs';
import { launchChromium } from './chromium.mjs';
import { pointedAt } from './engines.mjs';
import { onStop } from './lifecycle.mjs';
import { offerDemoEngine } from './demoOffer.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const HARD_TIMEOUT_MS = Number(process.env.WHARF_HOST_TIMEOUT_MS ?? 15 * 60_000);

/** A throwaway workspace with Dockerfiles the suites open, lint and build. */
export function createWorkspace(parent) {
  const dir = join(parent, 'workspace');
  mkdirSync(join(dir, 'app'), { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), [
    'FROM wharf-test/busybox:latest',
    'COPY hello.txt /hello.txt',
    'CMD ["cat", "/hello.txt"]',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'hello.txt'), 'hello from the Wharf host tier\n');
  // A second one with lint findings (untagged base image, cd in RUN) for the lint suites.
  writeFileSync(join(dir, 'app', 'Dockerfile'), [
    'FROM busybox',
    'RUN cd /tmp && echo hi',
    'CMD sleep 3600',
    '',
  ].join('\n'));
  return dir;
}

/** The environment of the VS Code server, and so of the extension host running Wharf and the suites. */
export function serverEnv(env, extra = {}) {
  // Wharf itself must talk to the private test engine, never the user's.
  const merged = pointedAt({ ...process.env, ...env, ...extra }, env.WHARF_TEST_DOCKER_HOST);
  // No extension gallery: code-server defaults to open-vsx.org, and tests reach loopback only.
  merged.EXTENSIONS_GALLERY = '{}';
  return merged;
}

export async function runHostTier({ env = {}, artifactsDir = join(root, 'test-artifacts'), log = console.log } = {}) {
  const testsPath = join(root, 'out', 'test', 'host', 'index.js');
  for (const needed of [join(root, 'dist', 'extension.js'), testsPath]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`npm run build && npx tsc -p tsconfig.test.json\` first`);
  }
  const serverPath = await ensureVSCodeServer({ log });
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-host-'));
  const statsFile = join(scratch, 'host.stats.json');
  const workspace = createWorkspace(scratch);
  mkdirSync(artifactsDir, { recursive: true });

  let server;
  let browser;
  let timer;
  let demoOffer;
  // Registered now, so that Ctrl-C at any point of the tier reaches it (lifecycle.mjs).
  const cleanup = onStop(async () => {
    clearTimeout(timer);
    await demoOffer?.close();
    try { await browser?.close(); } catch { /* already closed */ }
    try { await server?.stop(); } catch (e) { log(`stopping the VS Code server: ${e.message}`); }
    rmSync(scratch, { recursive: true, force: true });
  });

  try {
    const work = (async () => {
      // npm start's demo engine offer (the same endpoint, demoOffer.mjs), whose "demo engine" is
      // the tier's own engine: the suites press Start a Demo Engine without a second dockerd.
      // WHARF_DEMO_ENGINE is DEMO_ENGINE_ENV of src/ui/display/engineText.ts (a suite checks).
      demoOffer = await offerDemoEngine(async () => env.WHARF_TEST_DOCKER_HOST);
      server = await startServer({
        serverPath, port: 0,
        dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'extensions'),
        env: serverEnv(env, { WHARF_TEST_STATS_FILE: statsFile, WHARF_DEMO_ENGINE: demoOffer.url }),
        log,
      });
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      let resolveExit;
      const exited = new Promise((r) => { resolveExit = r; });
      // Registered before goto: VS Code looks them up while it runs the tests.
      // (type, args): args are console.log arguments, mocha's format string first.
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = Array.isArray(args) ? format(...args) : String(args ?? type);
        for (const line of text.split('\n')) process.stdout.write(`[host] ${line}\n`);
      });
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
      page.on('pageerror', (err) => log(`page error: ${err.message}`));
      // A crashed renderer never calls codeAutomationExit: do not wait for the hard timeout.
      page.on('crash', () => { log('the workbench page crashed'); resolveExit(1); });
      const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: root, testsPath });
      log(`opening ${url}`);
      await page.goto(url);
      const code = await exited;
      log(`VS Code reported exit code ${code}`);
      if (code !== 0 && !existsSync(statsFile)) {
        await page.screenshot({ path: join(artifactsDir, 'host-failure.png') }).catch(() => {});
      }
      return code;
    })();
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`host tier exceeded its ${Math.round(HARD_TIMEOUT_MS / 1000)} s limit`)), HARD_TIMEOUT_MS);
    });
    const code = await Promise.race([work, timeout]);
    if (!existsSync(statsFile)) {
      log(`the host suites wrote no results (exit code ${code}); server output:\n${server?.output() ?? ''}`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    // A non-zero exit without a failed test means run() itself broke: count it.
    if (code !== 0 && stats.failed === 0) stats.failed = 1;
    return stats;
  } catch (e) {
    log(`host tier: ${e.stack ?? e}`);
    return { passed: 0, failed: 1, skipped: 0 };
  } finally {
    await cleanup();
  }
}
