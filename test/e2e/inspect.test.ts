// Inspect in the real workbench: how long its content takes to show after the command (printed,
// never asserted: a loaded machine must not fail a test), and its use from the keyboard.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { chooseFromContextMenu, openWharf, openWorkbench, widenSideBar, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function row(page: Page, name: string): Locator {
  return page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

function inspectFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

function inspectTab(page: Page, name: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: `Inspect ${name}` });
}

/**
 * Opens inspect from the row's context menu; resolves the milliseconds from the command (Enter on
 * the menu entry) until the page shows the object's rows.
 */
async function openInspect(page: Page, name: string): Promise<number> {
  let start = 0;
  await chooseFromContextMenu(page, row(page, name), /^Inspect Container$/, async () => { start = Date.now(); });
  await inspectFrame(page).locator('.tree [role=treeitem]').first().waitFor({ state: 'visible', timeout: 60_000 });
  return Date.now() - start;
}

async function closeInspect(page: Page, name: string): Promise<void> {
  const tab = inspectTab(page, name);
  await tab.locator('.codicon-close').click();
  await tab.waitFor({ state: 'detached' });
}

describe('inspect in the workbench', function () {
  this.timeout(240_000);
  const docker = rawDocker();
  const name = `inspected-${suffix}`;
  let wb: Workbench;

  before(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'e2e-inspect' } });
    await container.start();
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 460);
    await row(wb.page, name).waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('prints how long inspect takes to show its content (first open, then reopened)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      times.push(await openInspect(wb.page, name));
      await closeInspect(wb.page, name);
    }
    const again = times.slice(1).sort((a, b) => a - b);
    console.log(`[inspect-open] content visible after the command: first ${times[0]} ms; reopened ${again.join(', ')} ms (median ${again[Math.floor(again.length / 2)]} ms)`);
    assert.equal(times.length, 4);
  });
});
