// Explorer speed in the real workbench, on the packaged .vsix (built with `npm run package`'s own
// vsce call, installed with the VS Code server's CLI; reported, never asserted), at 1,000 and
// 10,000 containers and with two engines (dockerd and Podman side by side, wharf.engines):
//  - update: how long a container created and started through the API takes to show as a row in
//    the Containers view, and a removed one to disappear (median and p90 of N samples);
//  - Docker API requests per minute while the view is open and idle (a socket proxy counts them);
//  - first rows, warm: the workbench is up and Wharf's store listed, then the Wharf icon is
//    clicked; time from the click to the first rows;
//  - first rows, cold: the Wharf icon is clicked the moment the workbench shows it; time from the
//    click to the first rows, and from the extension host's start (its log's first line) and from
//    Wharf's activation (Wharf's log) to the first rows.
// Ends with one table: measured, target, and Microsoft's Container Tools where measured.
//
// Run by `npm run bench` (scripts/bench.mjs), which starts a private dockerd and Podman and passes
// WHARF_BENCH_DOCKER_SOCKET, WHARF_BENCH_PODMAN_SOCKET and WHARF_BENCH_TEST_IMAGE. Wharf reaches
// dockerd only through the counting proxy: the VS Code server's DOCKER_HOST points at the proxy
// (one engine), or its machine settings list the proxy and Podman (wharf.engines). The window
// opens no folder, so no workspace-trust question stands between the click and the rows.
// Optional: WHARF_BENCH_SAMPLES (12, at least 10), WHARF_BENCH_SCALES (1000,10000),
// WHARF_BENCH_IDLE_MS (30000 per idle window, at least 30000), WHARF_BENCH_FIRST_OPENS (3).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import Docker from 'dockerode';
import { SocketProxy } from '../test/engine/socketProxy';

const root = resolve(__dirname, '..', '..');
const SAMPLES = Math.max(10, Number(process.env.WHARF_BENCH_SAMPLES ?? 12));
const SCALES = (process.env.WHARF_BENCH_SCALES ?? '1000,10000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
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

/** Wharf's own log of each window (connects, reconnects and their causes) outlives the scratch folder. */
function keepWharfLogs(dataDir: string, prefix: string): void {
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
  found.sort().forEach((path, i) => copyFileSync(path, join(dir, `${prefix}-wharf-window${i + 1}.log`)));
}


interface ColdOpen { clickToRows: number; hostStartToRows?: number; activatedToRows?: number }

/** Files named `name` under `dir`, newest first by modification time. */
function filesNamed(dir: string, name: string): string[] {
  const found: Array<{ path: string; mtime: number }> = [];
  const walk = (folder: string): void => {
    let entries;
    try { entries = readdirSync(folder, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === name) found.push({ path, mtime: statSync(path).mtimeMs });
    }
  };
  walk(dir);
  return found.sort((a, b) => b.mtime - a.mtime).map((f) => f.path);
}

/** The epoch ms of a VS Code log line ("2026-12-06 16:45:01.123 [info] …", local time) matching `pattern`. */
function logTime(file: string, pattern: RegExp): number | undefined {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return undefined; }
  const line = text.split('\n').find((l) => pattern.test(l));
  const stamp = line?.match(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/);
  return stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() : undefined;
}

/**
 * Opens a fresh window and clicks Wharf's icon the moment the workbench shows it (Wharf is not
 * active yet: its extension host is still starting); times the first visible container row from
 * the click, from the extension host's first log line, and from Wharf's "activated" log line.
 */
async function coldOpen(browser: Browser, url: string, dataDir: string): Promise<ColdOpen> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const opened = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    const tab = wharfTab(page);
    await tab.waitFor({ state: 'visible' });
    const box = (await tab.boundingBox())!;
    const rows = await watchRow(page, NAME_PREFIX, 'visible');
    const t0 = Date.now();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const shown = await rows();
    // This window's extension host is the one whose log began after the page was opened.
    const hostLog = filesNamed(dataDir, 'remoteexthost.log').find((f) => (logTime(f, /./) ?? 0) >= opened - 1000);
    const hostStart = hostLog ? logTime(hostLog, /./) : undefined;
    const wharfLog = hostLog ? filesNamed(join(hostLog, '..'), 'Wharf.log')[0] : undefined;
    const activated = wharfLog ? logTime(wharfLog, /Wharf activated/) : undefined;
    return { clickToRows: shown - t0, hostStartToRows: hostStart === undefined ? undefined : shown - hostStart, activatedToRows: activated === undefined ? undefined : shown - activated };
  } finally {
    await context.close();
  }
}

