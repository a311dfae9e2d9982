// The destructive commands' real modal dialogs, in the workbench users get (the installed .vsix,
// no smoke-test driver; test/e2e/installed/installedExtension.test.ts says how it is served):
// what they say, the buttons in the order the workbench lays them out, which one has the focus
// (the Keep button Wharf gives first), that Enter alone keeps everything, and that the
// destructive button does what it says. The screenshots are the README's (docs/images/confirm-*.png).
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { rawDocker, TEST_IMAGE } from '../../engine/env';
import { chooseFromContextMenu, openWharf, openWorkbench, pointerAway, screenshot, trustWorkspace, type Workbench } from '../workbench';

function containerRow(page: Page, name: string): Locator {
  const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Containers$/i }) });
  return pane.locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The dialog's buttons from left to right, and the one that has the keyboard focus. */
async function buttons(dialog: Locator): Promise<{ order: string[]; focused: string | undefined }> {
  return dialog.locator('.dialog-buttons').evaluate((row) => ({
    order: Array.from(row.querySelectorAll('.monaco-button')).map((b) => (b as HTMLElement).innerText.trim()),
    focused: row.contains(document.activeElement) ? (document.activeElement as HTMLElement).innerText.trim() : undefined,
  }));
}

/**
 * Runs a command from the palette (F1), by its title, and resolves with the quick pick it opens
 * (the palette's own input gone, the command's placeholder shown).
 */
async function runCommand(page: Page, title: string, placeholder: string): Promise<Locator> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget [role=option]').filter({ hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  const asked = page.locator(`.quick-input-widget input[placeholder="${placeholder}"]`);
  await asked.waitFor({ state: 'visible' });
  return asked;
}

/** Ticks `reference` in Remove Image's multi-select pick and accepts. */
async function pickImage(page: Page, input: Locator, reference: string): Promise<void> {
  await input.fill(reference);
  // A multi-select pick's rows are checkboxes (role and aria-checked), not options.
  const row = page.locator('.quick-input-widget .monaco-list-row[role=checkbox]').filter({ hasText: reference });
  await row.waitFor({ state: 'visible' });
  await row.check();
  await page.keyboard.press('Enter');
}

