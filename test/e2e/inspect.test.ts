// Inspect in the real workbench: how long its content takes to show after the command (printed,
// never asserted: a loaded machine must not fail a test), and its use from the keyboard.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { chooseFromContextMenu, closeInspectView, inspectFrame, inspectShows, openWharf, openWorkbench, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function row(page: Page, name: string): Locator {
  return page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

/**
 * Opens inspect from the row's context menu; resolves the milliseconds from the command (Enter on
 * the menu entry) until the page shows the object's rows.
 */
async function openInspect(page: Page, name: string): Promise<number> {
  let start = 0;
  await chooseFromContextMenu(page, row(page, name), /^Inspect Container$/, async () => { start = Date.now(); });
  // The page says which object it shows in its title: the content of this one, not the last.
  await inspectShows(page, 'container', name);
  await inspectFrame(page).locator('.tree [role=treeitem]').first().waitFor({ state: 'visible', timeout: 60_000 });
  return Date.now() - start;
}

describe('inspect in the workbench', function () {
  this.timeout(240_000);
  const docker = rawDocker();
  const name = `inspected-${suffix}`;
  const other = `inspected-${suffix}-b`;
  let wb: Workbench;

  before(async () => {
    for (const n of [name, other]) {
      await docker.getContainer(n).remove({ force: true }).catch(() => undefined);
      const container = await docker.createContainer({ Image: TEST_IMAGE, name: n, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'e2e-inspect' } });
      await container.start();
    }
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 460);
    // Both rows listed; their clock redraws them every second from here on, and a menu command
    // reaches its row whatever the tree redraws meanwhile (src/ui/tree/focusedRow.ts).
    for (const n of [name, other]) await row(wb.page, n).filter({ hasText: /Up .* · / }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `inspect-failure-${this.currentTest.title.split(' ')[1]}`);
  });

  after(async () => {
    for (const n of [name, other]) await docker.getContainer(n).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('prints how long inspect takes to show its content: the first time, with the panel closed, and the next object while it is open', async () => {
    const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    // The first Inspect of the window starts the Inspect view's webview.
    const first = await openInspect(wb.page, name);
    await closeInspectView(wb.page);
    // Not open before: the panel area closed, as after a look at one object and back to work.
    const closed: number[] = [];
    for (let i = 0; i < 3; i++) {
      closed.push(await openInspect(wb.page, i % 2 === 0 ? other : name));
      await closeInspectView(wb.page);
    }
    // The everyday case: going from one object to the next with the view open.
    const next: number[] = [];
    await openInspect(wb.page, name);
    for (let i = 0; i < 3; i++) {
      next.push(await openInspect(wb.page, i % 2 === 0 ? other : name));
    }
    assert.equal(await wb.page.locator('iframe.webview').count(), 1, 'one webview, kept and reused');
    await closeInspectView(wb.page);
    console.log(`[inspect-open] content visible after the command: first in the window ${first} ms; panel closed before ${closed.join(', ')} ms (median ${median(closed)}); next object while open ${next.join(', ')} ms (median ${median(next)})`);
  });

  it('is used from the keyboard: a labelled filter, rows in the tab order, arrows, Tab to the copy buttons, and Copied', async () => {
    const { page } = wb;
    await openInspect(page, name);
    const frame = inspectFrame(page);
    const filter = frame.getByRole('textbox', { name: 'Filter' });
    await filter.waitFor({ state: 'visible' });
    assert.equal(await frame.locator('label[for=filter]').textContent(), 'Filter', 'the filter has a visible label');
    await filter.click();
    // Tab from the filter reaches the tree through the toolbar's controls.
    const focusedRow = frame.locator('[role=treeitem]:focus');
    for (let presses = 0; presses < 8 && (await focusedRow.count()) === 0; presses++) await page.keyboard.press('Tab');
    assert.equal(await focusedRow.count(), 1, 'a row takes the focus by Tab');
    const first = await focusedRow.getAttribute('aria-label');
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await focusedRow.getAttribute('aria-label'), first, 'ArrowDown moves to the next row');

    // A closed branch: ArrowRight opens it, again goes into it, ArrowLeft comes back and closes it.
    const rows = await frame.locator('.tree [role=treeitem]').count();
    for (let i = 0; i < rows && !/^HostConfig /.test((await focusedRow.getAttribute('aria-label')) ?? ''); i++) await page.keyboard.press('ArrowDown');
    assert.match((await focusedRow.getAttribute('aria-label')) ?? '', /^HostConfig /);
    assert.equal(await focusedRow.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    await frame.locator('[role=treeitem][aria-expanded="true"]:focus').waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await frame.locator('[role=treeitem][aria-level="2"]:focus').waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowLeft');
    await frame.locator('[role=treeitem][aria-level="1"]:focus').waitFor({ state: 'attached' });
    assert.match((await focusedRow.getAttribute('aria-label')) ?? '', /^HostConfig /);
    await page.keyboard.press('ArrowLeft');
    await frame.locator('[role=treeitem][aria-expanded="false"]:focus').waitFor({ state: 'attached' });

    // Tab goes to the focused row's own copy buttons, shown without hovering.
    await page.keyboard.press('Tab');
    const copyPath = frame.locator('button.action:focus');
    await copyPath.waitFor({ state: 'visible' });
    assert.equal(await copyPath.getAttribute('aria-label'), 'Copy path');
    await page.keyboard.press('Enter');
    await frame.locator('button.action.copied', { hasText: 'Copied' }).waitFor({ state: 'visible' });
    assert.equal(await frame.locator('#copied').textContent(), 'Copied the path.');

    // Copy JSON, pressed from the keyboard, says Copied on itself.
    const copyJson = frame.locator('#copy-json');
    await copyJson.focus();
    await page.keyboard.press('Enter');
    await frame.locator('#copy-json.copied', { hasText: 'Copied' }).waitFor({ state: 'visible' });
    await pointerAway(page);
    await screenshot(page, 'inspect-keyboard-copied');
    await closeInspectView(page);
  });
});
