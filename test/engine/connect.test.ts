// Connecting to real engines: found the way the docker CLI finds them (DOCKER_HOST, contexts in a
// real contexts store, TLS with real openssl certificates through a TLS front for the private
// dockerd), what an unreachable engine is called, and the API version read from /_ping (the
// store's fast path) agreeing with the one negotiated from /version.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectEngine, contextDigest, negotiateApiVersion, pingApiVersion, readVersion, resolveEndpoint, type ResolveFs } from '../../src/docker/connect';
import { isWharfError } from '../../src/docker/errors';
import { createEngineStore } from '../../src/docker/store';
import { dockerHost, podmanHost, socketPath } from './env';
import { makePki, TlsProxy, writeClientCerts, type Pki } from './tlsProxy';
import { waitFor } from './waitFor';

describe('connect (engine)', function () {
  this.timeout(30_000);
  let dir: string;
  let nowhere: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-connect-'));
    nowhere = path.join(dir, 'no-engine.sock');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names an unreachable engine in plain words, with where and what to do', async () => {
    const endpoint = resolveEndpoint({ host: `unix://${nowhere}` });
    await assert.rejects(connectEngine(endpoint), (err) => {
      assert.ok(isWharfError(err, 'unreachable'), String(err));
      assert.equal(err.message, `Could not connect: no container engine is reachable at unix://${nowhere}.`);
      assert.ok(err.hint && err.hint.length > 0);
      return true;
    });
    // The store says the same in its connection state (the explorer's welcome text shows it).
    const store = createEngineStore({ endpoint, backoffInitialMs: 60_000 });
    try {
      const state = await waitFor('unreachable', () => store.connection.status === 'unreachable' && store.connection);
      assert.equal(state.status === 'unreachable' && state.message, `Could not connect: no container engine is reachable at unix://${nowhere}.`);
    } finally {
      store.dispose();
    }
  });

  it('says when the socket answers but is not a container engine', async () => {
    const server = (await import('node:http')).createServer((_req, res) => res.end('{}'));
    const socket = path.join(dir, 'not-an-engine.sock');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await assert.rejects(readVersion(resolveEndpoint({ host: `unix://${socket}` })), (err) => isWharfError(err, 'engine') && /does not look like a container engine/.test(err.message));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  for (const [name, host] of [['dockerd', dockerHost], ['Podman', podmanHost]] as const) {
    it(`reads the same API version from /_ping as from /version (${name})`, async () => {
      const endpoint = resolveEndpoint({ host: host() });
      const [pinged, version] = await Promise.all([pingApiVersion(endpoint), readVersion(endpoint)]);
      assert.equal(pinged, negotiateApiVersion(version.ApiVersion));
    });
  }

  describe('finding the engine like the docker CLI', () => {
    let configDir: string;
    let home: string;
    beforeEach(() => {
      home = fs.mkdtempSync(path.join(dir, 'home-'));
      configDir = path.join(home, 'docker-config');
      fs.mkdirSync(configDir);
    });

    /** Hides the machine-wide sockets: a test must never reach a user's own daemon. */
    const files: ResolveFs = {
      readFile: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
      exists: (file) => file.startsWith(home) && fs.existsSync(file),
    };
    const resolveWith = (env: NodeJS.ProcessEnv, settings: { host?: string; context?: string } = {}): ReturnType<typeof resolveEndpoint> =>
      resolveEndpoint({ ...settings, env: { DOCKER_CONFIG: configDir, ...env }, homedir: home, platform: 'linux', fs: files });
    const writeContext = (name: string, host: string, tlsFrom?: Pki): void => {
      const metaDir = path.join(configDir, 'contexts', 'meta', contextDigest(name));
      fs.mkdirSync(metaDir, { recursive: true });
      fs.writeFileSync(path.join(metaDir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
      if (tlsFrom) writeClientCerts(tlsFrom, path.join(configDir, 'contexts', 'tls', contextDigest(name), 'docker'));
    };
    /** Connects, then makes one request at the negotiated version through the returned client. */
    const connectAndList = async (endpoint: ReturnType<typeof resolveEndpoint>, expectedKind: 'docker' | 'podman'): Promise<void> => {
      const connection = await connectEngine(endpoint, { deadlineMs: 15_000 });
      assert.equal(connection.engine.kind, expectedKind, `${endpoint.url} (${endpoint.source})`);
      assert.match(connection.engine.apiVersion, /^\d+\.\d+$/);
      // The client speaks the negotiated version on every path (mocha's timeout bounds these).
      assert.equal((connection.docker.modem as unknown as { version?: string }).version, `v${connection.engine.apiVersion}`);
      const version = await connection.docker.version();
      assert.equal(negotiateApiVersion(version.ApiVersion), connection.engine.apiVersion);
      assert.ok(Array.isArray(await connection.docker.listContainers({ all: true })));
    };

    it('DOCKER_HOST=unix:// reaches dockerd (kind docker) and Podman\'s socket (kind podman), API version negotiated', async () => {
      const docker = resolveWith({ DOCKER_HOST: dockerHost() });
      assert.equal(docker.source, 'DOCKER_HOST');
      await connectAndList(docker, 'docker');
      await connectAndList(resolveWith({ DOCKER_HOST: podmanHost() }), 'podman');
    });

    it('contexts: currentContext < DOCKER_CONTEXT < DOCKER_HOST < the UI setting (each pointing at a different engine)', async () => {
      fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'wharf-ctx' }));
      writeContext('wharf-ctx', dockerHost());
      writeContext('wharf-podman', podmanHost());
      const current = resolveWith({});
      assert.deepEqual([current.source, current.context], ['currentContext', 'wharf-ctx']);
      await connectAndList(current, 'docker');
      const byContext = resolveWith({ DOCKER_CONTEXT: 'wharf-podman' });
      assert.deepEqual([byContext.source, byContext.context], ['DOCKER_CONTEXT', 'wharf-podman']);
      await connectAndList(byContext, 'podman');
      const byHost = resolveWith({ DOCKER_CONTEXT: 'wharf-podman', DOCKER_HOST: dockerHost() });
      assert.equal(byHost.source, 'DOCKER_HOST');
      await connectAndList(byHost, 'docker');
      const bySetting = resolveWith({ DOCKER_CONTEXT: 'wharf-ctx', DOCKER_HOST: dockerHost() }, { host: podmanHost() });
      assert.equal(bySetting.source, 'setting');
      await connectAndList(bySetting, 'podman');
    });

    it('the default context falls back to the usual sockets (here rootless Podman\'s, under XDG_RUNTIME_DIR)', async () => {
      const xdg = path.join(home, 'xdg');
      fs.mkdirSync(path.join(xdg, 'podman'), { recursive: true });
      fs.symlinkSync(socketPath(podmanHost()), path.join(xdg, 'podman', 'podman.sock'));
      fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'default' }));
      const endpoint = resolveWith({ XDG_RUNTIME_DIR: xdg });
      assert.deepEqual([endpoint.source, endpoint.context, endpoint.url], ['defaultSocket', 'default', `unix://${path.join(xdg, 'podman', 'podman.sock')}`]);
      await connectAndList(endpoint, 'podman');
      // Docker Desktop's ~/.docker/run/docker.sock comes before Podman's.
      fs.mkdirSync(path.join(home, '.docker', 'run'), { recursive: true });
      fs.symlinkSync(socketPath(dockerHost()), path.join(home, '.docker', 'run', 'docker.sock'));
      await connectAndList(resolveWith({ XDG_RUNTIME_DIR: xdg }), 'docker');
    });

    it('a missing context is a typed error naming it, before any connection is tried', () => {
      fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'wharf-ctx' }));
      assert.throws(() => resolveWith({ DOCKER_CONTEXT: 'no-such-ctx' }), (err) => isWharfError(err, 'unreachable') && err.message === 'Docker context "no-such-ctx" does not exist.');
      assert.throws(() => resolveWith({}), (err) => isWharfError(err, 'unreachable') && err.message.includes('"wharf-ctx"'));
    });

    it('DOCKER_HOST=unix:///nonexistent is a typed unreachable error that reads sensibly', async () => {
      const endpoint = resolveWith({ DOCKER_HOST: 'unix:///nonexistent' });
      await assert.rejects(connectEngine(endpoint, { deadlineMs: 10_000 }), (err) => {
        assert.ok(isWharfError(err, 'unreachable'), String(err));
        assert.equal(err.message, 'Could not connect: no container engine is reachable at unix:///nonexistent.');
        return true;
      });
    });

    describe('TLS (tcp:// to a TLS front of the private dockerd that requires client certificates)', () => {
      let pki: Pki;
      let otherPki: Pki;
      let proxy: TlsProxy | undefined;
      let tlsHost: string;
      before(function () {
        this.timeout(60_000);
        pki = makePki(path.join(dir, 'pki'));
        otherPki = makePki(path.join(dir, 'pki-other'));
      });
      // A fresh front (a new port) per test: clients keep TLS sockets alive per address, and a
      // test must make its own handshake with its own certificates.
      beforeEach(async () => {
        proxy = new TlsProxy(pki, socketPath(dockerHost()));
        await proxy.listen();
        tlsHost = `tcp://127.0.0.1:${proxy.port}`;
      });
      afterEach(async () => { await proxy?.close(); });

      it('DOCKER_HOST=tcp:// + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH connects with a verified client certificate', async () => {
        const certs = path.join(home, 'certs');
        writeClientCerts(pki, certs);
        const endpoint = resolveWith({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
        assert.equal(endpoint.protocol === 'tcp' && endpoint.tls?.verify, true);
        await connectAndList(endpoint, 'docker');
        assert.ok(proxy!.authorized > 0, 'the TLS front saw a verified client certificate');
      });

      it('the same through a context whose TLS material is in contexts/tls/<sha256>/docker', async () => {
        writeContext('wharf-tls', tlsHost, pki);
        fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'wharf-tls' }));
        const endpoint = resolveWith({});
        assert.deepEqual([endpoint.source, endpoint.context, endpoint.protocol === 'tcp' && endpoint.tls?.verify], ['currentContext', 'wharf-tls', true]);
        await connectAndList(endpoint, 'docker');
        assert.ok(proxy!.authorized > 0, 'the TLS front saw a verified client certificate');
      });

      const rejectsClearly = async (endpoint: ReturnType<typeof resolveEndpoint>, pattern: RegExp): Promise<void> => {
        await assert.rejects(connectEngine(endpoint, { deadlineMs: 10_000 }), (err) => {
          assert.ok(isWharfError(err), String(err));
          // Not a hang: the refusal itself is reported, not the deadline running out.
          assert.equal(err.code, 'unreachable', `${err.code}: ${err.message}`);
          assert.match(err.message, pattern);
          assert.ok(err.message.includes(tlsHost), err.message);
          assert.ok(err.hint, 'says what to do');
          return true;
        });
      };

      it('without a client certificate: a clear error, not a hang', async () => {
        const certs = path.join(home, 'ca-only');
        writeClientCerts(pki, certs, { ca: true });
        await rejectsClearly(resolveWith({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }), /requires a client certificate, and none was given/);
      });

      it('a context without a client certificate: the error and its hint name the context', async () => {
        const name = 'wharf-tls-nocert';
        writeContext(name, tlsHost);
        writeClientCerts(pki, path.join(configDir, 'contexts', 'tls', contextDigest(name), 'docker'), { ca: true });
        await assert.rejects(connectEngine(resolveWith({ DOCKER_CONTEXT: name }), { deadlineMs: 10_000 }), (err) => {
          assert.ok(isWharfError(err, 'unreachable'), String(err));
          assert.match(err.message, /requires a client certificate/);
          assert.ok(err.hint?.includes(`context "${name}"`), err.hint);
          return true;
        });
      });

      it('trusting the wrong CA: a clear error about the engine\'s certificate', async () => {
        const certs = path.join(home, 'wrong-ca');
        writeClientCerts(pki, certs, { cert: true, key: true });
        fs.copyFileSync(otherPki.caCert, path.join(certs, 'ca.pem'));
        await rejectsClearly(resolveWith({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }), /the certificate of the engine at .* is not trusted/);
      });

      it('a client certificate from another CA: a clear error', async () => {
        const certs = path.join(home, 'foreign-client');
        writeClientCerts(otherPki, certs, { cert: true, key: true });
        fs.copyFileSync(pki.caCert, path.join(certs, 'ca.pem'));
        await rejectsClearly(resolveWith({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }), /(does not|may not) accept the client certificate/);
      });
    });
  });
});
