// An ssh:// engine through a real OpenSSH server on loopback (test/engine/sshd.ts) in front of
// the private dockerd: Wharf checks the server's host key against a known_hosts of its own temp
// home. A known key connects (and the live store comes up over ssh); an unknown key is asked
// about once, however many connections present it, and connects once trusted; a changed key is
// refused with its fingerprint, as OpenSSH prints it, without asking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectEngine, pingApiVersion, readVersion, resolveEndpoint, type ResolveFs } from '../../src/docker/connect';
import { isWharfError } from '../../src/docker/errors';
import type { AskHostKey, UnknownHostKey } from '../../src/docker/knownHosts';
import { buildImage } from '../../src/docker/build';
import { containerLogs, execCollect } from '../../src/docker/containers';
import { createEngineStore } from '../../src/docker/store';
import { dockerHost, rawDocker, TEST_IMAGE, uniqueName } from './env';
import { startSshd, type Sshd } from './sshd';
import { waitFor } from './waitFor';

describe('ssh engines: host keys (engine)', function () {
  this.timeout(60_000);
  let sshd: Sshd;
  let home: string;
  let engineVersion: string;
  before(async () => {
    sshd = await startSshd(dockerHost());
    engineVersion = (await rawDocker().version()).Version;
  });
  after(async () => { await sshd?.stop(); });
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-ssh-home-'));
    fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const knownHosts = (): string => path.join(home, '.ssh', 'known_hosts');
  const name = (): string => `[127.0.0.1]:${sshd.port}`;
  /** Only the temp home is readable: the machine's own known_hosts must not decide a test. */
  const files: ResolveFs = {
    readFile: (file) => (file.startsWith(home) && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
    exists: (file) => file.startsWith(home) && fs.existsSync(file),
  };
  const endpoint = (askHostKey?: AskHostKey): ReturnType<typeof resolveEndpoint> => resolveEndpoint({
    host: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, env: { SSH_AUTH_SOCK: sshd.agentSocket }, homedir: home, platform: 'linux', fs: files, askHostKey,
  });
  const neverAsked: AskHostKey = (question) => assert.fail(`asked about ${question.fingerprint}`);

  it('connects when known_hosts holds the server\'s key, and the live store comes up over ssh', async () => {
    fs.writeFileSync(knownHosts(), `# other hosts\nelsewhere ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIyzIrW4m+cffQ1aDY5nfCqkLaSxwvHzU/Oe3O1/y1RX\n${name()} ${sshd.hostKeyLine}\n`);
    const connection = await connectEngine(endpoint(neverAsked), { deadlineMs: 30_000 });
    assert.equal(connection.engine.version, engineVersion);
    const listed = await connection.docker.listImages();
    assert.ok(listed.length > 0, 'the engine behind sshd answers a list');
    const store = createEngineStore({ endpoint: endpoint(neverAsked), deadlineMs: 30_000 });
    try {
      await waitFor('the store connected over ssh', () => store.connection.status === 'connected', { detail: () => JSON.stringify(store.connection) });
      await store.ready();
      assert.ok(store.images().length > 0);
    } finally {
      store.dispose();
    }
  });

  it('asks once about an unknown key, connects once it is trusted, and remembers it in known_hosts', async () => {
    const asked: UnknownHostKey[] = [];
    const trust: AskHostKey = async (question) => { asked.push(question); return true; };
    const target = endpoint(trust);
    // Several connections at once, as the store opens them: one question.
    const [pinged, version] = await Promise.all([pingApiVersion(target, { deadlineMs: 30_000 }), readVersion(target, { deadlineMs: 30_000 })]);
    assert.ok(pinged);
    assert.equal(version.Version, engineVersion);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].name, name());
    assert.equal(asked[0].fingerprint, sshd.hostKeyFingerprint, 'the fingerprint OpenSSH prints');
    assert.equal(fs.readFileSync(knownHosts(), 'utf8'), `${name()} ${sshd.hostKeyLine}\n`);
    // A new session finds it known.
    const again = await connectEngine(endpoint(neverAsked), { deadlineMs: 30_000 });
    assert.equal(again.engine.version, engineVersion);
  });

  it('refuses an unknown key the user does not trust, and a key it cannot ask about', async () => {
    let asked = 0;
    await assert.rejects(connectEngine(endpoint(async () => { asked++; return false; }), { deadlineMs: 30_000 }), (err) => {
      assert.ok(isWharfError(err, 'unreachable'), String(err));
      assert.ok(err.message.includes(sshd.hostKeyFingerprint) && /not trusted/.test(err.message), err.message);
      return true;
    });
    assert.equal(asked, 1);
    await assert.rejects(connectEngine(endpoint(), { deadlineMs: 30_000 }), (err) => isWharfError(err, 'unreachable') && err.message.includes(sshd.hostKeyFingerprint));
    assert.ok(!fs.existsSync(knownHosts()), 'nothing was remembered');
  });

  it('refuses a changed key with its SHA256 fingerprint, without asking', async () => {
    fs.writeFileSync(knownHosts(), `${name()} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH9kezFCS6gfBjBPfemxdegeN8b5zEUvIuR+N/tksTF9\n`);
    await assert.rejects(connectEngine(endpoint(neverAsked), { deadlineMs: 30_000 }), (err) => {
      assert.ok(isWharfError(err, 'unreachable'), String(err));
      assert.ok(err.message.includes(`has changed: it presented ED25519 key ${sshd.hostKeyFingerprint}`), err.message);
      assert.ok(err.message.includes(`${knownHosts()}:1`), err.message);
      assert.ok(err.hint?.includes(`ssh-keygen -R "${name()}"`), err.hint);
      return true;
    });
  });
});

