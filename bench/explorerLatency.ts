// Explorer speed in the real workbench (reported, never asserted): how long a container created and
// started through the API takes to show as a row in the Containers view, and a removed one to
// disappear, with 0 and with 1,000 other containers (median and p90 of N samples); Docker API
// requests per minute while the view is open and idle (counted by a socket proxy between Wharf
// and the engine); and the time from clicking Wharf's activity-bar icon in a loaded workbench to
// the view's first rows. Ends with one table: measured, target, and Microsoft's Container Tools.
//
// Run by `npm run bench` (scripts/bench.mjs), which starts a private dockerd and passes
// WHARF_BENCH_DOCKER_SOCKET (its socket path; else DOCKER_HOST=unix://…) and
// WHARF_BENCH_TEST_IMAGE. Wharf reaches that engine only through the counting proxy: the
// workspace's wharf.engine.host setting points at the proxy and DOCKER_HOST is taken out of the
// VS Code server's environment.
// Optional: WHARF_BENCH_SAMPLES (12, at least 10), WHARF_BENCH_OTHERS (1000),
// WHARF_BENCH_IDLE_MS (30000 per idle window, at least 30000), WHARF_BENCH_FIRST_OPENS (3).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import Docker from 'dockerode';
import { SocketProxy } from '../test/engine/socketProxy';

const root = resolve(__dirname, '..', '..');
const SAMPLES = Math.max(10, Number(process.env.WHARF_BENCH_SAMPLES ?? 12));
const OTHERS = Number(process.env.WHARF_BENCH_OTHERS ?? 1000);
const IDLE_MS = Math.max(30_000, Number(process.env.WHARF_BENCH_IDLE_MS ?? 30_000));
const FIRST_OPENS = Math.max(1, Number(process.env.WHARF_BENCH_FIRST_OPENS ?? 3));
const IMAGE = process.env.WHARF_BENCH_TEST_IMAGE ?? 'wharf-test/busybox:latest';
const BENCH_LABEL = 'wharf.bench';
/** Every container this benchmark makes is named with this prefix: rows are found by it. */
const NAME_PREFIX = 'wharf-bench-';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
const VIEWPORT = { width: 1280, height: 800 };

/** Microsoft's Container Tools, measured on these machines the same way (issue 4, section 9). */
const CONTAINER_TOOLS = { showNew0: 646, showNew1000: 814, idlePerMinute: 4 };

function engineSocket(): string {
  const socket = process.env.WHARF_BENCH_DOCKER_SOCKET ?? (process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : undefined);
  if (!socket) throw new Error('No engine: run through `npm run bench`, or set WHARF_BENCH_DOCKER_SOCKET to a private dockerd socket.');
  return socket;
}

// The test bed's helpers are ES modules; keep a real dynamic import through the CommonJS build.
const importModule = new Function('path', 'return import(path)') as (path: string) => Promise<Record<string, unknown>>;

interface Figures { median: number; p90: number; samples: number[] }
function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: Math.round(at(0.5)), p90: Math.round(at(0.9)), samples: samples.map(Math.round) };
}

let counter = 0;
const benchName = (kind: string): string => `${NAME_PREFIX}${kind}-${process.pid}-${(counter++).toString(36)}-${Date.now().toString(36)}`;

/**
 * Installs a MutationObserver in the workbench page that records (Date.now, the same clock as this
 * process) when a row whose aria-label starts with `prefix` is visible (with the running icon when
 * asked), or is gone. Playwright's own waits poll at 100-1000 ms intervals, which would quantize
 * the figures; the observer fires on the DOM change itself.
 */
async function watchRow(page: Page, prefix: string, until: 'visible' | 'running' | 'gone'): Promise<() => Promise<number>> {
  const key = `${until}:${prefix}:${counter++}`;
  await page.evaluate(({ key, prefix, until }) => {
    const w = window as unknown as { wharfBench?: Record<string, Promise<number>> };
    w.wharfBench ??= {};
    w.wharfBench[key] = new Promise<number>((resolve) => {
      const check = (): boolean => {
        const rows = Array.from(document.querySelectorAll(`.part.sidebar [role=treeitem][aria-label^="${prefix}"]`)).filter((row) => row.checkVisibility());
        const done = until === 'gone' ? rows.length === 0
          : until === 'running' ? rows.some((row) => row.querySelector('.codicon-vm-running'))
            : rows.length > 0;
        if (done) { observer.disconnect(); resolve(Date.now()); }
        return done;
      };
      const observer = new MutationObserver(() => { check(); });
      if (!check()) observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'class', 'style'] });
    });
  }, { key, prefix, until });
  return () => Promise.race([
    page.evaluate((k) => (window as unknown as { wharfBench: Record<string, Promise<number>> }).wharfBench[k], key),
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`row ${prefix} never became ${until}`)), 60_000).unref()),
  ]);
}

