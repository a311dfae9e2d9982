// Inspect's open time in the real workbench (reported, never asserted): from Enter on the row's
// *Inspect Container* menu entry to the page showing the object's rows: the first Inspect of the
// window (VS Code starts the Inspect view's webview), Inspect with the panel area closed (what
// shows it was not open before), and the next object while it is open. Each open is cut
// into phases, read in the workbench page every animation frame (the webview frames share its
// origin): the workbench creates the webview element, its host page (VS Code's pre/index.html)
// is ready, the content frame exists, Wharf's markup is in it, the object's rows are drawn, and
// VS Code shows the frame (it stays hidden until the document's load event or 200 ms).
//
// Run by `npm run bench -- inspect` (scripts/bench.mjs: a private dockerd, WHARF_BENCH_DOCKER_SOCKET
// and WHARF_BENCH_TEST_IMAGE). Optional: WHARF_BENCH_SAMPLES (7 opens per case).
// The containers are created and never started: a "Created" row has no relative time, so the
// tree's clock never redraws it while the menu is open, whatever the product does about that.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import { chromium, type Page } from 'playwright-core';
import { benchImage, benchSocket } from './lib/engine';
import { figures, table } from './lib/figures';

const root = resolve(__dirname, '..', '..');
const SAMPLES = Math.max(3, Number(process.env.WHARF_BENCH_SAMPLES ?? 7));
const LABEL = 'wharf.bench';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

// The test bed's helpers are ES modules; keep a real dynamic import through the CommonJS build.
const importModule = new Function('path', 'return import(path)') as (path: string) => Promise<Record<string, unknown>>;

/** Milestones of one open, as Date.now() in the page (the same clock as this process). */
interface Phases { element?: number; hostReady?: number; contentFrame?: number; markup?: number; rows?: number; shown?: number; [frameTiming: `frame.${string}`]: number | undefined }
const PHASES: Array<[keyof Phases, string]> = [
  ['element', 'webview element created'],
  ['hostReady', "VS Code's webview host ready"],
  ['contentFrame', 'content frame created'],
  ['frame.navigationStart', 'its document: navigation started'],
  ['frame.workerStart', "its document: service worker started"],
  ['frame.fetchStart', 'its document: fetch started'],
  ['frame.responseStart', 'its document: first byte'],
  ['frame.domContentLoadedEventStart', 'its document: loaded'],
  ['markup', "Wharf's markup in the frame"],
  ['rows', "the object's rows drawn"],
  ['shown', 'frame shown (content visible)'],
];

/**
 * Starts recording, in the workbench page, when each phase of the next open of `title`'s page is
 * first seen; resolves a function that waits for the content to be visible and returns the phases.
 * `reused`: the open panel's webview is already there and ready, only the rows are new.
 */