describe('the installed .vsix: confirmations are real modal dialogs', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  const suffix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const made: string[] = [];
  const images: string[] = [];
  const volumes: string[] = [];
  let wb: Workbench;

  /** A container on the test engine, removed after the suite. */
  async function container(name: string, options: { run?: boolean; image?: string; anonymousVolume?: string; binds?: string[] } = {}): Promise<string> {
    const created = await docker.createContainer({
      Image: options.image ?? TEST_IMAGE, name, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'e2e' },
      ...(options.anonymousVolume ? { Volumes: { [options.anonymousVolume]: {} } } : {}),
      HostConfig: { Binds: options.binds },
    });
    made.push(created.id);
    if (options.run) await created.start();
    return created.id;
  }

  before(async () => {
    wb = await openWorkbench();
    await trustWorkspace(wb.page);
    // The welcome page behind the dialogs would only distract in the README's screenshots.
    await wb.page.keyboard.press('F1');
    await wb.page.locator('.quick-input-widget input').fill('>View: Close All Editors');
    await wb.page.locator('.quick-input-widget [role=option]').filter({ hasText: 'View: Close All Editors' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await openWharf(wb.page);
  });

  after(async () => {
    for (const id of made) await docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
    for (const reference of images) await docker.getImage(reference).remove({ force: true }).catch(() => undefined);
    for (const name of volumes) await docker.getVolume(name).remove().catch(() => undefined);
    await wb?.close();
  });

  it('Remove of a running container: Keep Container has the focus, Enter keeps it, Force Remove removes it', async () => {
    const { page } = wb;
    const name = `web-${suffix}`;
    const data = `web-data-${suffix}`;
    await docker.createVolume({ Name: data });
    volumes.push(data);
    const id = await container(name, { run: true, anonymousVolume: '/cache', binds: [`${data}:/data`] });
    const row = containerRow(page, name);
    await row.locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: 60_000 });

    await chooseFromContextMenu(page, row, 'Remove Container…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`Remove container ${name}\\?`));
    assert.match(text, new RegExp(`• ${name} \\(running, ${TEST_IMAGE}\\)`));
    assert.match(text, /Lost for good: the files written inside the container outside its volumes \(its writable layer\), its logs, and its settings \(name, ports, environment\)\./);
    assert.match(text, new RegExp(`Running or paused: ${name}\\. Only Force Remove removes them: it kills their processes at once`));
    assert.match(text, new RegExp(`Kept: the volumes (?:${data}, [0-9a-f]{12}… \\(anonymous\\)|[0-9a-f]{12}… \\(anonymous\\), ${data})\\. Anonymous ones are left unused, and a volume prune deletes them\\.`));
    // VS Code lays out [first given, Cancel, the rest] right to left on Linux and macOS, and
    // focuses the first given: Wharf's Keep button.
    await page.waitForFunction((row) => row?.contains(document.activeElement), await dialog.locator('.dialog-buttons').elementHandle());
    assert.deepEqual(await buttons(dialog), { order: ['Force Remove', 'Cancel', 'Keep Container'], focused: 'Keep Container' });
    await pointerAway(page);
    await screenshot(page, 'confirm-remove-container');

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true, 'Enter kept the container, running');

    await chooseFromContextMenu(page, row, 'Remove Container…');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Force Remove', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    await assert.rejects(docker.getContainer(id).inspect(), 'Force Remove removed it');
    assert.equal((await docker.getVolume(data).inspect()).Name, data, 'its named volume is kept');
  });

  it('Remove Image names the containers using it; Enter keeps all; Remove Containers, Then Image removes them and it', async () => {
    const { page } = wb;
    const base = await container(`base-${suffix}`);
    const repo = `shop-api-${suffix}`;
    const reference = `${repo}:1.4`;
    await docker.getContainer(base).commit({ repo, tag: '1.4' });
    images.push(reference);
    const worker = await container(`shop-worker-${suffix}`, { run: true, image: reference });
    const migrate = await container(`shop-migrate-${suffix}`, { image: reference });
    await containerRow(page, `shop-worker-${suffix}`).locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: 60_000 });
    await containerRow(page, `shop-migrate-${suffix}`).waitFor({ state: 'visible' });
    // Remove Image offers the images Wharf's store lists: wait for the Images view to show it.
    await page.locator(`.part.sidebar [role=treeitem][aria-label^="${repo} "]`).waitFor({ state: 'visible', timeout: 60_000 });

    await pickImage(page, await runCommand(page, 'Wharf: Remove Image…', 'Remove which images?'), reference);

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`Remove image ${reference.replace('.', '\\.')}\\?`));
    assert.match(text, new RegExp(`Used by: .*shop-worker-${suffix} \\(running\\)`));
    assert.match(text, new RegExp(`shop-migrate-${suffix} \\(created\\)`));
    assert.match(text, /The engine refuses to delete an image a container uses\. Remove Containers, Then Image removes .* first/);
    await page.waitForFunction((row) => row?.contains(document.activeElement), await dialog.locator('.dialog-buttons').elementHandle());
    assert.deepEqual(await buttons(dialog), { order: ['Remove Containers, Then Image', 'Cancel', 'Keep Image'], focused: 'Keep Image' });
    await pointerAway(page);
    await screenshot(page, 'confirm-remove-image');

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await docker.getImage(reference).inspect() && (await docker.getContainer(worker).inspect()).State.Running, 'Enter kept the image and its containers');

    await pickImage(page, await runCommand(page, 'Wharf: Remove Image…', 'Remove which images?'), reference);
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Remove Containers, Then Image', exact: true }).click();
    await containerRow(page, `shop-worker-${suffix}`).waitFor({ state: 'detached', timeout: 60_000 });
    await containerRow(page, `shop-migrate-${suffix}`).waitFor({ state: 'detached', timeout: 60_000 });
    await assert.rejects(docker.getContainer(worker).inspect());
    await assert.rejects(docker.getContainer(migrate).inspect());
    await assert.rejects(docker.getImage(reference).inspect(), 'the image went after its containers');
  });

  it('Prune lists what it removes with sizes in the dialog; beyond ten, in an editor, asked in a notification; Enter keeps all', async () => {
    const { page } = wb;
    // Prune reads the engine itself when asked (one snapshot), not the views: nothing to wait for.
    const first = Array.from({ length: 4 }, (_, i) => `job-${String(i + 1).padStart(2, '0')}-${suffix}`);
    const mine: string[] = [];
    for (const name of first) mine.push(await container(name));
    const writer = await docker.createContainer({ Image: TEST_IMAGE, name: `report-${suffix}`, Labels: { 'wharf.test': 'e2e' }, Cmd: ['sh', '-c', 'head -c 2500000 /dev/zero > /report.bin'] });
    made.push(writer.id);
    mine.push(writer.id);
    await writer.start();
    await writer.wait();

    const dialog = page.locator('.monaco-dialog-box');
    const prune = async (): Promise<void> => {
      await runCommand(page, 'Wharf: Prune Unused Objects…', 'What to prune?');
      await page.locator('.quick-input-widget .monaco-list-row[role=checkbox][aria-checked=true]').filter({ hasText: 'Stopped containers' }).waitFor({ state: 'visible' });
      await page.keyboard.press('Enter'); // the kinds ticked by default
      await dialog.waitFor({ state: 'visible', timeout: 60_000 });
      await page.waitForFunction((row) => row?.contains(document.activeElement), await dialog.locator('.dialog-buttons').elementHandle());
    };

    await prune();
    let text = await dialog.innerText();
    assert.match(text, /Remove these objects\?/);
    for (const name of first) assert.match(text, new RegExp(`• ${name} \\(${TEST_IMAGE}, Created, 0 B\\)`), `${name} is listed with its size`);
    assert.match(text, new RegExp(`• report-${suffix} \\(${TEST_IMAGE}, Exited \\(0\\) .+, 2\\.5\\d MB\\)`));
    // Other tiers' leftovers on this engine (a dangling image, a created container) are listed too:
    // the total is at least what this test made.
    const reclaimed = /Space reclaimed: up to (\d+(?:\.\d+)?) MB/.exec(text);
    assert.ok(reclaimed && Number(reclaimed[1]) >= 2.5, `the total counts the 2.5 MB report: ${reclaimed?.[0]}`);
    assert.deepEqual(await buttons(dialog), { order: ['Prune', 'Cancel', 'Keep All'], focused: 'Keep All' });
    await pointerAway(page);
    await screenshot(page, 'confirm-prune');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    for (const id of mine) assert.ok(await docker.getContainer(id).inspect(), 'Enter pruned nothing');

    // Beyond ten: the dialog does not scroll, so it gives the count and sizes, and the list opens in an editor.
    const more = Array.from({ length: 36 }, (_, i) => `job-${String(i + 5).padStart(2, '0')}-${suffix}`);
    for (const name of more) mine.push(await container(name));
    await prune();
    text = await dialog.innerText();
    assert.match(text, /Stopped containers: \d+ \(\d+\.\d+ MB\)/);
    assert.match(text, /That is more than 10 objects: Show Full List opens every one of them, with its size, in an editor, and asks there\./);
    assert.deepEqual(await buttons(dialog), { order: ['Show Full List…', 'Cancel', 'Keep All'], focused: 'Keep All' });
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    const box = await dialog.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `the dialog fits the window: ${JSON.stringify(box)}`);
    await dialog.getByRole('button', { name: 'Show Full List…', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const editor = page.locator('.editor-instance .view-lines');
    await editor.getByText(`• ${more.at(-1)} (${TEST_IMAGE}, Created, 0 B)`).waitFor({ state: 'visible' });
    const toast = page.locator('.notification-toast').filter({ hasText: /Prune the \d+ objects listed in the editor, reclaiming up to \d+\.\d+ MB\?/ });
    await toast.getByRole('button', { name: 'Prune', exact: true }).waitFor({ state: 'visible' });
    // The toast fades in: the screenshot waits for it to be drawn in full.
    await page.waitForFunction((element) => element !== null && getComputedStyle(element).opacity === '1', await toast.elementHandle());
    await pointerAway(page);
    await screenshot(page, 'confirm-prune-long');
    await toast.getByRole('button', { name: 'Keep All', exact: true }).click();
    await toast.waitFor({ state: 'detached' });
    for (const id of mine) assert.ok(await docker.getContainer(id).inspect(), 'Keep All pruned nothing');
  });
});