interface Sample { createToRow: number; startToRow: number; removeToGone: number; removeReturnedToGone: number; engineCreateStart: number; engineRemove: number }

/**
 * Each change starts from a settled view, as a user's separate actions do: VS Code passes a tree
 * refresh at once only when none passed in the previous 200 ms (ExtHostTreeView), so a create
 * right after the previous sample's removal would measure that window instead of Wharf.
 */
const SETTLE_MS = 300;
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, SETTLE_MS));

async function measureOne(docker: Docker, page: Page): Promise<Sample> {
  await settle();
  const name = benchName('sample');
  const shown = await watchRow(page, `${name},`, 'running');
  const t0 = Date.now();
  const container = await docker.createContainer({ Image: IMAGE, name, Labels: { [BENCH_LABEL]: 'sample' } });
  await container.start();
  const started = Date.now();
  const visible = await shown();
  await settle();
  const gone = await watchRow(page, `${name},`, 'gone');
  const r0 = Date.now();
  await container.remove({ force: true });
  const removed = Date.now();
  const vanished = await gone();
  return { createToRow: visible - t0, startToRow: Math.max(0, visible - started), removeToGone: vanished - r0, removeReturnedToGone: Math.max(0, vanished - removed), engineCreateStart: started - t0, engineRemove: removed - r0 };
}

interface Series { others: number; createToRow: Figures; startToRow: Figures; removeToGone: Figures; removeReturnedToGone: Figures; engineCreateStart: Figures; engineRemove: Figures }

async function series(docker: Docker, page: Page, label: string): Promise<Series> {
  await measureOne(docker, page); // warm-up, not counted
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await measureOne(docker, page));
  const others = (await docker.listContainers({ all: true })).length;
  const pick = (k: keyof Sample): Figures => figures(samples.map((s) => s[k]));
  const result = { others, createToRow: pick('createToRow'), startToRow: pick('startToRow'), removeToGone: pick('removeToGone'), removeReturnedToGone: pick('removeReturnedToGone'), engineCreateStart: pick('engineCreateStart'), engineRemove: pick('engineRemove') };
  console.log(`${label} (${others} other containers): create+start → row ${result.createToRow.median}/${result.createToRow.p90} ms (median/p90); start returned → row ${result.startToRow.median}/${result.startToRow.p90}; remove → gone ${result.removeToGone.median}/${result.removeToGone.p90}; remove returned → gone ${result.removeReturnedToGone.median}/${result.removeReturnedToGone.p90}`);
  return result;
}

async function mapLimit<T>(items: T[], limit: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => { while (next < items.length) await run(items[next++]); }));
}

async function removeBenchContainers(docker: Docker): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [BENCH_LABEL] } });
  await mapLimit(list, 8, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
}

/** Wharf's status-bar item ("Docker running/total"): the extension is active and its store listed. */
async function waitForStore(page: Page, total?: number): Promise<void> {
  const text = total === undefined ? /Docker \d+\/\d+/ : new RegExp(`Docker \\d+/${total}$`);
  await page.locator('.part.statusbar').getByText(text).first().waitFor({ state: 'visible', timeout: 300_000 });
}

function paneTitle(page: Page, title: string): ReturnType<Page['locator']> {
  return page.locator('.part.sidebar .pane-header h3.title', { hasText: new RegExp(`^${title}$`, 'i') });
}

function wharfTab(page: Page): ReturnType<Page['locator']> {
  return page.locator('.part.activitybar').getByRole('tab', { name: /^Wharf/ });
}

/**
 * Opens a fresh window (new browser context: no remembered layout, so the Explorer shows), waits
 * for the workbench to load and Wharf's store to list, then clicks Wharf's activity-bar icon and
 * times the first visible container row. A click dispatched at the icon's position, so
 * Playwright's actionability checks are not in the figure.
 */
async function firstOpen(browser: Browser, url: string, total?: number): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await waitForStore(page, total);
    const tab = wharfTab(page);
    await tab.waitFor({ state: 'visible' });
    if ((await tab.getAttribute('aria-selected')) === 'true') throw new Error('the Wharf view was already open in a fresh window');
    const box = (await tab.boundingBox())!;
    const rows = await watchRow(page, NAME_PREFIX, 'visible');
    const t0 = Date.now();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    return (await rows()) - t0;
  } finally {
    await context.close();
  }
}

