// Smoke tests of the test bed itself: the three real engines the harness started answer, and
// the FROM-scratch test image is in both container engines. Later suites build on these.
import * as assert from 'node:assert/strict';
import { rawDocker, podmanHost, registryAddress, TEST_IMAGE, uniqueName } from './env';

describe('test bed', () => {
  it('the private dockerd answers and is Docker Engine', async () => {
    const version = await rawDocker().version();
    assert.ok(version.Components?.some((c) => c.Name === 'Engine'), JSON.stringify(version.Components));
    assert.match(version.ApiVersion, /^1\.\d+$/);
  });

  it('the private dockerd runs the busybox test image and publishes on 127.0.0.1 only', async () => {
    const docker = rawDocker();
    const container = await docker.createContainer({
      name: uniqueName('smoke'), Image: TEST_IMAGE, Cmd: ['httpd', '-f', '-p', '8080', '-h', '/bin'],
      ExposedPorts: { '8080/tcp': {} }, HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    try {
      await container.start();
      const info = await container.inspect();
      const binding = info.NetworkSettings.Ports['8080/tcp']?.[0];
      assert.equal(binding?.HostIp, '127.0.0.1');
      let status = 0;
      for (let i = 0; i < 50 && status === 0; i++) {
        status = await fetch(`http://127.0.0.1:${binding?.HostPort}/`).then((r) => r.status, () => 0);
        if (status === 0) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(status >= 200 && status < 500, `httpd in the container answered ${status}`);
    } finally {
      await container.remove({ force: true });
    }
  });

  it("Podman's Docker-compatible API answers as Podman and has the test image", async () => {
    const podman = rawDocker(podmanHost());
    const version = await podman.version();
    assert.ok(version.Components?.some((c) => c.Name === 'Podman Engine'), JSON.stringify(version.Components));
    const images = await podman.listImages();
    assert.ok(images.some((i) => (i.RepoTags ?? []).some((t) => t.endsWith(TEST_IMAGE))), JSON.stringify(images.map((i) => i.RepoTags)));
  });

  it('Podman runs a container to completion', async () => {
    const podman = rawDocker(podmanHost());
    const container = await podman.createContainer({ name: uniqueName('psmoke'), Image: TEST_IMAGE, Cmd: ['echo', 'hello'] });
    try {
      await container.start();
      const result = await container.wait();
      assert.equal(result.StatusCode, 0);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('the local registry serves the v2 API on loopback and accepts a push from dockerd', async () => {
    const address = registryAddress();
    assert.match(address, /^127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`http://${address}/v2/`)).status, 200);
    const docker = rawDocker();
    const repo = `${address}/wharf-test/smoke`;
    const tag = `t${Date.now().toString(36)}${process.pid}`;
    await docker.getImage(TEST_IMAGE).tag({ repo, tag });
    try {
      // The engine wants an X-Registry-Auth header even for a registry without auth.
      const stream = await docker.getImage(`${repo}:${tag}`).push({ authconfig: { serveraddress: address } });
      const output: Array<{ error?: string }> = await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => (err ? reject(err) : resolve(out))));
      assert.equal(output.find((m) => m.error)?.error, undefined);
      const tags = await (await fetch(`http://${address}/v2/wharf-test/smoke/tags/list`)).json() as { tags: string[] };
      assert.ok(tags.tags.includes(tag), JSON.stringify(tags));
    } finally {
      await docker.getImage(`${repo}:${tag}`).remove();
    }
  });
});
