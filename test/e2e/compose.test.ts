// A Compose project in the real workbench, driven like a user: its files in the workspace make
// the project show before any container exists; Compose Up from its context menu (the real
// docker-compose, against the private dockerd) fills in its services and their containers;
// Compose Down from the same menu asks first and takes them away, and the project stays while
// its files do. The screenshots (test-artifacts/compose-*.png) show the project with its services
// and the menu with Up and Down.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { chooseFromContextMenu, openWharf, openWorkbench, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

const PROJECT = 'storefront';

function containersPane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Containers$/i }) });
}

function row(page: Page, label: string): Locator {
  return containersPane(page).locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
}

function service(name: string, command: string, extra: string[]): string[] {
  return [`  ${name}:`, `    image: ${TEST_IMAGE}`, `    command: ["sh", "-c", "trap 'exit 0' TERM; ${command}; sleep 3600 & wait"]`, ...extra.map((l) => `    ${l}`)];
}

describe('compose in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  let wb: Workbench;
  let folder: string;

  const cleanUp = async (): Promise<void> => {
    const label = JSON.stringify({ label: [`com.docker.compose.project=${PROJECT}`] });
    for (const c of await docker.listContainers({ all: true, filters: label })) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    for (const n of await docker.listNetworks({ filters: label })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
    for (const v of (await docker.listVolumes({ filters: label })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  };

  before(async () => {
    const workspace = process.env.WHARF_E2E_WORKSPACE;
    assert.ok(workspace, 'WHARF_E2E_WORKSPACE is not set: run the e2e tier through `npm test`');
    await cleanUp();
    folder = join(workspace, PROJECT);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'compose.yaml'), [
      'services:',
      ...service('web', 'echo serving', ['depends_on: [api]']),
      ...service('api', 'echo listening', ['depends_on: [db]']),
      ...service('db', 'echo ready', ['volumes: [data:/data]']),
      'volumes:', '  data: {}', '',
    ].join('\n'));
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 460);
  });

  after(async () => {
    await wb?.close();
    await cleanUp();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('Compose Up from the project\'s menu brings up its services; the tree shows each with its container', async () => {
    const { page } = wb;
    const project = row(page, PROJECT);
    await project.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await project.innerText(), /no containers/);
    await chooseFromContextMenu(page, project, /^Compose Up$/);
    try {
      await project.filter({ hasText: '3/3 running' }).waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      await screenshot(page, 'compose-up-state');
    }
    for (const name of ['web', 'api', 'db']) {
      await row(page, `${PROJECT}_${name}_1`).locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: 60_000 });
    }
    const running = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.compose.project=${PROJECT}`] }) });
    assert.equal(running.length, 3);
    // The run's output has its own terminal; the picture is of the tree.
    await page.keyboard.press('Control+J');
    await pointerAway(page);
    await screenshot(page, 'compose-project');
  });

  it('Compose Down from the same menu asks first, then takes the containers away; the project stays while its files do', async () => {
    const { page } = wb;
    const project = row(page, PROJECT);
    await chooseFromContextMenu(page, project, /^Compose Down…$/, () => screenshot(page, 'compose-project-menu'));
    // This workbench (the smoke-test driver) refuses modal dialogs: the same question comes as a quick pick, Keep first.
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.waitFor({ state: 'visible' });
    const choices = await quickInput.locator('.quick-input-list [role=option]').allInnerTexts();
    assert.deepEqual(choices.map((c) => c.split('\n')[0]), ['Keep Project', 'Down', 'Down and Remove Volumes']);
    await quickInput.locator('.quick-input-list [role=option]').filter({ hasText: /^Down and Remove Volumes/ }).click();
    await row(page, `${PROJECT}_web_1`).waitFor({ state: 'detached', timeout: 60_000 });
    await project.filter({ hasText: 'no containers' }).waitFor({ state: 'visible', timeout: 60_000 });
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${PROJECT}`] }) });
    assert.deepEqual(left, []);
  });
});
