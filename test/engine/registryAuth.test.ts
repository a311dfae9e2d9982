// Push and pull against the harness's password-protected docker-registry (htpasswd, 127.0.0.1
// only): credentials from a real docker config folder and from a real credential helper reach the
// engine as X-Registry-Auth; without them the registry refuses.
import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { isWharfError } from '../../src/docker/errors';
import { pullImage, pushImage, tagImage } from '../../src/docker/images';
import { authRegistries, rawDocker, TEST_IMAGE, uniqueName } from './env';

describe('registry authentication (engine)', function () {
  const docker = rawDocker();
  // The harness's htpasswd registry (scripts/lib/registries.mjs).
  const { basic: address, user, password } = authRegistries();
  let dir: string;
  const images: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-authreg-'));
  });

  after(async () => {
    for (const ref of images) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  async function tagged(): Promise<string> {
    const reference = `${address}/wharf-test/busybox:${uniqueName('auth')}`;
    images.push(reference);
    await tagImage(docker, TEST_IMAGE, reference);
    return reference;
  }

  async function registryHas(reference: string): Promise<boolean> {
    const [repo, tag] = [reference.slice(address.length + 1, reference.lastIndexOf(':')), reference.split(':').pop()];
    const auth = Buffer.from(`${user}:${password}`).toString('base64');
    const res = await fetch(`http://${address}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { authorization: `Basic ${auth}`, accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    return res.status === 200;
  }

  it('push without credentials is refused with a typed authRequired error', async () => {
    const reference = await tagged();
    const emptyConfig = await mkdtemp(path.join(dir, 'cfg-'));
    await assert.rejects(pushImage(docker, reference, { auth: { configDir: emptyConfig } }), (err) => isWharfError(err, 'authRequired'));
    assert.equal(await registryHas(reference), false);
  });

  it('push and pull with credentials from config.json auths; pull without them is refused', async () => {
    const reference = await tagged();
    const configDir = await mkdtemp(path.join(dir, 'cfg-'));
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [address]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } }));
    await pushImage(docker, reference, { auth: { configDir } });
    assert.equal(await registryHas(reference), true);
    await docker.getImage(reference).remove();
    const emptyConfig = await mkdtemp(path.join(dir, 'cfg-'));
    await assert.rejects(pullImage(docker, reference, { auth: { configDir: emptyConfig } }), (err) => isWharfError(err, 'authRequired'));
    await pullImage(docker, reference, { auth: { configDir } });
    assert.ok((await docker.getImage(reference).inspect()).RepoTags?.includes(reference));
  });

  it('push with credentials from a credHelpers helper on PATH', async () => {
    const reference = await tagged();
    const configDir = await mkdtemp(path.join(dir, 'cfg-'));
    const bin = await mkdtemp(path.join(dir, 'bin-'));
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ credHelpers: { [address]: 'wharfauth' } }));
    const answer = JSON.stringify({ ServerURL: address, Username: user, Secret: password });
    await writeFile(path.join(bin, 'docker-credential-wharfauth'), `#!/bin/sh\nhost=$(cat)\n[ "$host" = '${address}' ] && printf '%s' '${answer}' && exit 0\necho 'credentials not found'; exit 1\n`);
    await chmod(path.join(bin, 'docker-credential-wharfauth'), 0o755);
    await pushImage(docker, reference, { auth: { configDir, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } } });
    assert.equal(await registryHas(reference), true);
  });
});
