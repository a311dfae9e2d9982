// The walkthrough in the real workbench, reached the way a user finds it: the command palette's
// "Welcome: Open Walkthrough..." lists "Get Started with Wharf"; opening it shows the "connect"
// step checked (the engine is connected); the "run" step's button starts the Run flow, answered
// with the keyboard, and once the container runs on the private dockerd the step is checked.
// Keyboard and plain buttons only: no context menus.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../engine/env';
import { openWorkbench, screenshot, type Workbench } from './workbench';

const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Waits for the quick input showing `question`, types `answer` (if any) and accepts with Enter. */
async function answer(page: Page, question: RegExp, text = ''): Promise<void> {
  const widget = quickInput(page);
  await widget.filter({ hasText: question }).waitFor({ state: 'visible' });
  const input = widget.locator('input.input');
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Waits for the quick pick whose input placeholder matches, filters it to `item` and picks that row. */
async function pick(page: Page, placeholder: RegExp, item: string): Promise<void> {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible' });
  await page.waitForFunction(([source, flags]) => {
    const el = document.querySelector<HTMLInputElement>('.quick-input-widget input.input');
    return !!el && new RegExp(source, flags).test(el.placeholder || el.getAttribute('aria-label') || '');
  }, [placeholder.source, placeholder.flags] as const);
  await input.fill(item);
  await quickInput(page).locator('.monaco-list-row', { hasText: item }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

function step(page: Page, id: string): Locator {
  return page.locator(`button.getting-started-step[data-step-id$="#gettingStarted#${id}"]`);
}

describe('walkthrough in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  const name = `walkthrough-${suffix}`;
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `walkthrough-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await wb?.close();
  });

  it('is listed by Welcome: Open Walkthrough..., and opens with the engine step checked', async () => {
    const { page } = wb;
    await page.keyboard.press('F1');
    await quickInput(page).locator('input.input').fill('>Welcome: Open Walkthrough');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Welcome: Open Walkthrough...' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await pick(page, /walkthrough/i, 'Get Started with Wharf');
    await page.locator('.gettingStartedContainer').getByText('Get Started with Wharf').first().waitFor({ state: 'visible' });
    // Wharf connects to the private dockerd on its own: that is what checks the first step.
    await step(page, 'connect').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await step(page, 'run').getAttribute('aria-checked'), 'false', 'nothing was run yet');
  });

  it('"Run a Container" runs the Run flow on the engine, and then the step is checked', async () => {
    const { page } = wb;
    // The page focuses the selected step on a timer (after its slide animation), so a click on
    // a step could be followed by a focus change that closes the prompt just opened. Select with
    // the keyboard instead, and wait each time for the page to have moved the focus.
    await page.waitForFunction(() => document.activeElement?.matches('button.getting-started-step') ?? false);
    const focusedStep = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-step-id') ?? null);
    for (let id = await focusedStep(); !id?.endsWith('#run'); id = await focusedStep()) {
      assert.ok(id?.endsWith('#connect'), `the walkthrough opened on step ${id}, not before "run"`);
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction((before) => document.activeElement?.getAttribute('data-step-id') !== before, id);
    }
    await step(page, 'run').and(page.locator('[aria-expanded="true"]')).waitFor({ state: 'visible' });
    await step(page, 'run').locator('.button-container').getByRole('button', { name: /Run a Container/ }).click();
    await pick(page, /Image to run/, TEST_IMAGE);
    await answer(page, /Container name/, name);
    await answer(page, /Published ports/);
    await answer(page, /Environment/);
    const info = await docker.info() as { Runtimes?: Record<string, unknown>; DefaultRuntime?: string };
    if (Object.keys(info.Runtimes ?? {}).length > 1) await pick(page, /OCI runtime/, info.DefaultRuntime ?? 'runc');
    await step(page, 'run').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'visible', timeout: 60_000 });
    const container = await docker.getContainer(name).inspect();
    assert.equal(container.State.Status, 'running');
    assert.equal(container.Config.Image, TEST_IMAGE);
    await page.mouse.move(640, 789);
    await screenshot(page, 'walkthrough');
  });
});