describe('ssh engines: keys, ~/.ssh/config, the work over ssh, drops (engine)', function () {
  this.timeout(120_000);
  let sshd: Sshd;
  let home: string;
  const docker = rawDocker();
  const made: string[] = [];
  before(async () => { sshd = await startSshd(dockerHost()); });
  after(async () => { await sshd?.stop(); });
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-ssh-home-'));
    fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
  });
  afterEach(async () => {
    fs.rmSync(home, { recursive: true, force: true });
    for (const id of made.splice(0)) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  const files = (): ResolveFs => ({
    readFile: (file) => (file.startsWith(home) && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
    exists: (file) => file.startsWith(home) && fs.existsSync(file),
  });
  const neverAsked: AskHostKey = (question) => assert.fail(`asked about ${question.fingerprint}`);
  /** An alias in ~/.ssh/config that names the test bed's address, user, port and key file. */
  const writeConfig = (alias: string): void => {
    fs.copyFileSync(sshd.clientKeyFile, path.join(home, '.ssh', 'wharf_test_key'));
    fs.chmodSync(path.join(home, '.ssh', 'wharf_test_key'), 0o600);
    fs.writeFileSync(path.join(home, '.ssh', 'config'), [
      'Host other', '  HostName 192.0.2.1',
      `Host ${alias} wharf-*`, '  HostName 127.0.0.1', `  User ${sshd.user}`, `  Port ${sshd.port}`, '  IdentityFile ~/.ssh/wharf_test_key',
      'Host *', '  Port 22', '',
    ].join('\n'));
  };
  const endpoint = (host: string, env: NodeJS.ProcessEnv = {}): ReturnType<typeof resolveEndpoint> =>
    resolveEndpoint({ host, env, homedir: home, platform: 'linux', fs: files(), askHostKey: neverAsked });

  it('connects through a ~/.ssh/config alias with a key file and no agent, its host key checked against known_hosts', async () => {
    writeConfig('build-box');
    const resolved = endpoint('ssh://build-box');
    assert.ok(resolved.protocol === 'ssh');
    assert.deepEqual([resolved.host, resolved.port, resolved.username, resolved.agent, Boolean(resolved.privateKey)], ['127.0.0.1', sshd.port, sshd.user, undefined, true]);
    const connection = await connectEngine(resolved, { deadlineMs: 30_000 });
    assert.equal(connection.engine.version, (await docker.version()).Version);
    // The same alias with a known_hosts that does not hold the key: refused, never asked (neverAsked).
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIyzIrW4m+cffQ1aDY5nfCqkLaSxwvHzU/Oe3O1/y1RX\n`);
    await assert.rejects(connectEngine(endpoint('ssh://build-box'), { deadlineMs: 30_000 }), (err: unknown) => isWharfError(err) && /SHA256:/.test(err.message));
  });

  it('connects with the agent alone (no key file), the URL naming user and port', async () => {
    const resolved = endpoint(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`, { SSH_AUTH_SOCK: sshd.agentSocket });
    assert.ok(resolved.protocol === 'ssh' && resolved.privateKey === undefined && resolved.agent === sshd.agentSocket);
    const connection = await connectEngine(resolved, { deadlineMs: 30_000 });
    assert.ok((await connection.docker.listContainers({ all: true })).length >= 0);
    // Without the agent and without a key, the server refuses: the agent was what authenticated.
    await assert.rejects(connectEngine(endpoint(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`), { deadlineMs: 30_000 }));
  });

  it('lists, follows events, reads logs, execs and builds over ssh', async () => {
    writeConfig('wharf-build');
    const resolved = endpoint('ssh://wharf-build');
    const connection = await connectEngine(resolved, { deadlineMs: 30_000 });
    const store = createEngineStore({ endpoint: endpoint('ssh://wharf-build'), deadlineMs: 30_000 });
    try {
      await store.ready();
      const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('over-ssh'), Cmd: ['sh', '-c', 'echo hello over ssh; exec sleep 3600'] });
      made.push(container.id);
      await container.start();
      await waitFor('the store over ssh follows the start (events)', () => store.container(container.id)?.state === 'running');
      assert.ok((await connection.docker.listContainers()).some((c) => c.Id === container.id), 'listed over ssh');
      let logs = '';
      await waitFor('the log line over ssh', async () => {
        logs = '';
        const handle = await containerLogs(connection.docker, container.id, (_stream, data) => { logs += data.toString(); }, { follow: false, tail: 'all' });
        await handle.done;
        return logs.includes('hello over ssh');
      }, { detail: () => logs });
      const exec = await execCollect(connection.docker, container.id, { command: ['sh', '-c', 'echo "$((6 * 7))"'] });
      assert.deepEqual([exec.exitCode, exec.stdout.trim()], [0, '42']);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-ssh-build-'));
      const tag = `wharf-test/over-ssh:${uniqueName('b')}`;
      try {
        fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo built over ssh > /built.txt\n`);
        const built = await buildImage(connection.docker, { contextDir: dir, tags: [tag] }, { builder: { kind: 'classic', engine: 'Docker Engine (classic builder asked for)', frontend14: false } });
        assert.match(built.imageId, /^sha256:/);
        await waitFor('the store over ssh lists the built image', () => store.image(built.imageId)?.repoTags.includes(tag));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
      }
    } finally {
      store.dispose();
    }
  });

  it('comes back after the ssh connection drops, with what changed meanwhile', async () => {
    writeConfig('wharf-drop');
    const store = createEngineStore({ endpoint: endpoint('ssh://wharf-drop'), deadlineMs: 30_000 });
    const states: string[] = [];
    const subscription = store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'connection')) states.push(store.connection.status); });
    try {
      await store.ready();
      assert.ok(sshd.dropConnections() > 0, 'there was a connection to drop');
      const meanwhile = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('ssh-meanwhile'), Cmd: ['sleep', '3600'] });
      made.push(meanwhile.id);
      await waitFor('the store reconnected over ssh and lists what was made meanwhile', () => store.connection.status === 'connected' && store.container(meanwhile.id), { detail: () => `${JSON.stringify(store.connection)} after ${states.join(' → ')}` });
      assert.ok(states.some((s) => s !== 'connected'), `the drop was noticed (${states.join(' → ')})`);
    } finally {
      subscription.dispose();
      store.dispose();
    }
  });
});