async function idleRequests(proxy: SocketProxy, label: string): Promise<{ perMinute: number; requests: string[] }> {
  const from = proxy.requests.length;
  // When each request passed (ms into the window): a burst of them is a reconnect, a steady beat is polling.
  const start = Date.now();
  const at: number[] = [];
  const push = proxy.requests.push.bind(proxy.requests);
  proxy.requests.push = (...items) => { for (const _ of items) at.push(Date.now() - start); return push(...items); };
  await new Promise((r) => setTimeout(r, IDLE_MS));
  proxy.requests.push = push;
  const requests = proxy.requestsSince(from).map((r, i) => `+${at[i] ?? '?'} ms ${r.method} ${r.path}`);
  const perMinute = Math.round((requests.length * 60_000) / IDLE_MS * 10) / 10;
  console.log(`idle with the view open (${label}): ${requests.length} request(s) in ${IDLE_MS / 1000} s${requests.length ? `:\n  ${requests.join('\n  ')}` : ''}`);
  return { perMinute, requests };
}

function table(results: { without: Series; with?: Series; idle0: number; idle1000?: number; firstOpen0: Figures; firstOpen1000?: Figures }): string {
  const mp = (f?: Figures): string => (f ? `${f.median} / ${f.p90}` : '–');
  const ratio = (theirs: number, ours?: number): string => (ours === undefined ? '–' : ours === 0 ? `${theirs} → 0` : `${(theirs / ours).toFixed(1)}×`);
  const rows: string[][] = [
    ['Figure (ms: median / p90)', '0 others', `${OTHERS} others`, 'Target', 'Container Tools (0 / 1,000)', 'Container Tools ÷ Wharf (0 / 1,000)'],
    ['create call → running row visible', mp(results.without.createToRow), mp(results.with?.createToRow), '≤ 100 median @1,000', `${CONTAINER_TOOLS.showNew0} / ${CONTAINER_TOOLS.showNew1000}`,
      `${ratio(CONTAINER_TOOLS.showNew0, results.without.createToRow.median)} / ${ratio(CONTAINER_TOOLS.showNew1000, results.with?.createToRow.median)}`],
    ['start returned → running row visible', mp(results.without.startToRow), mp(results.with?.startToRow), '≤ 100 median @1,000', `${CONTAINER_TOOLS.showNew0} / ${CONTAINER_TOOLS.showNew1000}`,
      `${ratio(CONTAINER_TOOLS.showNew0, results.without.startToRow.median)} / ${ratio(CONTAINER_TOOLS.showNew1000, results.with?.startToRow.median)}`],
    ['remove call → row gone', mp(results.without.removeToGone), mp(results.with?.removeToGone), '≤ 100 median @1,000', '–', '–'],
    ['remove returned → row gone', mp(results.without.removeReturnedToGone), mp(results.with?.removeReturnedToGone), '≤ 100 median @1,000', '–', '–'],
    ['(the engine alone: create+start calls)', mp(results.without.engineCreateStart), mp(results.with?.engineCreateStart), '–', '–', '–'],
    ['(the engine alone: remove call)', mp(results.without.engineRemove), mp(results.with?.engineRemove), '–', '–', '–'],
    ['idle API requests / min (view open)', String(results.idle0), results.idle1000 === undefined ? '–' : String(results.idle1000), '0', String(CONTAINER_TOOLS.idlePerMinute),
      `${ratio(CONTAINER_TOOLS.idlePerMinute, results.idle0)} / ${ratio(CONTAINER_TOOLS.idlePerMinute, results.idle1000)}`],
    [`click Wharf icon → first rows (${FIRST_OPENS} fresh windows)`, mp(results.firstOpen0), mp(results.firstOpen1000), '–', '–', '–'],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** Wharf's own log of each window (connects, reconnects and their causes) outlives the scratch folder. */
function keepWharfLogs(dataDir: string): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'Wharf.log') found.push(path);
    }
  };
  try { walk(dataDir); } catch { return; }
  found.sort().forEach((path, i) => copyFileSync(path, join(dir, `explorer-wharf-window${i + 1}.log`)));
}

