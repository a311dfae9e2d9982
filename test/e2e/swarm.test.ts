// A stack on a real single-node swarm in the real workbench: the swarm engine of the harness
// (WHARF_TEST_SWARM_HOST) made a swarm, a stack of two services deployed on it (through Wharf's
// API route), and Wharf pointed at that engine by the workspace's wharf.engine.host. The Swarm
// view shows the stack with its services and their running tasks; the screenshot is the README's
// (docs/images/swarm-stack.png).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { resolveEndpoint } from '../../src/docker/connect';
import { initSwarm } from '../../src/docker/swarm/membership';
import { deployStack } from '../../src/docker/swarm/stacks';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { initOptions, leaveCleanly } from '../engine/swarmBed';
import { waitFor } from '../engine/waitFor';
import { openWharf, openWorkbench, paneHeader, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

const STACK = 'shop';

function swarmPane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Swarm$/i }) });
}

function row(page: Page, label: string): Locator {
  return swarmPane(page).locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });
}

describe('a Swarm stack in the workbench', function () {
  this.timeout(240_000);
  const workspace = process.env.WHARF_E2E_WORKSPACE;
  const host = process.env.WHARF_TEST_SWARM_HOST;
  const settingsFile = workspace ? join(workspace, '.vscode', 'settings.json') : '';
  const scratch = mkdtempSync(join(tmpdir(), 'wsw-'));
  let wb: Workbench;

  before(async () => {
    assert.ok(workspace && host, 'WHARF_E2E_WORKSPACE and WHARF_TEST_SWARM_HOST are set by the e2e tier');
    const docker = rawDocker(host);
    await initSwarm(docker, await initOptions());
    const file = join(scratch, 'stack.yml');
    writeFileSync(file, [
      'services:',
      '  web:', `    image: ${TEST_IMAGE}`, '    deploy: { replicas: 3 }',
      '  api:', `    image: ${TEST_IMAGE}`, '    deploy: { replicas: 2 }',
      '  cache:', `    image: ${TEST_IMAGE}`, '',
    ].join('\n'));
    await deployStack(docker, resolveEndpoint({ host }), STACK, file, { route: 'api' });
    await waitFor('the stack\'s 6 tasks running', async () => (await docker.listTasks({ filters: JSON.stringify({ 'desired-state': ['running'] }) })).filter((t) => t.Status?.State === 'running').length === 6);
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ 'wharf.engine.host': host }, null, 2));
    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 560);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, 'swarm-failure');
  });

  after(async () => {
    if (settingsFile) rmSync(settingsFile, { force: true });
    await wb?.close();
    if (host) await leaveCleanly(rawDocker(host));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the stack with its services, each with replicas running and its tasks', async () => {
    const { page } = wb;
    // The Swarm view starts collapsed; the other views are collapsed to give it the room.
    for (const title of ['Containers', 'Images']) {
      const header = paneHeader(page, title);
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const header = paneHeader(page, 'Swarm');
    await header.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const stack = row(page, STACK);
    await stack.filter({ hasText: '3 services · 6/6 tasks running' }).waitFor({ state: 'visible', timeout: 60_000 });
    for (const [service, replicas] of [['api', 2], ['cache', 1], ['web', 3]] as const) {
      await row(page, service).first().filter({ hasText: `${replicas}/${replicas} · ${TEST_IMAGE}` }).waitFor({ state: 'visible' });
    }
    for (const task of [`${STACK}_web.1`, `${STACK}_web.2`, `${STACK}_web.3`, `${STACK}_api.1`, `${STACK}_cache.1`]) {
      await row(page, task).first().filter({ hasText: 'running' }).waitFor({ state: 'visible' });
    }
    // The Services group below repeats them: collapsed for the picture.
    const services = row(page, 'Services');
    if ((await services.getAttribute('aria-expanded')) === 'true') await services.click();
    await services.filter({ has: page.locator('.monaco-tl-twistie.collapsed') }).waitFor({ state: 'visible' });
    // The focus leaves the tree, so no row shows the focus outline in the picture.
    await page.locator('.part.editor').click();
    await pointerAway(page);
    await screenshot(page, 'swarm-stack');
  });
});
