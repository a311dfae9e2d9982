// Helpers for the e2e tier: Playwright (playwright-core + Debian's Chromium, headless) driving the
// real VS Code workbench that scripts/lib/e2eTier.mjs serves, with Wharf loaded in development mode
// or (for test/e2e/installed) installed from the .vsix. The tier passes its URL in WHARF_E2E_URL.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

/** The repo root (this file runs from out/test/e2e/). */
const repoRoot = resolve(__dirname, '..', '..', '..');
/** Screenshots land here; the folder is git-ignored. */
export const artifactsDir = process.env.WHARF_TEST_ARTIFACTS ?? join(repoRoot, 'test-artifacts');

// Flags that work as root in a container; no background traffic leaves the machine
// (same list as scripts/lib/chromium.mjs, which the host tier uses).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** Generous: the first workbench load compiles a lot of JavaScript on a 2-core machine. */
export const UI_TIMEOUT = 30_000;

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export function workbenchUrl(): string {
  const url = process.env.WHARF_E2E_URL;
  if (!url) throw new Error('WHARF_E2E_URL is not set: run the e2e tier through `npm test` (scripts/test.mjs), which serves the workbench.');
  return url;
}

/** Launches Chromium, opens the workbench (the tier's, unless `url` names another) and waits until it has rendered. */
export async function openWorkbench(url = workbenchUrl()): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    return { browser, page, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** The activity-bar entry of the Wharf view container (role tab, labelled with its title). */
export function wharfActivity(page: Page): Locator {
  return page.locator('.part.activitybar').getByRole('tab', { name: /^Wharf/ });
}

/** Opens the Wharf view container from the activity bar (a click toggles it: only click when closed). */
export async function openWharf(page: Page): Promise<void> {
  const tab = wharfActivity(page);
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('.part.sidebar .composite.title').getByText(/^Wharf/i).first().waitFor({ state: 'visible' });
}

/** Drags the side bar's edge so that it is `width` px wide (rows then show their descriptions). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not shown');
  const edge = box.x + box.width;
  await page.mouse.move(edge, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // Off the edge, and wait until it no longer shows as hovered (a highlight in every screenshot).
  await page.mouse.move(box.x + width + 300, box.y + box.height - 100);
  await page.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached' });
}

/** The header of a view (pane) in the side bar, by its title, e.g. "Containers". */
export function paneHeader(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane-header').filter({ has: page.locator('h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) });
}

/** Moves the pointer where no hover or tooltip covers the views: the status bar's empty middle. */
export async function pointerAway(page: Page): Promise<void> {
  await page.mouse.move(640, 789);
}

/** Saves a full-window screenshot as test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Right-clicks `target` and chooses `item` from the workbench's context menu; resolves once the
 * menu has closed, which the workbench does when it starts the chosen action.
 *
 * The entry is chosen the way a keyboard user does: pointed at (which focuses it), then Enter.
 * A mouse click is not reliable here: VS Code's menu attaches an entry's mouseup handler on a
 * 100 ms timer after the menu renders (menu.ts, to ignore the release of the click that opened
 * it). A person never clicks that fast; a test does, and on a loaded machine the renderer handles
 * the queued input before the late timer, so the click is silently dropped and the menu stays
 * open (measured: a click sent as soon as the menu showed was dropped 28 times in 29 while the
 * handler was missing, never once it was there). The menu's Enter handler exists from the start,
 * and focus is a state the page shows. `beforeChoose` runs with the entry highlighted (for a
 * screenshot of the open menu).
 */
export async function chooseFromContextMenu(page: Page, target: Locator, item: string | RegExp, beforeChoose?: () => Promise<unknown>): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  // A menu left open by an earlier step would take the right-click.
  if (await menu.isVisible()) {
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
  }
  await target.click({ button: 'right' });
  await menu.waitFor({ state: 'visible' });
  const entry = menu.getByRole('menuitem', { name: item }).first();
  await entry.hover();
  await page.waitForFunction((element) => element === document.activeElement, await entry.elementHandle());
  await beforeChoose?.();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/**
 * Answers the workspace-trust dialog that a workbench without --disable-workspace-trust shows
 * when it opens a folder for the first time: trust it, as a user opening their own project does.
 */
export async function trustWorkspace(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/ });
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  await dialog.getByRole('button', { name: /^Yes, I trust the authors/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** A tree row in a Wharf view, by (part of) its aria-label. */
export function treeItem(page: Page, label: string | RegExp): Locator {
  return page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: label }) })
    .or(page.getByRole('treeitem', { name: label }));
}

/** The page of the Inspect view (or of the last kept inspect panel): its content frame. */
export function inspectFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Waits until the Inspect view shows `kind name` (its page's title says which object it shows). */
export async function inspectShows(page: Page, kind: string, name: string): Promise<void> {
  await inspectFrame(page).locator('#title', { hasText: new RegExp(`^${kind} ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ state: 'visible', timeout: 60_000 });
}

/** Closes the panel area that holds the Inspect view (its webview stays alive, hidden). */
export async function closeInspectView(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  // A toggle in VS Code 1.100 (role checkbox, "Hide Panel (Ctrl+J)").
  await panel.getByRole('checkbox', { name: /^Hide Panel/ }).click();
  await panel.waitFor({ state: 'hidden' });
}
