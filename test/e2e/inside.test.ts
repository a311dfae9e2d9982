// Inside a container, in the real workbench: the Stats panel (live charts drawn by uPlot, the
// process list) opened from a row's context menu, and the Container Files view browsing the
// container's tree with a file open in the editor. The screenshots (test-artifacts/stats-panel.png,
// container-files.png) are the README's.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { chooseFromContextMenu, openWharf, openWorkbench, paneHeader, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function pane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) });
}

function row(scope: Locator, page: Page, name: string): Locator {
  return scope.locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

describe('inside a container in the workbench', function () {
  this.timeout(240_000);
  const docker = rawDocker();
  let wb: Workbench;
  const name = `api-${suffix}`;
  let id = '';

  before(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    // A little work every second, so the charts have something to show (a few % of one core).
    const container = await docker.createContainer({
      Image: TEST_IMAGE, name,
      Cmd: ['sh', '-c', 'echo "listen=8080" > /etc/api.conf; while true; do seq 1 3000 > /dev/null; sleep 1; done'],
    });
    id = container.id;
    await container.start();
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 460);
  });

  after(async () => {
    await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `inside-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  it('the running row shows CPU and memory; Show Stats and Processes draws live charts and the processes', async () => {
    const { page } = wb;
    const target = row(pane(page, 'Containers'), page, name);
    // The row's figure: "Up … · 0.3% · 1.2 MB · image".
    await target.locator('.label-description', { hasText: /% · [\d.]+ (?:B|kB|MB|GB) · / }).waitFor({ state: 'visible', timeout: 60_000 });
    await chooseFromContextMenu(page, target, /^Show Stats and Processes$/);
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('#title', { hasText: `Container ${name}` }).waitFor({ state: 'visible', timeout: 60_000 });
    // Eight samples or more drawn on each of the four charts (one a second; the attribute counts them).
    const fewer = [1, 2, 3, 4, 5, 6, 7].map((n) => `:not([data-points="${n}"])`).join('');
    await frame.locator(`.chart[data-points]${fewer}`).nth(3).waitFor({ state: 'attached', timeout: 60_000 });
    await frame.locator('table.processes td.cmd', { hasText: 'sleep 1' }).or(frame.locator('table.processes td.cmd', { hasText: 'while true' })).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('table.processes vscode-button').count() > 0, true, 'Signal… offered (busybox has kill)');
    assert.match(await frame.locator('.chart .figure').nth(1).textContent() ?? '', / \/ /, 'memory: used / limit');
    assert.equal(await frame.locator('canvas').count(), 4, 'four charts drawn');
    await pointerAway(page);
    await screenshot(page, 'stats-panel');
  });

  it('Browse Files shows the container\'s tree; a file opens in the editor', async () => {
    const { page } = wb;
    await page.keyboard.press('Escape');
    await chooseFromContextMenu(page, row(pane(page, 'Containers'), page, name), /^Browse Files$/);
    const files = pane(page, 'Container Files');
    await files.waitFor({ state: 'visible' });
    // Room for the tree: the Images view folded away.
    const images = paneHeader(page, 'Images');
    if (await images.getAttribute('aria-expanded') === 'true') await images.click();
    const etc = row(files, page, 'etc');
    await etc.waitFor({ state: 'visible', timeout: 60_000 });
    await etc.click();
    const conf = row(files, page, 'api.conf');
    await conf.waitFor({ state: 'visible', timeout: 30_000 });
    await conf.click();
    await page.locator('.editor-instance .view-lines', { hasText: 'listen=8080' }).waitFor({ state: 'visible', timeout: 30_000 });
    await row(files, page, 'hostname').waitFor({ state: 'visible' });
    await pointerAway(page);
    await screenshot(page, 'container-files');
  });
});
