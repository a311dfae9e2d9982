// The registry client's parsing (challenges, Link headers, names) and its deadline and
// cancellation, against a loopback server that accepts connections and never answers.
import * as assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { apiHost, isLoopbackRegistry, nextLink, parseChallenge, RegistryClient, RegistryError } from '../../../src/docker/registry';
import { registryOfKey, serverKeyOf } from '../../../src/docker/registryAuth';

describe('registry client', () => {
  it('parses Basic and Bearer challenges, quoted values with commas and escapes, bare values', () => {
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push"'), {
      scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull,push' },
    });
    assert.deepEqual(parseChallenge('Bearer realm="a\\"b", error=insufficient_scope'), { scheme: 'bearer', params: { realm: 'a"b', error: 'insufficient_scope' } });
    assert.equal(parseChallenge('  '), undefined);
    assert.deepEqual(parseChallenge('Bearer'), { scheme: 'bearer', params: {} });
  });

  it('follows only a rel="next" Link', () => {
    assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
    assert.equal(nextLink(['</v2/x?a=1>; rel="prev"', '</v2/x?a=2>; rel=next']), '/v2/x?a=2');
    assert.equal(nextLink(undefined), undefined);
    assert.equal(nextLink('</v2/x>; rel="prev"'), undefined);
  });

  it('knows Docker Hub\'s API host, loopback registries and config.json keys', () => {
    assert.equal(apiHost('docker.io'), 'registry-1.docker.io');
    assert.equal(apiHost('ghcr.io'), 'ghcr.io');
    for (const r of ['127.0.0.1:5000', 'localhost:5000', 'localhost', '[::1]:5000', '127.8.9.10']) assert.ok(isLoopbackRegistry(r), r);
    for (const r of ['10.0.0.1:5000', 'registry.example', '[::2]:5000', 'localhost.example']) assert.ok(!isLoopbackRegistry(r), r);
    assert.equal(registryOfKey('https://index.docker.io/v1/'), 'docker.io');
    assert.equal(registryOfKey('https://reg.example:5000/v2/'), 'reg.example:5000');
    assert.equal(registryOfKey('ghcr.io'), 'ghcr.io');
    assert.equal(serverKeyOf('docker.io'), 'https://index.docker.io/v1/');
  });

  it('rejects names that are not repositories or tags before sending anything', async () => {
    const client = new RegistryClient({ registry: '127.0.0.1:1' });
    await assert.rejects(client.tags('../etc'), /is not a repository name/);
    await assert.rejects(client.digestOf('app', 'a/b'), /is not a tag or digest/);
  });

  describe('against a registry that never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];
    let registry: string;
    before(async () => {
      server = createServer((socket) => { sockets.push(socket); });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('gives up at the deadline with a timeout error', async () => {
      const started = Date.now();
      await assert.rejects(new RegistryClient({ registry, insecure: true }).ping({ deadlineMs: 300 }), (err) => {
        assert.ok(err instanceof RegistryError && err.code === 'timeout', String(err));
        return true;
      });
      assert.ok(Date.now() - started < 10_000);
    });

    it('stops when the caller cancels', async () => {
      const controller = new AbortController();
      const pending = new RegistryClient({ registry, insecure: true }).ping({ signal: controller.signal, deadlineMs: 60_000 });
      while (sockets.length === 0) await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      await assert.rejects(pending, (err) => err instanceof RegistryError && err.code === 'cancelled');
    });
  });
});
