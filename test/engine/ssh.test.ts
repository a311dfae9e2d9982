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
import { createEngineStore } from '../../src/docker/store';
import { dockerHost, rawDocker } from './env';
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
