// Where the engine is, decided like the docker CLI: resolveEndpoint is a pure function of
// (settings, environment, files), so these tests hand it real docker config folders and contexts
// stores built in temp dirs, and an `exists` that says which default sockets are there (the real
// machine's /var/run/docker.sock must not decide a test).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextDigest, createClient, resolveEndpoint, type ResolveFs } from '../../../src/docker/connect';
import { isWharfError } from '../../../src/docker/errors';

/** Writes contexts/meta/<sha256>/meta.json (and TLS files) the way `docker context create` does. */
function writeContext(configDir: string, name: string, host: string, options: { skipTlsVerify?: boolean; tls?: Record<string, string> } = {}): void {
  const digest = contextDigest(name);
  const metaDir = path.join(configDir, 'contexts', 'meta', digest);
  fs.mkdirSync(metaDir, { recursive: true });
  fs.writeFileSync(path.join(metaDir, 'meta.json'), JSON.stringify({
    Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
  }));
  if (options.tls) {
    const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
    fs.mkdirSync(tlsDir, { recursive: true });
    for (const [file, text] of Object.entries(options.tls)) fs.writeFileSync(path.join(tlsDir, file), text);
  }
}

describe('connect: resolving the engine endpoint', () => {
  let home: string;
  let configDir: string;
  /** Real reads; `exists` true only for the sockets a test says are there. */
  let sockets: Set<string>;
  let files: ResolveFs;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-home-'));
    configDir = path.join(home, 'cfg');
    fs.mkdirSync(configDir);
    sockets = new Set();
    files = {
      readFile: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
      exists: (file) => sockets.has(file),
    };
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const resolve = (env: NodeJS.ProcessEnv, settings: { host?: string; context?: string } = {}): ReturnType<typeof resolveEndpoint> =>
    resolveEndpoint({ ...settings, env: { DOCKER_CONFIG: configDir, ...env }, homedir: home, platform: 'linux', fs: files });

  it('DOCKER_HOST=unix:// is the socket path', () => {
    const endpoint = resolve({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' });
    assert.deepEqual(endpoint, { protocol: 'unix', socketPath: '/run/user/1000/docker.sock', url: 'unix:///run/user/1000/docker.sock', source: 'DOCKER_HOST' });
  });

  it('DOCKER_HOST=npipe:// is a named pipe path Node can open', () => {
    const endpoint = resolve({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' });
    assert.equal(endpoint.protocol, 'npipe');
    assert.equal(endpoint.protocol === 'npipe' && endpoint.pipePath, '//./pipe/docker_engine');
  });

  it('DOCKER_HOST=tcp:// without TLS is plain HTTP on 2375 by default', () => {
    const endpoint = resolve({ DOCKER_HOST: 'tcp://10.0.0.5' });
    assert.equal(endpoint.protocol, 'tcp');
    if (endpoint.protocol !== 'tcp') return;
    assert.equal(endpoint.host, '10.0.0.5');
    assert.equal(endpoint.port, 2375);
    assert.equal(endpoint.tls, undefined);
    assert.equal(endpoint.url, 'tcp://10.0.0.5:2375');
  });

  it('DOCKER_HOST=tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH reads ca/cert/key and verifies (2376 by default)', () => {
    const certs = path.join(home, 'certs');
    fs.mkdirSync(certs);
    fs.writeFileSync(path.join(certs, 'ca.pem'), 'CA');
    fs.writeFileSync(path.join(certs, 'cert.pem'), 'CERT');
    fs.writeFileSync(path.join(certs, 'key.pem'), 'KEY');
    const endpoint = resolve({ DOCKER_HOST: 'tcp://engine.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    assert.equal(endpoint.protocol === 'tcp' && endpoint.port, 2376);
    assert.deepEqual(endpoint.protocol === 'tcp' && endpoint.tls, { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true });
    const noPort = resolve({ DOCKER_HOST: 'tcp://engine.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    assert.equal(noPort.protocol === 'tcp' && noPort.port, 2376);
  });

  it('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH takes the certificates from the docker config folder', () => {
    fs.writeFileSync(path.join(configDir, 'ca.pem'), 'CFG-CA');
    const endpoint = resolve({ DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' });
    assert.deepEqual(endpoint.protocol === 'tcp' && endpoint.tls, { ca: 'CFG-CA', cert: undefined, key: undefined, verify: true });
  });

  it('DOCKER_CERT_PATH alone encrypts without verifying', () => {
    const endpoint = resolve({ DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_CERT_PATH: home });
    assert.equal(endpoint.protocol === 'tcp' && endpoint.tls?.verify, false);
  });

  it('ssh://user@host:port gives user, host and port; port 22 by default', () => {
    const endpoint = resolve({ DOCKER_HOST: 'ssh://deploy@build-box.lan:2222' });
    assert.equal(endpoint.protocol, 'ssh');
    if (endpoint.protocol !== 'ssh') return;
    assert.deepEqual({ host: endpoint.host, port: endpoint.port, username: endpoint.username }, { host: 'build-box.lan', port: 2222, username: 'deploy' });
    const bare = resolve({ DOCKER_HOST: 'ssh://build-box.lan' });
    assert.deepEqual(bare.protocol === 'ssh' && { host: bare.host, port: bare.port, username: bare.username }, { host: 'build-box.lan', port: 22, username: undefined });
  });

  it('ssh:// to an IPv6 address hands ssh the address without brackets', () => {
    const endpoint = resolve({ DOCKER_HOST: 'ssh://me@[::1]:2222' });
    assert.deepEqual(endpoint.protocol === 'ssh' && { host: endpoint.host, port: endpoint.port, username: endpoint.username }, { host: '::1', port: 2222, username: 'me' });
  });

  it('an ssh endpoint becomes dockerode ssh options (nothing is dialled)', () => {
    const docker = createClient(resolve({ DOCKER_HOST: 'ssh://deploy@build-box.lan:2222' }));
    const modem = docker.modem as unknown as { protocol?: string; host?: string; port?: number; username?: string };
    assert.deepEqual({ protocol: modem.protocol, host: modem.host, port: modem.port, username: modem.username }, { protocol: 'ssh', host: 'build-box.lan', port: 2222, username: 'deploy' });
  });

  it('an ssh client checks the host key (ssh2 checks none by itself) and uses the agent of the resolved environment', () => {
    const endpoint = resolve({ DOCKER_HOST: 'ssh://deploy:s3cret@build-box.lan:2222', SSH_AUTH_SOCK: '/tmp/agent.sock' });
    assert.equal(endpoint.url, 'ssh://deploy:••••••@build-box.lan:2222', 'a password in the URL is never shown');
    const modem = createClient(endpoint).modem as unknown as { sshOptions: { agent?: string; hostVerifier?: unknown; algorithms?: { serverHostKey?: string[] } } };
    assert.equal(modem.sshOptions.agent, '/tmp/agent.sock');
    assert.equal(endpoint.protocol === 'ssh' && modem.sshOptions.hostVerifier, endpoint.protocol === 'ssh' && endpoint.hostKeys.verifier);
    assert.equal(modem.sshOptions.algorithms?.serverHostKey?.[0], 'ssh-ed25519');
  });

  it('an address without a scheme or with an unknown one is a typed error naming it', () => {
    for (const host of ['/var/run/docker.sock', 'fd://', 'unix://']) {
      assert.throws(() => resolve({ DOCKER_HOST: host }), (err) => isWharfError(err) && err.message.includes(`"${host}"`) && Boolean(err.hint), host);
    }
  });

  it('the current context of config.json: its endpoint from the contexts store', () => {
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'wharf-ctx' }));
    writeContext(configDir, 'wharf-ctx', 'unix:///srv/ctx.sock');
    const endpoint = resolve({});
    assert.deepEqual(endpoint, { protocol: 'unix', socketPath: '/srv/ctx.sock', url: 'unix:///srv/ctx.sock', source: 'currentContext', context: 'wharf-ctx' });
  });

  it('DOCKER_CONFIG unset: the config folder is ~/.docker', () => {
    const dotDocker = path.join(home, '.docker');
    fs.mkdirSync(dotDocker);
    fs.writeFileSync(path.join(dotDocker, 'config.json'), JSON.stringify({ currentContext: 'home-ctx' }));
    writeContext(dotDocker, 'home-ctx', 'unix:///srv/home.sock');
    const endpoint = resolveEndpoint({ env: {}, homedir: home, platform: 'linux', fs: files });
    assert.equal(endpoint.context, 'home-ctx');
    assert.equal(endpoint.url, 'unix:///srv/home.sock');
  });

  it('order: setting host > setting context > DOCKER_HOST > DOCKER_CONTEXT > currentContext', () => {
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'current' }));
    writeContext(configDir, 'current', 'unix:///srv/current.sock');
    writeContext(configDir, 'other', 'unix:///srv/other.sock');
    writeContext(configDir, 'chosen', 'unix:///srv/chosen.sock');
    assert.equal(resolve({}).url, 'unix:///srv/current.sock');
    const byEnvContext = resolve({ DOCKER_CONTEXT: 'other' });
    assert.deepEqual([byEnvContext.url, byEnvContext.source, byEnvContext.context], ['unix:///srv/other.sock', 'DOCKER_CONTEXT', 'other']);
    const byEnvHost = resolve({ DOCKER_CONTEXT: 'other', DOCKER_HOST: 'unix:///srv/env.sock' });
    assert.deepEqual([byEnvHost.url, byEnvHost.source], ['unix:///srv/env.sock', 'DOCKER_HOST']);
    const bySettingContext = resolve({ DOCKER_CONTEXT: 'other', DOCKER_HOST: 'unix:///srv/env.sock' }, { context: 'chosen' });
    assert.deepEqual([bySettingContext.url, bySettingContext.source], ['unix:///srv/chosen.sock', 'settingContext']);
    const bySettingHost = resolve({ DOCKER_CONTEXT: 'other', DOCKER_HOST: 'unix:///srv/env.sock' }, { host: 'unix:///srv/ui.sock', context: 'chosen' });
    assert.deepEqual([bySettingHost.url, bySettingHost.source], ['unix:///srv/ui.sock', 'setting']);
    // Blank settings are "not set", not an address.
    assert.equal(resolve({}, { host: '  ', context: '' }).url, 'unix:///srv/current.sock');
  });

  it('a context with TLS material in contexts/tls/<sha256>/docker uses it; SkipTLSVerify turns verification off', () => {
    writeContext(configDir, 'remote', 'tcp://10.1.2.3:2376', { tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' } });
    writeContext(configDir, 'lax', 'tcp://10.1.2.4:2376', { skipTlsVerify: true, tls: { 'ca.pem': 'CA' } });
    writeContext(configDir, 'plain', 'tcp://10.1.2.5:2375');
    const remote = resolve({ DOCKER_CONTEXT: 'remote' });
    assert.deepEqual(remote.protocol === 'tcp' && remote.tls, { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true });
    const lax = resolve({ DOCKER_CONTEXT: 'lax' });
    assert.equal(lax.protocol === 'tcp' && lax.tls?.verify, false);
    const plain = resolve({ DOCKER_CONTEXT: 'plain' });
    assert.equal(plain.protocol === 'tcp' && plain.tls, undefined);
  });

  it('a context\'s TLS does not come from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH (the CLI ignores them for a named context)', () => {
    const certs = path.join(home, 'certs');
    fs.mkdirSync(certs);
    fs.writeFileSync(path.join(certs, 'ca.pem'), 'ENV-CA');
    writeContext(configDir, 'plain', 'tcp://10.1.2.5:2375');
    const endpoint = resolve({ DOCKER_CONTEXT: 'plain', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    assert.equal(endpoint.protocol === 'tcp' && endpoint.tls, undefined);
  });

  it('the default context: the usual sockets, first that exists (Docker, Docker Desktop, rootless Podman, rootful Podman)', () => {
    const desktop = path.join(home, '.docker', 'run', 'docker.sock');
    const rootless = path.join(home, 'xdg', 'podman', 'podman.sock');
    const env = { XDG_RUNTIME_DIR: path.join(home, 'xdg') };
    assert.equal(resolve(env).url, 'unix:///var/run/docker.sock', 'none exists: Docker\'s own default, so the error names it');
    sockets.add('/run/podman/podman.sock');
    assert.equal(resolve(env).url, 'unix:///run/podman/podman.sock');
    sockets.add(rootless);
    assert.equal(resolve(env).url, `unix://${rootless}`);
    sockets.add(desktop);
    assert.equal(resolve(env).url, `unix://${desktop}`);
    sockets.add('/var/run/docker.sock');
    const endpoint = resolve({ ...env, DOCKER_CONTEXT: 'default' });
    assert.deepEqual([endpoint.url, endpoint.source, endpoint.context], ['unix:///var/run/docker.sock', 'defaultSocket', 'default']);
    // currentContext "default" in config.json is the same thing.
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'default' }));
    assert.equal(resolve(env).url, 'unix:///var/run/docker.sock');
  });

  it('the default context chosen in the settings still honours DOCKER_HOST, like `docker --context default`', () => {
    const endpoint = resolve({ DOCKER_HOST: 'unix:///srv/env.sock' }, { context: 'default' });
    assert.deepEqual([endpoint.url, endpoint.context], ['unix:///srv/env.sock', 'default']);
  });

  it('Windows: the default is the docker_engine named pipe', () => {
    const endpoint = resolveEndpoint({ env: { DOCKER_CONFIG: configDir }, homedir: home, platform: 'win32', fs: files });
    assert.deepEqual([endpoint.protocol, endpoint.url], ['npipe', 'npipe:////./pipe/docker_engine']);
  });

  it('a missing context is a typed error naming it; so is a broken or endpoint-less one', () => {
    assert.throws(() => resolve({ DOCKER_CONTEXT: 'ghost' }), (err) => isWharfError(err, 'unreachable') && err.message === 'Docker context "ghost" does not exist.' && Boolean(err.hint));
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    assert.throws(() => resolve({}), (err) => isWharfError(err) && /"gone" does not exist/.test(err.message));
    const brokenDir = path.join(configDir, 'contexts', 'meta', contextDigest('broken'));
    fs.mkdirSync(brokenDir, { recursive: true });
    fs.writeFileSync(path.join(brokenDir, 'meta.json'), '{not json');
    assert.throws(() => resolve({ DOCKER_CONTEXT: 'broken' }), (err) => isWharfError(err) && /"broken" is unreadable/.test(err.message));
    const emptyDir = path.join(configDir, 'contexts', 'meta', contextDigest('k8s-only'));
    fs.mkdirSync(emptyDir, { recursive: true });
    fs.writeFileSync(path.join(emptyDir, 'meta.json'), JSON.stringify({ Name: 'k8s-only', Endpoints: { kubernetes: {} } }));
    assert.throws(() => resolve({ DOCKER_CONTEXT: 'k8s-only' }), (err) => isWharfError(err) && /"k8s-only" has no Docker endpoint/.test(err.message));
  });

  it('an unreadable config.json is ignored (as the CLI does for choosing the context)', () => {
    fs.writeFileSync(path.join(configDir, 'config.json'), '{oops');
    assert.equal(resolve({}).source, 'defaultSocket');
  });
});
