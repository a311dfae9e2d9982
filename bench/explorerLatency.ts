// Explorer speed in the real workbench (reported, never asserted): how long a container created and
// started through the API takes to show as a row in the Containers view, and a removed one to
// disappear, with 0 and with 1,000 other containers (median and p90 of N samples); Docker API
// requests per minute while the view is open and idle (counted by a socket proxy between Wharf
// and the engine); and time to the view's first rows.
// Run: npm run build && npx tsc -p tsconfig.test.json && node out/bench/explorerLatency.js
// Env: WHARF_TEST_DOCKER_HOST (default unix:///tmp/wd/docker.sock), WHARF_BENCH_SAMPLES (10),
// WHARF_BENCH_OTHERS (1000), WHARF_BENCH_IDLE_MS (60000).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { rawDocker, socketPath, TEST_IMAGE, uniqueName } from '../test/engine/env';
import { SocketProxy } from '../test/engine/socketProxy';

const root = resolve(__dirname, '..', '..');
const dockerHost = process.env.WHARF_TEST_DOCKER_HOST ?? 'unix:///tmp/wd/docker.sock';
const SAMPLES = Number(process.env.WHARF_BENCH_SAMPLES ?? 10);
const OTHERS = Number(process.env.WHARF_BENCH_OTHERS ?? 1000);
const IDLE_MS = Number(process.env.WHARF_BENCH_IDLE_MS ?? 60_000);
const BENCH_LABEL = 'wharf.bench';

// The test bed's helpers are ES modules; keep a real dynamic import through the CommonJS build.
const importModule = new Function('path', 'return import(path)') as (path: string) => Promise<Record<string, unknown>>;

interface Figures { median: number; p90: number; samples: number[] }
function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: Math.round(at(0.5)), p90: Math.round(at(0.9)), samples: samples.map(Math.round) };
}

const docker = rawDocker(dockerHost);

/**
 * Installs a MutationObserver in the workbench page that records (Date.now, same clock as this
 * process) when the row of `name` shows the running icon, or is gone. Playwright's own waits poll
 * at 100-1000 ms intervals, which would quantize the figures; the observer fires on the DOM change.
 */
async function watchRow(page: Page, name: string, until: 'running' | 'gone'): Promise<() => Promise<number>> {
  const key = `${until}:${name}`;
  await page.evaluate(({ key, name, until }) => {
    const w = window as unknown as { wharfBench?: Record<string, Promise<number>> };
    w.wharfBench ??= {};
    w.wharfBench[key] = new Promise<number>((resolve) => {
      const check = (): boolean => {
        const row = document.querySelector(`.part.sidebar [role=treeitem][aria-label^="${name},"]`);
        const done = until === 'gone' ? !row : !!row?.querySelector('.codicon-vm-running');
        if (done) { observer.disconnect(); resolve(Date.now()); }
        return done;
      };
      const observer = new MutationObserver(() => { check(); });
      if (!check()) observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'class'] });
    });
  }, { key, name, until });
  return () => Promise.race([
    page.evaluate((k) => (window as unknown as { wharfBench: Record<string, Promise<number>> }).wharfBench[k], key),
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`row ${name} never became ${until}`)), 60_000).unref()),
  ]);
}

async function measureOne(page: Page): Promise<{ appear: number; appearAfterStart: number; vanish: number; vanishAfterRemove: number }> {
  const name = uniqueName('bench');
  const shown = await watchRow(page, name, 'running');
  const t0 = Date.now();
  const container = await docker.createContainer({ Image: TEST_IMAGE, name, Labels: { [BENCH_LABEL]: 'sample' } });
  await container.start();
  const started = Date.now();
  const visible = await shown();
  const gone = await watchRow(page, name, 'gone');
  const r0 = Date.now();
  await container.remove({ force: true });
  const removed = Date.now();
  const vanished = await gone();
  return { appear: visible - t0, appearAfterStart: Math.max(0, visible - started), vanish: vanished - r0, vanishAfterRemove: Math.max(0, vanished - removed) };
}

