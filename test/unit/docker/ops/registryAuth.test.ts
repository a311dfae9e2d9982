// Credentials resolution with a real docker config folder and real credential-helper scripts on
// PATH (run with execFile, the registry host read from stdin).
import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOCKER_HUB_AUTH_KEY, registryOf, resolveRegistryAuth } from '../../../../src/docker/registryAuth';

describe('registry credentials', () => {
  let configDir: string;
  let binDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-dockercfg-'));
    binDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-bin-'));
    env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
  });
  afterEach(async () => {
    await rm(configDir, { recursive: true, force: true });
    await rm(binDir, { recursive: true, force: true });
  });

  const config = (value: object): Promise<void> => writeFile(path.join(configDir, 'config.json'), JSON.stringify(value));

  /** A docker-credential-<name> that records the host it was asked for and knows one registry. */
  async function helper(name: string, knows: string, answer: object): Promise<string> {
    const asked = path.join(binDir, `${name}.asked`);
    const script = [
      '#!/bin/sh',
      '[ "$1" = get ] || exit 2',
      'host=$(cat)',
      `printf '%s' "$host" >> '${asked}'`,
      `if [ "$host" = '${knows}' ]; then printf '%s' '${JSON.stringify(answer)}'; else echo 'credentials not found in native keychain'; exit 1; fi`,
    ].join('\n');
    await writeFile(path.join(binDir, `docker-credential-${name}`), `${script}\n`);
    await chmod(path.join(binDir, `docker-credential-${name}`), 0o755);
    return asked;
  }

  it('finds the registry of a reference like the CLI', () => {
    assert.equal(registryOf('busybox'), 'docker.io');
    assert.equal(registryOf('library/busybox:1'), 'docker.io');
    assert.equal(registryOf('127.0.0.1:5000/x/y:1'), '127.0.0.1:5000');
    assert.equal(registryOf('ghcr.io/o/r'), 'ghcr.io');
    assert.equal(registryOf('localhost/r'), 'localhost');
  });

  it('reads base64 auth and username/password from auths, and nothing for an unknown registry', async () => {
    await config({ auths: {
      'reg.example:5000': { auth: Buffer.from('alice:s3cr:et').toString('base64') },
      'https://other.example': { username: 'bob', password: 'pw' },
    } });
    assert.deepEqual(await resolveRegistryAuth('reg.example:5000/app:1', { configDir, env }), { username: 'alice', password: 's3cr:et', serveraddress: 'reg.example:5000' });
    assert.deepEqual(await resolveRegistryAuth('other.example/app', { configDir, env }), { username: 'bob', password: 'pw', serveraddress: 'other.example' });
    assert.equal(await resolveRegistryAuth('unknown.example/app', { configDir, env }), undefined);
  });

  it('uses the Docker Hub key for images without a registry', async () => {
    await config({ auths: { [DOCKER_HUB_AUTH_KEY]: { auth: Buffer.from('hub:pw').toString('base64') } } });
    assert.deepEqual(await resolveRegistryAuth('busybox', { configDir, env }), { username: 'hub', password: 'pw', serveraddress: DOCKER_HUB_AUTH_KEY });
  });

  it('a missing config file means anonymous; DOCKER_CONFIG decides where to look', async () => {
    assert.equal(await resolveRegistryAuth('reg.example/app', { env: { ...env, DOCKER_CONFIG: configDir } }), undefined);
    await config({ auths: { 'reg.example': { auth: Buffer.from('u:p').toString('base64') } } });
    assert.equal((await resolveRegistryAuth('reg.example/app', { env: { ...env, DOCKER_CONFIG: configDir } }))?.username, 'u');
  });

  it('credHelpers wins for its registry; the helper gets the host on stdin', async () => {
    const asked = await helper('wharftest', 'reg.example:5000', { ServerURL: 'reg.example:5000', Username: 'carol', Secret: 'from-helper' });
    await config({ credHelpers: { 'reg.example:5000': 'wharftest' }, auths: { 'reg.example:5000': { auth: Buffer.from('file:pw').toString('base64') } } });
    assert.deepEqual(await resolveRegistryAuth('reg.example:5000/app', { configDir, env }), { username: 'carol', password: 'from-helper', serveraddress: 'reg.example:5000' });
    assert.equal(await readFile(asked, 'utf8'), 'reg.example:5000');
  });

  it('credsStore is asked for every registry; "not found" falls back to auths', async () => {
    const asked = await helper('store', 'reg.example', { ServerURL: 'reg.example', Username: '<token>', Secret: 'identity' });
    await config({ credsStore: 'store', auths: { 'other.example': { auth: Buffer.from('o:p').toString('base64') } } });
    assert.deepEqual(await resolveRegistryAuth('reg.example/app', { configDir, env }), { identitytoken: 'identity', serveraddress: 'reg.example' });
    assert.deepEqual(await resolveRegistryAuth('other.example/app', { configDir, env }), { username: 'o', password: 'p', serveraddress: 'other.example' });
    assert.equal(await readFile(asked, 'utf8'), 'reg.exampleother.example');
  });

  it('a helper that is not installed, or a name that is not a plain program name, is an error', async () => {
    await config({ credHelpers: { 'reg.example': 'absent' } });
    await assert.rejects(resolveRegistryAuth('reg.example/app', { configDir, env }), /docker-credential-absent is not on PATH/);
    await config({ credsStore: '../../bin/sh' });
    await assert.rejects(resolveRegistryAuth('reg.example/app', { configDir, env }), /invalid credential helper name/);
  });
});
