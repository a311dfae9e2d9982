// A failed build in the real workbench, as a user meets it: Build Image from the palette on an
// open Dockerfile, the context and tag questions answered with Enter, the Build terminal opening,
// the failure notification's Show Build Output pressed, and the Output panel showing the Wharf
// Build channel with the failing step's own output.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { openWorkbench, screenshot, workbenchUrl, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function workspaceFolder(): string {
  const folder = new URL(workbenchUrl()).searchParams.get('folder');
  if (!folder) throw new Error(`no folder in ${workbenchUrl()}`);
  return folder;
}

async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input.input').waitFor({ state: 'visible' });
  await page.keyboard.type(relativePath);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

describe('a failed build in the workbench', function () {
  this.timeout(180_000);
  let wb: Workbench;
  const folderName = `e2e-build-${suffix}`;
  const marker = `e2e-build-marker-${suffix}`;
  const tag = `e2e-build-${suffix}:latest`;
  const dir = join(workspaceFolder(), folderName);

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${marker} >&2 && exit 4\n`);
    wb = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `build-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
    await rawDocker().getImage(tag).remove({ force: true }).catch(() => undefined);
  });

  it('Show Build Output in the failure notification opens the Wharf Build output with the step\'s output', async () => {
    const { page } = wb;
    await quickOpen(page, `${folderName}/Dockerfile`);
    await page.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ state: 'visible' });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('>Wharf: Build Image…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Wharf: Build Image…' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // The context: the Dockerfile's folder comes first and is pre-selected.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: `Build context for ${folderName}/Dockerfile` }).waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: folderName }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // The tag, suggested from the folder name.
    await page.waitForFunction((expected) => document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value === expected, tag);
    await page.keyboard.press('Enter');

    const notification = page.locator('.notification-toast', { hasText: `building ${tag}` });
    await notification.waitFor({ state: 'visible', timeout: 120_000 });
    await notification.getByRole('button', { name: 'Show Build Output' }).click();
    const output = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await output.waitFor({ state: 'visible' });
    await page.locator('.part.panel .monaco-editor .view-lines', { hasText: marker }).first().waitFor({ state: 'visible' });
    await page.locator('.part.panel', { hasText: 'Wharf Build' }).first().waitFor({ state: 'visible' });
    await screenshot(page, 'build-failed-output');
  });
});
