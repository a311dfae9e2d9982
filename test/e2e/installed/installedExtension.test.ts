// The shipped package is what is tested: the .vsix that `npm run package` builds, installed into
// the VS Code server's extensions dir and run in a workbench with no development payload and no
// smoke-test driver (scripts/lib/installedExtension.mjs serves it). A file left out of the package,
// a bundle that fails to load, a webview page missing its script or stylesheet, rule pages or
// contribution titles missing, fail here. The workbench is the one users get: workspace trust
// is asked, and confirmations are the real modal dialogs.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../../engine/env';
import { chooseFromContextMenu, openWharf, openWorkbench, pointerAway, screenshot, trustWorkspace, type Workbench } from '../workbench';

const EXTENSION_ID = 'wharf.wharf';

function extensionsDir(): string {
  const dir = process.env.WHARF_E2E_EXTENSIONS_DIR;
  if (!dir) throw new Error('WHARF_E2E_EXTENSIONS_DIR is not set: these tests run against the installed .vsix that `npm test` (scripts/lib/e2eTier.mjs) packages and serves.');
  return dir;
}

interface InstalledEntry { identifier: { id: string }; version: string; relativeLocation: string; metadata?: { source?: string } }

const FILE_KEYS = new Set(['path', 'icon', 'configuration', 'image', 'markdown', 'svg']);

/** Every file the manifest points at, relative to the extension's folder. */
function filesNamedByManifest(manifest: Record<string, unknown>): string[] {
  const files = new Set<string>();
  const addFile = (value: unknown): void => {
    // Codicons ($(name)) and nls keys (%key%) are not files.
    if (typeof value === 'string' && !/^(?:\$\(|%)/.test(value)) files.add(value.replace(/^\.\//, ''));
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (!FILE_KEYS.has(key)) walk(value);
      else if (typeof value === 'string') addFile(value);
      // Themed variants ({ light, dark, hc }); other objects (the settings under configuration) are walked.
      else if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) Object.values(value).forEach(addFile);
      else walk(value);
    }
  };
  addFile(manifest.main);
  addFile(manifest.icon);
  Object.values((manifest.bin as Record<string, string> | undefined) ?? {}).forEach(addFile);
  // English never reads l10n/ at run time, so a missing bundle can only be seen here.
  if (typeof manifest.l10n === 'string') addFile(join(manifest.l10n, 'bundle.l10n.json'));
  walk(manifest.contributes);
  return [...files];
}

function containerRow(page: Page, name: string): Locator {
  const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Containers$/i }) });
  return pane.locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

describe('the installed .vsix', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  const name = `installed-${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  let id = '';
  let wb: Workbench;
  let installed: InstalledEntry | undefined;

  before(async () => {
    const list = JSON.parse(readFileSync(join(extensionsDir(), 'extensions.json'), 'utf8')) as InstalledEntry[];
    installed = list.find((e) => e.identifier.id === EXTENSION_ID);
    // Created, not started: enough to be listed, inspected and asked about, and nothing to stop.
    id = (await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '3600'] })).id;
    wb = await openWorkbench();
    await trustWorkspace(wb.page);
  });

  after(async () => {
    if (id) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it(`is installed from the .vsix as ${EXTENSION_ID}, with every file its manifest names, and runs from there`, async () => {
    assert.ok(installed, `${EXTENSION_ID} is not in ${extensionsDir()}/extensions.json`);
    assert.equal(installed.metadata?.source, 'vsix');
    const folder = join(extensionsDir(), installed.relativeLocation);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(`${String(manifest.publisher)}.${String(manifest.name)}`, EXTENSION_ID);
    const missing = filesNamedByManifest(manifest).filter((f) => !existsSync(join(folder, f)));
    assert.deepEqual(missing, [], 'files the manifest names but the package lacks');

    // The Extensions view lists it as installed, activated, with its icon served from that folder.
    const { page } = wb;
    await page.keyboard.press('Control+Shift+X');
    const search = page.locator('.part.sidebar .extensions-viewlet .suggest-input-container textarea').first();
    await search.waitFor({ state: 'visible' });
    await search.focus();
    await page.keyboard.type('@installed wharf');
    const row = page.locator(`.part.sidebar .monaco-list-row[data-extension-id="${EXTENSION_ID}"]`);
    await row.waitFor({ state: 'visible' });
    await row.locator('.activationTime').waitFor({ state: 'visible', timeout: 60_000 });
    const icon = row.locator('img.icon');
    assert.ok(decodeURIComponent(await icon.getAttribute('src') ?? '').includes(`${folder}/media/`), 'the icon comes from the installed folder');
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await icon.elementHandle());
  });

  it('lists the test engine\'s containers in the Wharf view', async () => {
    await openWharf(wb.page);
    await containerRow(wb.page, name).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('Inspect opens a panel whose page, script and stylesheet load from the package', async () => {
    const { page } = wb;
    await chooseFromContextMenu(page, containerRow(page, name), 'Inspect Container');
    const frame = webviewFrame(page);
    await frame.locator('#title', { hasText: `container ${name}` }).waitFor({ state: 'visible', timeout: 60_000 });
    // The tree is built by dist/webview/inspect.js; media/inspect.css makes the toolbar sticky.
    await frame.locator('[role=treeitem][data-path="Id"]').getByText(`"${id}"`).waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('vscode-textfield#filter').waitFor({ state: 'attached' });
    assert.equal(await frame.locator('#toolbar').evaluate((el) => getComputedStyle(el).position), 'sticky', 'media/inspect.css is applied');
    await pointerAway(page);
    await screenshot(page, 'installed-inspect');
  });

  it('lints a Dockerfile in the workspace and opens a rule\'s page from the package', async () => {
    const { page } = wb;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('app/Dockerfile');
    await page.locator('.quick-input-widget [role=option]').filter({ hasText: 'Dockerfile' }).filter({ hasText: 'app' }).first().click();
    await page.locator('.tabs-container .tab', { hasText: 'Dockerfile' }).waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    // app/Dockerfile (scripts/lib/hostTier.mjs createWorkspace) starts with an untagged FROM busybox.
    const finding = page.locator('.markers-panel [role=treeitem]').filter({ hasText: 'DL3006' });
    await finding.waitFor({ state: 'visible' });
    assert.match(await finding.getAttribute('aria-label') ?? '', /Always tag the version of an image explicitly at line 1 .*generated by wharf/);
    await pointerAway(page);
    await screenshot(page, 'installed-lint');
    // The code links to docs/rules/DL3006.md, shipped in the package, shown as a Markdown preview.
    await finding.locator('a.monaco-link', { hasText: 'DL3006' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'Preview DL3006.md' }).waitFor({ state: 'visible' });
    await webviewFrame(page).getByRole('heading', { name: 'DL3006: Always tag the version of an image explicitly' }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('Remove asks with the real modal dialog, naming what is lost; Cancel keeps the container', async () => {
    const { page } = wb;
    await openWharf(page);
    const row = containerRow(page, name);
    await chooseFromContextMenu(page, row, 'Remove Container…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`Remove container ${name}\\?`));
    assert.match(await dialog.innerText(), /Lost for good: the files written inside the container outside its volumes \(its writable layer\)/);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).waitFor({ state: 'visible' });
    await pointerAway(page);
    await screenshot(page, 'installed-remove-confirm');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // Still there, and still listed by a live view: it starts, and its row shows it running.
    await docker.getContainer(id).start();
    await row.locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: 60_000 });
  });
});
