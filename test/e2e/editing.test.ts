// Dockerfile editing in the real workbench, as a user does it: with the engine's images in view,
// open a Dockerfile (Quick Open), type `FROM wharf-test/`, ask for suggestions (Ctrl+Space) and
// see the local tag of the test image offered with its size and age, and accept it. The
// screenshot of the open suggestions is test-artifacts/dockerfile-from-completion.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_IMAGE } from '../engine/env';
import { waitFor } from '../engine/waitFor';
import { openWharf, openWorkbench, paneHeader, pointerAway, screenshot, treeItem, workbenchUrl, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

/** The workspace folder the tier opened (the workbench URL names it). */
function workspaceFolder(): string {
  const folder = new URL(workbenchUrl()).searchParams.get('folder');
  if (!folder) throw new Error(`no folder in ${workbenchUrl()}`);
  return folder;
}

/** Opens a workspace file with Quick Open, typed as a user types it. */
async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(relativePath);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

describe('Dockerfile editing in the workbench', function () {
  this.timeout(180_000);
  let wb: Workbench;
  const folderName = `e2e-editing-${suffix}`;
  const file = join(workspaceFolder(), folderName, 'Dockerfile');

  before(async () => {
    mkdirSync(join(file, '..'), { recursive: true });
    // Written, not typed: typing would trigger quick suggestions, and whether their widget is
    // already up when Ctrl+Space is pressed decides what Ctrl+Space does (open it, or toggle its
    // details) — a race the machine's speed would settle.
    writeFileSync(file, 'FROM wharf-test/');
    wb = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `editing-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await wb?.close();
    rmSync(join(file, '..'), { recursive: true, force: true });
  });

  it('FROM completes the engine\'s local image tag, with its size and age', async () => {
    const { page } = wb;
    // The images Wharf knows, in view: its store is loaded once the test image's repository shows.
    await openWharf(page);
    const images = paneHeader(page, 'Images');
    if ((await images.getAttribute('aria-expanded')) !== 'true') await images.click();
    await treeItem(page, 'wharf-test/busybox').first().waitFor({ state: 'visible', timeout: 60_000 });

    await quickOpen(page, `${folderName}/Dockerfile`);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible' });
    await page.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ state: 'visible' });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');

    const suggest = page.locator('.editor-widget.suggest-widget');
    const row = suggest.locator('.monaco-list-row', { hasText: TEST_IMAGE });
    await row.first().waitFor({ state: 'visible' });
    // The description beside the label: size and age, as the Images view shows them.
    await row.filter({ hasText: / · .+ ago/ }).first().waitFor({ state: 'visible' });
    // Ctrl+Space again shows the focused suggestion's details: the image as the Images view knows it.
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-details', { hasText: 'Size:' }).first().waitFor({ state: 'visible' });
    await pointerAway(page);
    await screenshot(page, 'dockerfile-from-completion');

    // Accept the focused suggestion if it is ours, else pick ours with the arrow keys.
    const label = async () => (await suggest.locator('.monaco-list-row.focused').first().getAttribute('aria-label')) ?? '';
    for (let i = 0; i < 50 && !(await label()).includes(TEST_IMAGE); i++) await page.keyboard.press('ArrowDown');
    assert.ok((await label()).includes(TEST_IMAGE), `the focused suggestion is ${await label()}`);
    await page.keyboard.press('Enter');
    await suggest.waitFor({ state: 'hidden' });
    await page.locator('.view-lines', { hasText: `FROM ${TEST_IMAGE}` }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Control+S');
    // The save reaches the disk through the server: wait for the file to say it.
    await waitFor('the saved Dockerfile', () => readFileSync(file, 'utf8') === `FROM ${TEST_IMAGE}`, { detail: () => JSON.stringify(readFileSync(file, 'utf8')) });
  });
});
