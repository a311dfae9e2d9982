// The Registries view in the real workbench: signed in (docker's config.json, as `docker login`
// leaves it) to the test bed's htpasswd and bearer-token registries, with images pushed by the
// engine and a multi-platform index beside them. The view lists Docker Hub and both registries
// with their accounts; a repository opens to its tags with digest, size, platforms and date. The
// screenshot (test-artifacts/registries-view.png) is the README's. Docker Hub is never expanded:
// the test bed reaches loopback only.
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { authRegistries, rawDocker, TEST_IMAGE } from '../engine/env';
import { openWharf, openWorkbench, paneHeader, pointerAway, screenshot, widenSideBar, type Workbench } from './workbench';

function registriesPane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Registries$/i }) });
}

function row(page: Page, label: string): Locator {
  return registriesPane(page).locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

describe('Registries view in the workbench', function () {
  this.timeout(180_000);
  const docker = rawDocker();
  const { basic, token, user, password } = authRegistries();
  const basicAuth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const configFile = path.join(process.env.DOCKER_CONFIG ?? '', 'config.json');
  const pushed: string[] = [];
  let configBefore: string | undefined;
  let wb: Workbench;

  async function push(reference: string): Promise<void> {
    const [repo, tag] = [reference.slice(0, reference.lastIndexOf(':')), reference.slice(reference.lastIndexOf(':') + 1)];
    await docker.getImage(TEST_IMAGE).tag({ repo, tag });
    pushed.push(reference);
    const stream = await docker.getImage(repo).push({ tag, authconfig: { username: user, password, serveraddress: reference.split('/')[0] } });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = out?.find((m) => m.error);
      if (err || failed) reject(new Error(`push ${reference}: ${err?.message ?? failed?.error}`)); else resolve();
    }));
  }

  before(async () => {
    assert.ok(process.env.DOCKER_CONFIG, 'DOCKER_CONFIG is not set: the harness gives the workbench a temp docker config');
    configBefore = await readFile(configFile, 'utf8').catch(() => undefined);
    const auth = Buffer.from(`${user}:${password}`).toString('base64');
    await writeFile(configFile, JSON.stringify({ auths: { [basic]: { auth }, [token]: { auth } } }, null, '\t'));
    for (const reference of [`${basic}/team/web:1.0`, `${basic}/team/web:1.1`, `${basic}/team/api:2.3`, `${token}/team/worker:0.9`]) await push(reference);
    // A tag built for two platforms (and its attestation), as buildx pushes one; this engine pushes none.
    const manifest = await fetch(`http://${basic}/v2/team/web/manifests/1.1`, { method: 'HEAD', headers: { authorization: basicAuth, accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    const digest = manifest.headers.get('docker-content-digest');
    const size = Number(manifest.headers.get('content-length'));
    const entry = (platform: Record<string, string>): unknown => ({ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest, size, platform });
    const put = await fetch(`http://${basic}/v2/team/web/manifests/1.2`, {
      method: 'PUT', headers: { authorization: basicAuth, 'content-type': 'application/vnd.oci.image.index.v1+json' },
      body: JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [entry({ os: 'linux', architecture: 'amd64' }), entry({ os: 'linux', architecture: 'arm64' }), entry({ os: 'unknown', architecture: 'unknown' })] }),
    });
    assert.equal(put.status, 201, await put.text());

    wb = await openWorkbench();
    await openWharf(wb.page);
    await widenSideBar(wb.page, 620);
  });

  after(async () => {
    await wb?.close();
    for (const reference of pushed) await docker.getImage(reference).remove().catch(() => undefined);
    // Later suites push without being asked where: nobody stays signed in.
    if (configBefore === undefined) await writeFile(configFile, '{}'); else await writeFile(configFile, configBefore);
  });

  it('lists Docker Hub and the signed-in registries; a repository shows its tags with digest, size, platforms and date', async () => {
    const { page } = wb;
    // Room for the Registries view: the other views fold away.
    for (const title of ['Containers', 'Images']) {
      const header = paneHeader(page, title);
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const header = paneHeader(page, 'Registries');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    // Docker's config is read when the view lists its rows; Refresh reads it again in case it already had.
    await header.hover();
    await header.getByRole('button', { name: 'Refresh Registries' }).click();

    await row(page, 'Docker Hub').filter({ hasText: 'not signed in' }).waitFor({ state: 'visible' });
    await row(page, token).filter({ hasText: user }).waitFor({ state: 'visible' });
    const registry = row(page, basic).filter({ hasText: user });
    await registry.click();
    await row(page, 'team/api').waitFor({ state: 'visible' });
    await row(page, 'team/web').click();
    for (const tag of ['1.2', '1.1', '1.0']) {
      await row(page, tag).filter({ hasText: /sha256:[a-f0-9]{12} · [\d.]+ [kM]B · .*ago/ }).waitFor({ state: 'visible' });
    }
    assert.match(await row(page, '1.2').innerText(), /linux\/amd64, linux\/arm64/, 'the platforms of the index, its attestation left out');
    const labels = await registriesPane(page).locator('[role=treeitem] .label-name').allInnerTexts();
    assert.deepEqual(labels.slice(0, 1), ['Docker Hub']);
    assert.deepEqual(labels.filter((l) => /^\d/.test(l) && !l.includes(':')), ['1.2', '1.1', '1.0'], 'the highest version first');
    // The bearer-token registry, browsed with a token per scope.
    await row(page, token).click();
    await row(page, 'team/worker').waitFor({ state: 'visible' });
    await row(page, '1.2').click();
    await pointerAway(page);
    await screenshot(page, 'registries-view');
  });
});
