// No engine, in the real workbench: with the workspace's wharf.engine.host naming a socket that
// does not exist yet, the Containers view's welcome says where the address came from and why it
// fails, with its buttons; the other views stay quiet; Open Settings opens the tab the setting
// is in; once an engine answers at that address, Retry shows its containers. The screenshot of the
// unreachable state is the README's (docs/images/explorer-unreachable.png).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { dockerHost, rawDocker, socketPath, TEST_IMAGE } from '../engine/env';
import { SocketProxy } from '../engine/socketProxy';
import { openWharf, openWorkbench, paneHeader, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function pane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) });
}

describe('recovery without an engine in the workbench', function () {
  this.timeout(240_000);
  const workspace = process.env.WHARF_E2E_WORKSPACE;
  const settingsFile = workspace ? join(workspace, '.vscode', 'settings.json') : '';
  const scratch = mkdtempSync(join(tmpdir(), 'wre-'));
  const socket = join(scratch, 'engine.sock');
  const name = `after-retry-${suffix}`;
  const docker = rawDocker();
  let proxy: SocketProxy | undefined;
  let wb: Workbench;

  before(async () => {
    assert.ok(workspace, 'WHARF_E2E_WORKSPACE names the workbench folder');
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['true'], Labels: { 'wharf.test': 'e2e-recovery' } });
    // Written before the window opens, so Wharf starts with it: a newcomer's mistyped setting.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ 'wharf.engine.host': `unix://${socket}` }, null, 2));
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 520);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, 'recovery-failure');
  });

  after(async () => {
    rmSync(settingsFile, { force: true });
    await wb?.close();
    await proxy?.close();
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows one welcome in Containers: the address, its source, the likely cause and the buttons; the others quiet', async () => {
    const { page } = wb;
    const welcome = pane(page, 'Containers').locator('.welcome-view-content');
    await welcome.getByText(/No container engine answers/).waitFor({ state: 'visible', timeout: 60_000 });
    await welcome.getByText('That address comes from the wharf.engine.host setting.').waitFor({ state: 'visible' });
    await welcome.getByText(/Likely cause: the engine is not running, as no socket exists at that path/).waitFor({ state: 'visible' });
    // The welcome's parts render as their context keys arrive: the last button shown is the state
    // to wait for before reading them all.
    await welcome.getByRole('button', { name: 'Select Context' }).waitFor({ state: 'visible' });
    const buttons = await welcome.getByRole('button').allTextContents();
    assert.deepEqual(buttons.map((b) => b.trim()), ['Retry', 'Open Settings', 'Select Context'], 'no demo engine is offered outside npm start');
    assert.equal(await welcome.getByText(/systemctl|sudo/).count(), 0);
    // The view's description is set apart from its welcome: wait for it, then read it whole.
    const description = paneHeader(page, 'Containers').locator('.description');
    await description.filter({ hasText: `unix://${socket}` }).waitFor({ state: 'visible' });
    assert.equal((await description.textContent())?.trim(), `unix://${socket}`, 'the address tried, beside the title');
    await pane(page, 'Images').locator('.welcome-view-content').getByText('Not connected to an engine: see the Containers view.').waitFor({ state: 'visible' });
    assert.equal(await pane(page, 'Images').locator('.welcome-view-content').getByRole('button').count(), 0, 'the other views are quiet');
    await pointerAway(page);
    await screenshot(page, 'explorer-unreachable');
  });

  it('Open Settings opens the Workspace tab, where this setting is, showing it', async () => {
    const { page } = wb;
    await pane(page, 'Containers').locator('.welcome-view-content').getByRole('button', { name: 'Open Settings' }).click();
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible' });
    await editor.locator('.settings-tabs-widget .action-label.checked', { hasText: /^Workspace$/ }).waitFor({ state: 'visible' });
    await editor.locator('.setting-item-contents', { hasText: /Engine: Host/ }).first().waitFor({ state: 'visible' });
    await page.locator('.tabs-container .tab', { hasText: 'Settings' }).locator('.codicon-close').click();
    await editor.waitFor({ state: 'detached' });
  });

  it('Retry, once an engine answers at the address, shows its containers', async () => {
    const { page } = wb;
    const engineSocket = socketPath(dockerHost());
    proxy = new SocketProxy(engineSocket, socket);
    await proxy.listen();
    await pane(page, 'Containers').locator('.welcome-view-content').getByRole('button', { name: 'Retry' }).click();
    await pane(page, 'Containers').locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await pane(page, 'Containers').locator('.welcome-view-content').getByText(/No container engine answers/).count(), 0);
    assert.equal((await paneHeader(page, 'Containers').locator('.description').textContent())?.trim() ?? '', '');
  });
});