interface Phase {
  label: string; containers: number; engines: number;
  series: Series; idlePerMinute: number; warm: Figures; cold: Figures; hostStartToRows?: Figures; activatedToRows?: Figures;
}

function summary(phases: Phase[]): string {
  const mp = (f?: Figures): string => (f ? `${f.median} / ${f.p90}` : '–');
  const target = (p: Phase, at1000: string, at10000: string): string => (p.containers >= 10_000 ? at10000 : at1000);
  const header = ['Figure (ms: median / p90)', ...phases.map((p) => p.label)];
  const rows: string[][] = [
    ['create call → running row visible', ...phases.map((p) => mp(p.series.createToRow))],
    ['start returned → running row visible', ...phases.map((p) => mp(p.series.startToRow))],
    ['remove call → row gone', ...phases.map((p) => mp(p.series.removeToGone))],
    ['remove returned → row gone', ...phases.map((p) => mp(p.series.removeReturnedToGone))],
    ['(the engine alone: create+start calls)', ...phases.map((p) => mp(p.series.engineCreateStart))],
    ['idle API requests / min (view open)', ...phases.map((p) => String(p.idlePerMinute))],
    [`warm: click Wharf icon → first rows (${FIRST_OPENS} windows)`, ...phases.map((p) => `${mp(p.warm)} (target ≤ ${target(p, '100', '400')})`)],
    [`cold: click as the icon appears → first rows`, ...phases.map((p) => mp(p.cold))],
    ['cold: extension host start → first rows', ...phases.map((p) => mp(p.hostStartToRows))],
    ['cold: Wharf activated → first rows', ...phases.map((p) => `${mp(p.activatedToRows)} (target ≤ 100)`)],
  ];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
    + `\nMicrosoft's Container Tools, measured the same way before (issue 4): create → row ${CONTAINER_TOOLS.showNew1000} ms @1,000, ${CONTAINER_TOOLS.idlePerMinute} idle requests/min; issue 21: warm first rows 456 ms @1,000.`;
}