async function series(page: Page, label: string): Promise<Record<string, unknown>> {
  await measureOne(page); // warm-up, not counted
  const appear: number[] = [];
  const afterStart: number[] = [];
  const vanish: number[] = [];
  const vanishAfterRemove: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const sample = await measureOne(page);
    appear.push(sample.appear);
    afterStart.push(sample.appearAfterStart);
    vanish.push(sample.vanish);
    vanishAfterRemove.push(sample.vanishAfterRemove);
  }
  const others = (await docker.listContainers({ all: true })).length;
  const result = { others, createStartToRow: figures(appear), startReturnedToRow: figures(afterStart), removeToRowGone: figures(vanish), removeReturnedToRowGone: figures(vanishAfterRemove) };
  console.log(`${label} (${others} other containers): create+start → row ${result.createStartToRow.median} ms median / ${result.createStartToRow.p90} ms p90; start returned → row ${result.startReturnedToRow.median} / ${result.startReturnedToRow.p90} ms; remove → row gone ${result.removeToRowGone.median} / ${result.removeToRowGone.p90} ms; remove returned → row gone ${result.removeReturnedToRowGone.median} / ${result.removeReturnedToRowGone.p90} ms`);
  return result;
}

async function mapLimit<T>(items: T[], limit: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => { while (next < items.length) await run(items[next++]); }));
}

async function removeBenchContainers(): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [BENCH_LABEL] } });
  await mapLimit(list, 8, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
}

async function main(): Promise<void> {
  const server = await importModule(join(root, 'scripts/lib/vscodeServer.mjs'));
  const host = await importModule(join(root, 'scripts/lib/hostTier.mjs'));
  const ensureVSCodeServer = server.ensureVSCodeServer as (o: object) => Promise<string>;
  const startServer = server.startServer as (o: object) => Promise<{ port: number; stop(): Promise<void> }>;
  const workbenchUrl = server.workbenchUrl as (o: object) => string;
  const serverEnv = host.serverEnv as (env: object) => NodeJS.ProcessEnv;

  await removeBenchContainers();
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const proxy = new SocketProxy(socketPath(dockerHost));
  await proxy.listen();
  const vscodeServer = await startServer({
    serverPath: await ensureVSCodeServer({ log: console.log }), port: 0,
    dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'ext'),
    env: serverEnv({ WHARF_TEST_DOCKER_HOST: proxy.host }),
  });
  const browser = await chromium.launch({ executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'] });
  const results: Record<string, unknown> = { date: new Date().toISOString(), samples: SAMPLES };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    const firstRow = page.locator('.part.sidebar .pane-body [role=treeitem]').first();
    const wharfTab = page.locator('.part.activitybar').getByRole('tab', { name: /^Wharf/ });

    // Something to show at first paint, so "first rows" is measurable at 0 others.
    const seed = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('bench-seed'), Labels: { [BENCH_LABEL]: 'seed' } });
    const loadStart = performance.now();
    await page.goto(workbenchUrl({ port: vscodeServer.port, folder: workspace, extensionPath: root }));
    await wharfTab.waitFor({ state: 'visible' });
    await wharfTab.click();
    await firstRow.waitFor({ state: 'visible' });
    results.pageLoadToFirstRowMs = Math.round(performance.now() - loadStart);
    console.log(`first rows: ${results.pageLoadToFirstRowMs} ms from page load to the first Containers row (cold: workbench, activation, engine connect, render)`);
    await seed.remove({ force: true });

    results.withoutOthers = await series(page, 'baseline');

    proxy.requests.length = 0;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = proxy.requests.length;
    results.idleRequestsPerMinute = Math.round((idle * 60_000) / IDLE_MS * 10) / 10;
    results.idleRequests = proxy.requests.slice(0, 20);
    console.log(`idle with the view open: ${idle} request(s) in ${IDLE_MS / 1000} s (the event stream opened before does not count)`);

    if (OTHERS > 0) {
      const t = performance.now();
      await mapLimit(Array.from({ length: OTHERS }, (_, i) => i), 8, (i) => docker.createContainer({ Image: TEST_IMAGE, name: uniqueName(`bench-other${i}`), Labels: { [BENCH_LABEL]: 'other' } }));
      console.log(`created ${OTHERS} other containers in ${Math.round(performance.now() - t)} ms`);
      // Let the store and the view settle after the burst before sampling.
      await page.waitForTimeout(3000);
      results.withOthers = await series(page, `with ${OTHERS} others`);
    }
    const out = join(root, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'explorer.json'), JSON.stringify(results, null, 2));
    console.log(`results: bench/results/explorer.json`);
  } finally {
    await browser.close();
    await vscodeServer.stop();
    await proxy.close();
    await removeBenchContainers();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
