// Secrets in the inspect panel, driven like a user in the real workbench: with Show secrets off,
// Copy value on a parent (Config) puts masked text on the browser's clipboard and the filter finds
// nothing for a typed secret; ticking Show secrets copies the real values.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { MASK } from '../../src/docker/secrets';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { waitFor } from '../engine/waitFor';
import { chooseFromContextMenu, openWharf, openWorkbench, screenshot, workbenchUrl, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;
const SECRETS = [`env-pw-${suffix}`, `flag-tok-${suffix}`, `label-key-${suffix}`];
const SENTINEL = 'nothing copied yet';

function row(page: Page, name: string): Locator {
  const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Containers$/i }) });
  return pane.locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

function inspectFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

const readClipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

/** Clicks a row's Copy value (shown on hover) and resolves with what reached the clipboard. */
async function copyValueOf(page: Page, frame: FrameLocator, path: string): Promise<string> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), SENTINEL);
  await frame.locator(`.row[data-path="${path}"] > .line`).hover();
  await frame.locator(`.row[data-path="${path}"] > .line > .actions button[title="Copy value"]`).click();
  return waitFor('the copy on the clipboard', async () => {
    const text = await readClipboard(page);
    return text !== SENTINEL ? text : undefined;
  });
}

describe('inspect secrets in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  let wb: Workbench;
  let container: Docker.Container;
  const name = `secrets-${suffix}`;

  before(async () => {
    container = await docker.createContainer({
      Image: TEST_IMAGE, name, Env: [`DB_PASSWORD=${SECRETS[0]}`, 'MODE=prod'], Cmd: ['sleep', '--token', SECRETS[1]],
      Labels: { 'com.example.api-key': SECRETS[2], team: 'payments' },
    });
    wb = await openWorkbench();
    // The workbench copies through the browser's clipboard; let the page read it back.
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbenchUrl()).origin });
    await openWharf(wb.page);
    // In its final state, so no refresh for its events races the context menu (a row refreshed
    // between the right-click and Enter reaches the command without its node).
    await row(wb.page, name).filter({ hasText: /Created · / }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await container?.remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('copies a parent masked and filters nothing secret with Show secrets off; copies the real values once ticked', async () => {
    const { page } = wb;
    await chooseFromContextMenu(page, row(page, name), /^Inspect Container$/);
    const frame = inspectFrame(page);
    await frame.locator('.row[data-path="Config"]').waitFor({ state: 'visible', timeout: 60_000 });

    const masked = await copyValueOf(page, frame, 'Config');
    for (const secret of SECRETS) assert.ok(!masked.includes(secret), `${secret} on the clipboard: ${masked}`);
    assert.ok(masked.includes(`DB_PASSWORD=${MASK}`), masked);
    assert.ok(masked.includes('payments'), 'the rest of Config is copied');

    const filter = frame.locator('#filter input');
    await filter.fill(SECRETS[0]);
    await frame.getByText('Nothing matches the filter.').waitFor({ state: 'visible' });
    await filter.fill('db_password');
    await frame.getByText(JSON.stringify(`DB_PASSWORD=${MASK}`)).waitFor({ state: 'visible' });
    await screenshot(page, 'inspect-secrets-masked');

    await frame.locator('#reveal').click();
    await frame.getByText(JSON.stringify(`DB_PASSWORD=${SECRETS[0]}`)).waitFor({ state: 'visible' });
    await filter.fill('');
    await frame.locator('.row[data-path="Config"]').waitFor({ state: 'visible' });
    const revealed = await copyValueOf(page, frame, 'Config');
    for (const secret of SECRETS) assert.ok(revealed.includes(secret), `${secret} missing once revealed`);
    assert.notEqual(await readClipboard(page), SENTINEL);
  });
});