async function main(): Promise<void> {
  const socket = engineSocket();
  const podmanSocket = process.env.WHARF_BENCH_PODMAN_SOCKET;
  const twoEnginesAt = Number(process.env.WHARF_BENCH_TWO_ENGINES_AT ?? SCALES[0]);
  const docker = new Docker({ socketPath: socket });
  const podman = podmanSocket ? new Docker({ socketPath: podmanSocket }) : undefined;
  const server = await importModule(join(root, 'scripts/lib/vscodeServer.mjs'));
  const host = await importModule(join(root, 'scripts/lib/hostTier.mjs'));
  const installed = await importModule(join(root, 'scripts/lib/installedExtension.mjs'));
  const ensureVSCodeServer = server.ensureVSCodeServer as (o: object) => Promise<string>;
  const startInstalledWorkbench = installed.startInstalledWorkbench as (o: object) => Promise<{ port: number; stop(): Promise<void> }>;
  const packageVsix = installed.packageVsix as (out: string) => Promise<{ path: string; bytes: number }>;
  const restoreDevelopmentBuild = installed.restoreDevelopmentBuild as () => Promise<void>;
  const serverEnv = host.serverEnv as (env: object) => NodeJS.ProcessEnv;

  await removeBenchContainers(docker);
  if (podman) await removeBenchContainers(podman);
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
  const proxy = new SocketProxy(socket);
  await proxy.listen();
  const serverPath = await ensureVSCodeServer({ log: console.log });
  let vsix: { path: string; bytes: number };
  try {
    vsix = await packageVsix(join(scratch, 'wharf.vsix'));
  } finally {
    await restoreDevelopmentBuild();
  }
  console.log(`packaged ${vsix.path} (${Math.round(vsix.bytes / 1024)} KiB)`);
  const browser = await chromium.launch({ executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const phases: Phase[] = [];
  const out: Record<string, unknown> = { date: new Date().toISOString(), samples: SAMPLES, idleWindowMs: IDLE_MS, vsixBytes: vsix.bytes, phases };
  let others = 0;
  let measuringPage: Page | undefined;
  let windowNo = 0;

  const runPhase = async (containers: number, engines: number): Promise<void> => {
    if (containers > others) {
      const t = performance.now();
      await mapLimit(Array.from({ length: containers - others }, (_, i) => i), 8, () => docker.createContainer({ Image: IMAGE, name: benchName('other'), Labels: { [BENCH_LABEL]: 'other' } }));
      console.log(`created ${containers - others} more containers (now ${containers}) in ${Math.round(performance.now() - t)} ms`);
      others = containers;
    }
    const label = `${containers.toLocaleString('en')} containers, ${engines === 1 ? 'one engine' : 'dockerd + Podman'}`;
    const dir = join(scratch, `window${++windowNo}`);
    const env = serverEnv({});
    delete env.DOCKER_HOST;
    if (engines === 1) env.DOCKER_HOST = proxy.host;
    else {
      // Machine settings: read in any window, trusted or not, as a user's own settings are.
      const machine = join(dir, 'data', 'user', 'Machine');
      mkdirSync(machine, { recursive: true });
      writeFileSync(join(machine, 'settings.json'), JSON.stringify({ 'wharf.engines': [proxy.host, `unix://${podmanSocket}`] }, null, 2));
    }
    const workbench = await startInstalledWorkbench({ serverPath, vsix: vsix.path, scratch: dir, folder: dir, env });
    const url = `http://localhost:${workbench.port}/`;
    try {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      measuringPage = page;
      page.setDefaultTimeout(300_000);
      await page.goto(url);
      await waitForStore(page, containers);
      await wharfTab(page).click();
      await paneTitle(page, 'Containers').waitFor({ state: 'visible' });
      const measured = await series(docker, page, label);
      const idle = await idleRequests(proxy, label);
      await context.close();
      measuringPage = undefined;
      const warm: number[] = [];
      for (let i = 0; i < FIRST_OPENS; i++) warm.push(await firstOpen(browser, url, containers));
      const cold: ColdOpen[] = [];
      for (let i = 0; i < FIRST_OPENS; i++) cold.push(await coldOpen(browser, url, join(dir, 'data')));
      const known = (values: Array<number | undefined>): Figures | undefined => (values.every((v) => v !== undefined) ? figures(values as number[]) : undefined);
      const phase: Phase = {
        label, containers, engines, series: measured, idlePerMinute: idle.perMinute, warm: figures(warm), cold: figures(cold.map((c) => c.clickToRows)),
        hostStartToRows: known(cold.map((c) => c.hostStartToRows)), activatedToRows: known(cold.map((c) => c.activatedToRows)),
      };
      console.log(`${label}: warm first rows ${phase.warm.samples.join(', ')} ms; cold click → rows ${phase.cold.samples.join(', ')} ms; host start → rows ${phase.hostStartToRows?.samples.join(', ') ?? '?'}; activated → rows ${phase.activatedToRows?.samples.join(', ') ?? '?'}`);
      phases.push(phase);
    } finally {
      await workbench.stop();
      keepWharfLogs(join(dir, 'data'), `explorer-${containers}-${engines}`);
    }
  };

  try {
    // Podman, the second engine, shows one row of its own.
    if (podman) await podman.createContainer({ Image: IMAGE, name: benchName('podman'), Labels: { [BENCH_LABEL]: 'podman' } });
    for (const scale of SCALES) {
      await runPhase(scale, 1);
      if (podman && scale === twoEnginesAt) await runPhase(scale, 2);
    }
    console.log(`\nExplorer in the real workbench, the packaged .vsix (VS Code 1.100.3 in headless Chromium; ${SAMPLES} samples each; idle windows ${IDLE_MS / 1000} s; ${FIRST_OPENS} fresh windows per first-rows figure)\n${summary(phases)}`);
    const results = join(root, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'explorer.json'), JSON.stringify(out, null, 2));
    console.log('results: bench/results/explorer.json');
  } catch (err) {
    // What the window showed when a row never came (or never went) says more than the timeout.
    const shot = join(root, 'bench', 'results', 'explorer-failure.png');
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    await measuringPage?.screenshot({ path: shot }).then(() => console.error(`the window at the failure: ${shot}`), () => undefined);
    throw err;
  } finally {
    await browser.close();
    await proxy.close();
    await removeBenchContainers(docker);
    if (podman) await removeBenchContainers(podman);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
