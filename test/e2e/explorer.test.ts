// The explorer in the real workbench, driven like a user: a container made outside the editor
// appears without a refresh; Stop from the context menu changes its icon; Inspect opens a panel
// showing its id; a label holding HTML shows as text; Remove asks first and the row goes away.
// Screenshots of the tree, a context menu and an inspect panel go to test-artifacts/.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE, uniqueName } from '../engine/env';
import { openWharf, openWorkbench, screenshot, type Workbench } from './workbench';

const HTML_LABEL = '<img src=x onerror=alert(1)>';

function row(page: Page, name: string): Locator {
  return page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

async function rightClickItem(page: Page, target: Locator, item: RegExp, shot?: string): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  // A menu or hover left open by an earlier step would swallow the right-click.
  if (await menu.isVisible()) await page.keyboard.press('Escape');
  await target.click({ button: 'right' });
  await menu.waitFor({ state: 'visible' });
  const entry = menu.getByRole('menuitem', { name: item }).first();
  await entry.waitFor({ state: 'visible' });
  if (shot) await screenshot(page, shot);
  await entry.hover();
  await entry.click();
  await menu.waitFor({ state: 'hidden' });
}

function inspectFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

describe('explorer in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  let wb: Workbench;
  const created: string[] = [];

  before(async () => {
    wb = await openWorkbench();
    await openWharf(wb.page);
  });

  after(async () => {
    for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('shows a container created outside the editor without a refresh, Stop changes its icon', async () => {
    const { page } = wb;
    const name = uniqueName('e2e');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Labels: { note: HTML_LABEL } });
    created.push(container.id);
    await container.start();
    const target = row(page, name);
    await target.waitFor({ state: 'visible', timeout: 30_000 });
    await target.locator('.codicon-vm-running').waitFor({ state: 'visible' });
    await page.mouse.move(900, 450);
    await screenshot(page, 'explorer-tree');

    await rightClickItem(page, target, /^Stop$/, 'explorer-context-menu');
    await target.locator('.codicon-vm-outline').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await container.inspect()).State.Status, 'exited');
  });

  it('Inspect opens a panel showing the id, and an HTML label as text', async () => {
    const { page } = wb;
    const [id] = created;
    const name = (await docker.getContainer(id).inspect()).Name.slice(1);
    await rightClickItem(page, row(page, name), /^Inspect Container$/);
    await page.locator('.tabs-container .tab', { hasText: `Inspect ${name}` }).waitFor({ state: 'visible' });
    const frame = inspectFrame(page);
    await frame.getByText(`"${id}"`).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.mouse.move(1300, 850);
    await screenshot(page, 'explorer-inspect');

    await frame.locator('#filter input').fill('onerror');
    const shown = frame.getByText(JSON.stringify(HTML_LABEL));
    await shown.first().waitFor({ state: 'visible' });
    assert.equal(await frame.locator('.tree img').count(), 0, 'the label was not turned into an element');
    await screenshot(page, 'explorer-inspect-html-label');
    await page.locator('.tabs-container .tab', { hasText: `Inspect ${name}` }).locator('.codicon-close').click();
  });

  it('Remove asks for confirmation and the container is gone', async () => {
    const { page } = wb;
    const [id] = created;
    const name = (await docker.getContainer(id).inspect()).Name.slice(1);
    const target = row(page, name);
    await rightClickItem(page, target, /^Remove Container/);
    // The workbench normally shows a modal dialog; the smoke-test driver this bed needs refuses
    // modal dialogs, so Wharf asks the same question as a quick pick there.
    const dialog = page.locator('.monaco-dialog-box');
    const picker = page.locator('.quick-input-widget');
    await dialog.or(picker).first().waitFor({ state: 'visible' });
    const asked = await dialog.isVisible() ? dialog : picker;
    const question = asked === dialog ? await dialog.innerText() : `${await picker.innerText()} ${await picker.locator('input').getAttribute('placeholder')}`;
    assert.match(question, /not stored in a volume will be lost/);
    await screenshot(page, 'explorer-remove-confirm');
    if (asked === dialog) await dialog.getByRole('button', { name: /^Remove$/ }).click();
    else await picker.getByRole('option', { name: /^Remove/ }).first().click();
    await target.waitFor({ state: 'detached', timeout: 60_000 });
    await assert.rejects(docker.getContainer(id).inspect(), 'the engine no longer has it');
  });
});