async function watchOpen(page: Page, title: string): Promise<() => Promise<Phases>> {
  await page.evaluate((title) => {
    const w = window as unknown as { wharfInspectProbe?: Promise<Record<string, number>> };
    const known = new Set(Array.from(document.querySelectorAll('iframe.webview')));
    w.wharfInspectProbe = new Promise((resolve) => {
      const seen: Record<string, number> = {};
      const mark = (key: string, done: boolean): void => { if (done && seen[key] === undefined) seen[key] = Date.now(); };
      const tick = (): void => {
        const frames = Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe.webview'));
        // The last webview element: a new one, or the open panel's (which is then already ready).
        const outer = frames.find((f) => !known.has(f)) ?? frames[frames.length - 1];
        mark('element', outer !== undefined);
        const host = outer?.contentDocument;
        mark('hostReady', outer?.classList.contains('ready') === true);
        const inner = host?.querySelector<HTMLIFrameElement>('#active-frame') ?? host?.querySelector<HTMLIFrameElement>('#pending-frame') ?? undefined;
        mark('contentFrame', inner !== undefined);
        const doc = inner?.contentDocument;
        mark('markup', doc?.getElementById('content') !== null && doc?.getElementById('content') !== undefined);
        const titleText = doc?.getElementById('title')?.textContent ?? '';
        const rows = titleText === `container ${title}` && (doc?.querySelector('[role=treeitem]') ?? null) !== null;
        mark('rows', rows);
        mark('shown', rows && inner?.id === 'active-frame' && inner.style.visibility !== 'hidden' && outer?.checkVisibility({ checkVisibilityCSS: true }) === true);
        if (seen.shown !== undefined) {
          // How the content frame's own document (VS Code's fake.html) was fetched, on the same clock.
          const nav = inner?.contentWindow?.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const origin = inner?.contentWindow?.performance.timeOrigin ?? 0;
          if (nav && seen.contentFrame !== undefined && nav.startTime + origin >= seen.contentFrame - 50) {
            seen['frame.navigationStart'] = Math.round(origin);
            for (const key of ['workerStart', 'fetchStart', 'responseStart', 'responseEnd', 'domContentLoadedEventStart'] as const) if (nav[key] > 0) seen[`frame.${key}`] = Math.round(origin + nav[key]);
          }
          resolve(seen);
        }
        else requestAnimationFrame(tick);
      };
      tick();
    });
  }, title);
  return () => Promise.race([
    page.evaluate(() => (window as unknown as { wharfInspectProbe: Promise<Phases> }).wharfInspectProbe),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the inspect page never showed ${title}`)), 60_000).unref()),
  ]);
}

function row(page: Page, name: string): ReturnType<Page['locator']> {
  return page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

/** Right-click, point at Inspect Container (which focuses it), then Enter: the clock starts at Enter. */
async function openInspect(page: Page, name: string): Promise<{ total: number; phases: Phases; start: number }> {
  const menu = page.locator('.context-view .monaco-menu');
  await row(page, name).click({ button: 'right' });
  await menu.waitFor({ state: 'visible' });
  const entry = menu.getByRole('menuitem', { name: /^Inspect Container$/ }).first();
  await entry.hover();
  await page.waitForFunction((element) => element === document.activeElement, await entry.elementHandle());
  const done = await watchOpen(page, name);
  const start = Date.now();
  await page.keyboard.press('Enter');
  const phases = await done();
  return { total: phases.shown! - start, phases, start };
}

/** Closes what shows inspect: the panel area that holds the Inspect view. */
async function closeInspect(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  // A toggle in VS Code 1.100 (role checkbox, "Hide Panel (Ctrl+J)").
  await panel.getByRole('checkbox', { name: /^Hide Panel/ }).click();
  await panel.waitFor({ state: 'hidden' });
}

function phaseRows(label: string, opens: Array<{ phases: Phases; start: number }>): string[][] {
  return PHASES.map(([key, text]) => {
    const at = opens.map((o) => o.phases[key]).filter((v): v is number => v !== undefined);
    const f = figures(opens.filter((o) => o.phases[key] !== undefined).map((o) => o.phases[key]! - o.start));
    return [label, text, at.length ? `${Math.round(f.median)} ms` : 'n/a', at.length ? `${Math.round(f.min)}–${Math.round(f.max)} ms` : ''];
  });
}

async function main(): Promise<void> {
  const docker = new Docker({ socketPath: benchSocket() });
  const server = await importModule(join(root, 'scripts/lib/vscodeServer.mjs'));
  const host = await importModule(join(root, 'scripts/lib/hostTier.mjs'));
  const ensureVSCodeServer = server.ensureVSCodeServer as (o: object) => Promise<string>;
  const startServer = server.startServer as (o: object) => Promise<{ port: number; stop(): Promise<void> }>;
  const workbenchUrl = server.workbenchUrl as (o: object) => string;
  const serverEnv = host.serverEnv as (env: object) => NodeJS.ProcessEnv;

  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-inspect-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const names = [`wharf-bench-inspect-a-${suffix}`, `wharf-bench-inspect-b-${suffix}`];
  for (const name of names) await docker.createContainer({ Image: benchImage(), name, Cmd: ['sleep', '3600'], Labels: { [LABEL]: 'inspect' } });
  const vscodeServer = await startServer({
    serverPath: await ensureVSCodeServer({ log: console.log }), port: 0,
    dataDir: join(scratch, 'data'), extensionsDir: join(scratch, 'ext'), env: serverEnv({ WHARF_TEST_DOCKER_HOST: `unix://${benchSocket()}` }),
  });
  const browser = await chromium.launch({ executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(120_000);
    await page.goto(workbenchUrl({ port: vscodeServer.port, folder: workspace, extensionPath: root }));
    const tab = page.locator('.part.activitybar').getByRole('tab', { name: /^Wharf/ });
    await tab.waitFor({ state: 'visible' });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    for (const name of names) await row(page, name).waitFor({ state: 'visible' });

    // The first Inspect of the window starts the Inspect view's webview: apart.
    const first = await openInspect(page, names[0]);
    await closeInspect(page);
    const fresh: Array<Awaited<ReturnType<typeof openInspect>>> = [];
    for (let i = 0; i < SAMPLES; i++) {
      fresh.push(await openInspect(page, names[i % 2]));
      await closeInspect(page);
    }
    const reused: Array<Awaited<ReturnType<typeof openInspect>>> = [];
    await openInspect(page, names[0]);
    for (let i = 0; i < SAMPLES; i++) reused.push(await openInspect(page, names[(i + 1) % 2]));
    await closeInspect(page);

    const f = figures(fresh.map((o) => o.total));
    const r = figures(reused.map((o) => o.total));
    console.log(`first Inspect of the window: ${first.total} ms`);
    console.log(`Inspect with the panel closed (not open before): ${fresh.map((o) => o.total).join(', ')} ms (median ${f.median})`);
    console.log(`the next object while it is open: ${reused.map((o) => o.total).join(', ')} ms (median ${r.median})`);
    console.log(`\nInspect open, Enter on the menu entry → content visible (VS Code 1.100.3 in headless Chromium; ${SAMPLES} opens each)`);
    console.log(table(['case', 'phase (since Enter)', 'median', 'range'], [...phaseRows('not open before', fresh), ...phaseRows('open', reused)]));
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'inspect.json'), JSON.stringify({ date: new Date().toISOString(), first, fresh, reused, medians: { fresh: f.median, reused: r.median } }, null, 2));
    console.log('results: bench/results/inspect.json');
  } catch (err) {
    // What the window showed when an open never completed says more than the timeout.
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    const shot = join(root, 'bench', 'results', 'inspect-failure.png');
    for (const page of browser.contexts().flatMap((c) => c.pages())) await page.screenshot({ path: shot }).then(() => console.error(`the window at the failure: ${shot}`), () => undefined);
    throw err;
  } finally {
    await browser.close();
    await vscodeServer.stop();
    for (const name of names) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