async function main(): Promise<void> {
  const socket = engineSocket();
  const docker = new Docker({ socketPath: socket });
  const server = await importModule(join(root, 'scripts/lib/vscodeServer.mjs'));
  const host = await importModule(join(root, 'scripts/lib/hostTier.mjs'));
  const ensureVSCodeServer = server.ensureVSCodeServer as (o: object) => Promise<string>;
  const startServer = server.startServer as (o: object) => Promise<{ port: number; stop(): Promise<void> }>;
  const workbenchUrl = server.workbenchUrl as (o: object) => string;
  const serverEnv = host.serverEnv as (env: object) => NodeJS.ProcessEnv;

  await removeBenchContainers(docker);
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
  const workspace = join(scratch, 'workspace');
  const proxy = new SocketProxy(socket);
  await proxy.listen();
  // Only the setting names the engine, so every request Wharf makes passes the counting proxy.
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'wharf.engine.host': proxy.host }, null, 2));
  const env = serverEnv({});
  delete env.DOCKER_HOST;
  const vscodeServer = await startServer({
    serverPath: await ensureVSCodeServer({ log: console.log }), port: 0,
    dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'ext'), env,
  });
  const url = workbenchUrl({ port: vscodeServer.port, folder: workspace, extensionPath: root });
  const browser = await chromium.launch({ executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  let measuringPage: Page | undefined;
  const out: Record<string, unknown> = { date: new Date().toISOString(), samples: SAMPLES, idleWindowMs: IDLE_MS };
  try {
    // The measuring window first: windows opened for "first rows" keep their extension hosts
    // (and event streams) alive for the server's reconnection grace time, which would load the
    // engine and the CPU during the series; they come last.
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    measuringPage = page;
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await waitForStore(page, 0);
    await wharfTab(page).click();
    await paneTitle(page, 'Containers').waitFor({ state: 'visible' });

    const without = await series(docker, page, 'baseline');
    const idle0 = await idleRequests(proxy, '0 others');
    out.withoutOthers = without;
    out.idle0 = idle0;

    let withOthers: Series | undefined;
    let idle1000: Awaited<ReturnType<typeof idleRequests>> | undefined;
    let firstOpen1000: Figures | undefined;
    if (OTHERS > 0) {
      const t = performance.now();
      await mapLimit(Array.from({ length: OTHERS }, (_, i) => i), 8, () => docker.createContainer({ Image: IMAGE, name: benchName('other'), Labels: { [BENCH_LABEL]: 'other' } }));
      console.log(`created ${OTHERS} other containers in ${Math.round(performance.now() - t)} ms`);
      // The store and the view have taken the burst in when the status bar counts all of them.
      await waitForStore(page, OTHERS);
      withOthers = await series(docker, page, `with ${OTHERS} others`);
      idle1000 = await idleRequests(proxy, `${OTHERS} others`);
      await context.close();
      const opens: number[] = [];
      for (let i = 0; i < FIRST_OPENS; i++) opens.push(await firstOpen(browser, url, OTHERS));
      firstOpen1000 = figures(opens);
      console.log(`click Wharf icon → first rows (${OTHERS} containers): ${firstOpen1000.samples.join(', ')} ms`);
      out.withOthers = withOthers;
      out.idle1000 = idle1000;
      out.firstOpen1000 = firstOpen1000;
      await removeBenchContainers(docker);
    } else {
      await context.close();
    }
    // First rows need a row to show: one container stands in for "0 others" here.
    await docker.createContainer({ Image: IMAGE, name: benchName('seed'), Labels: { [BENCH_LABEL]: 'seed' } });
    const opens0: number[] = [];
    for (let i = 0; i < FIRST_OPENS; i++) opens0.push(await firstOpen(browser, url, 1));
    const firstOpen0 = figures(opens0);
    console.log(`click Wharf icon → first rows (1 container): ${firstOpen0.samples.join(', ')} ms`);
    out.firstOpen0 = firstOpen0;
    const summary = table({ without, with: withOthers, idle0: idle0.perMinute, idle1000: idle1000?.perMinute, firstOpen0, firstOpen1000 });
    console.log(`\nExplorer in the real workbench (VS Code 1.100.3 in headless Chromium; ${SAMPLES} samples each; idle windows ${IDLE_MS / 1000} s)\n${summary}`);
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'explorer.json'), JSON.stringify(out, null, 2));
    console.log('results: bench/results/explorer.json');
  } catch (err) {
    // What the window showed when a row never came (or never went) says more than the timeout.
    const shot = join(root, 'bench', 'results', 'explorer-failure.png');
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    await measuringPage?.screenshot({ path: shot }).then(() => console.error(`the window at the failure: ${shot}`), () => undefined);
    throw err;
  } finally {
    await browser.close();
    await vscodeServer.stop();
    keepWharfLogs(join(scratch, 'data'));
    await proxy.close();
    await removeBenchContainers(docker);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
