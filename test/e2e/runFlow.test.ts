// The Run flow's real widgets in the workbench, driven with the keyboard and the Back button: the
// step counter in the title, a name already in use refused at its own step (the box stays open
// with the message), Back returning to a step with what was typed, and the run itself revealing
// and selecting the new row.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { openWharf, openWorkbench, screenshot, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

const widget = (page: Page): Locator => page.locator('.quick-input-widget');
const input = (page: Page): Locator => widget(page).locator('input.input');
const title = (page: Page): Locator => widget(page).locator('.quick-input-title');

/** Waits until the open step's title shows `step` of `total` and its box holds `value`. */
async function atStep(page: Page, step: number, total: number, value?: string): Promise<void> {
  await title(page).filter({ hasText: new RegExp(`\\(${step}/${total}\\)$`) }).waitFor({ state: 'visible' });
  if (value !== undefined) await page.waitForFunction((expected) => document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value === expected, value);
}

describe('the Run flow in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  let wb: Workbench;
  const taken = `taken-${suffix}`;
  const name = `ran-${suffix}`;
  let existing: Docker.Container;

  before(async () => {
    existing = await docker.createContainer({ Image: TEST_IMAGE, name: taken });
    wb = await openWorkbench();
    await openWharf(wb.page);
  });

  after(async () => {
    for (const c of [taken, name]) await docker.getContainer(c).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('counts steps, refuses a name in use at its step, goes Back with what was typed, then runs and selects the row', async () => {
    const { page } = wb;
    const info = await docker.info() as { Runtimes?: Record<string, unknown> };
    const total = Object.keys(info.Runtimes ?? {}).length > 1 ? 5 : 4;
    await page.keyboard.press('F1');
    await input(page).fill('>Wharf: Run Image');
    await widget(page).locator('.monaco-list-row', { hasText: 'Wharf: Run Image…' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');

    await atStep(page, 1, total);
    await input(page).fill(TEST_IMAGE);
    await widget(page).locator('.monaco-list-row', { hasText: TEST_IMAGE }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');

    await atStep(page, 2, total);
    await input(page).fill(taken);
    const message = widget(page).locator('.quick-input-message');
    await message.filter({ hasText: `A container named ${taken} exists already` }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await screenshot(page, 'run-flow-name-in-use');
    assert.match(await title(page).innerText(), new RegExp(`\\(2/${total}\\)$`), 'Enter on a refused name stays at the step');
    await input(page).fill(name);
    await message.filter({ hasText: /exists already/ }).waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');

    await atStep(page, 3, total, '');
    await input(page).fill('8080:80 nope');
    await message.filter({ hasText: '"nope" is not a port mapping' }).waitFor({ state: 'visible' });
    await input(page).fill('');
    await page.keyboard.press('Enter');

    await atStep(page, 4, total, '');
    await input(page).fill('GREETING="hello world"');
    await message.filter({ hasText: 'Sets GREETING="hello world"' }).waitFor({ state: 'visible' });
    // Back twice, with the title bar's Back button, to the name typed two steps ago.
    await widget(page).getByRole('button', { name: 'Back' }).click();
    await atStep(page, 3, total, '');
    await widget(page).getByRole('button', { name: 'Back' }).click();
    await atStep(page, 2, total, name);
    await page.keyboard.press('Enter');
    await atStep(page, 3, total, '');
    await page.keyboard.press('Enter');
    await atStep(page, 4, total, '');
    await input(page).fill('GREETING="hello world"');
    await page.keyboard.press('Enter');
    if (total === 5) {
      await atStep(page, 5, total);
      await page.keyboard.press('Enter'); // the engine's default runtime, pre-selected
    }

    const row = page.locator('.part.sidebar [role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
    await row.and(page.locator('[aria-selected="true"]')).waitFor({ state: 'visible', timeout: 60_000 });
    const container = await docker.getContainer(name).inspect();
    assert.equal(container.State.Status, 'running');
    assert.ok(container.Config.Env.includes('GREETING=hello world'), JSON.stringify(container.Config.Env));
    await page.locator('.notifications-toasts').getByText(`${name} is running.`).waitFor({ state: 'visible' });
    await screenshot(page, 'run-flow-done');
    assert.equal((await existing.inspect()).State.Status, 'created', 'the container whose name was refused is untouched');
  });
});
