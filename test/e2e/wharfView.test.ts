// Wharf in the real workbench: its activity-bar entry opens the view container and the
// Containers and Images views render.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { openWharf, openWorkbench, paneHeader, screenshot, treeItem, wharfActivity, widenSideBar, type Workbench } from './workbench';

describe('Wharf view', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it('opens from the activity bar and shows the Containers and Images views', async () => {
    await openWharf(wb.page);
    assert.equal(await wharfActivity(wb.page).getAttribute('aria-selected'), 'true');
    for (const title of ['Containers', 'Images']) {
      await paneHeader(wb.page, title).waitFor({ state: 'visible' });
    }
    // Connected to the private engine: the harness's test image is listed in the Images view.
    await treeItem(wb.page, /wharf-test\/busybox/).first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.page.mouse.move(700, 450); // away from the activity bar, so no hover covers the view
    const path = await screenshot(wb.page, 'wharf-view');
    assert.ok(existsSync(path) && statSync(path).size > 0, `no screenshot at ${path}`);
  });

  it('expands an image tag into its layers', async () => {
    const { page } = wb;
    await widenSideBar(page, 460);
    const images = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Images$/i }) });
    const repository = images.locator('[role=treeitem][aria-level="1"]').filter({ hasText: 'wharf-test/busybox' });
    if ((await repository.getAttribute('aria-expanded')) !== 'true') await repository.locator('.monaco-tl-twistie').click();
    const tag = images.locator('[role=treeitem][aria-level="2"]').filter({ hasText: 'latest' });
    if ((await tag.getAttribute('aria-expanded')) !== 'true') await tag.locator('.monaco-tl-twistie').click();
    // The test image's history: its COPY of busybox and its CMD are layers (Dockerfile in scripts/lib/engines.mjs).
    const layers = images.locator('[role=treeitem][aria-level="3"]');
    await layers.filter({ hasText: /COPY/ }).first().waitFor({ state: 'visible' });
    await layers.filter({ hasText: /CMD/ }).first().waitFor({ state: 'visible' });
    await page.mouse.move(640, 789);
    await screenshot(page, 'explorer-images');
  });
});
