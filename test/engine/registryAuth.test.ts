// Push and pull against a second, password-protected docker-registry (htpasswd, 127.0.0.1 only)
// that this suite starts and stops: credentials from a real docker config folder and from a real
// credential helper reach the engine as X-Registry-Auth; without them the registry refuses.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { isWharfError } from '../../src/docker/errors';
import { pullImage, pushImage, tagImage } from '../../src/docker/images';
import { freePort, rawDocker, TEST_IMAGE, uniqueName } from './env';

describe('registry authentication (engine)', function () {
  const docker = rawDocker();
  const user = 'wharf';
  const password = 'pw-' + Math.random().toString(36).slice(2);
  let dir: string;
  let registry: ChildProcess | undefined;
  let address: string;
  const images: string[] = [];

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-authreg-'));
    const htpasswd = path.join(dir, 'htpasswd');
    execFileSync('htpasswd', ['-Bbc', htpasswd, user, password], { stdio: 'ignore' });
    const port = await freePort();
    address = `127.0.0.1:${port}`;
    await writeFile(path.join(dir, 'config.yml'), [
      'version: 0.1',
      'log: { level: error }',
      `storage: { filesystem: { rootdirectory: ${path.join(dir, 'data')} } }`,
      `http: { addr: "${address}" }`,
      `auth: { htpasswd: { realm: wharf-test, path: ${htpasswd} } }`,
      '',
    ].join('\n'));
    registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    let status = 0;
    for (let i = 0; i < 100 && status === 0; i++) {
      status = await fetch(`http://${address}/v2/`).then((r) => r.status, () => 0);
      if (status === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 401, 'the registry answers and wants credentials');
  });

  after(async () => {
    for (const ref of images) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    if (registry?.pid) {
      registry.kill('SIGTERM');
      await new Promise((r) => registry?.once('exit', r));
    }
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
