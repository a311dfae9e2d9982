// Engine-wide facts from the real private dockerd, checked against the engine's raw answers.
import * as assert from 'node:assert/strict';
import { diskUsage, systemInfo, systemVersion } from '../../src/docker/system';
import { rawDocker, TEST_IMAGE } from './env';

describe('system (engine)', function () {
  const docker = rawDocker();

  it('info lists the OCI runtimes with the default one marked', async () => {
    const info = await systemInfo(docker);
    const raw = (await docker.info()) as { Runtimes: Record<string, unknown>; DefaultRuntime: string; ServerVersion: string };
    assert.deepEqual(info.runtimes.map((r) => r.name).sort(), Object.keys(raw.Runtimes).sort());
    assert.ok(info.runtimes.some((r) => r.name === 'runc'));
    assert.equal(info.defaultRuntime, raw.DefaultRuntime);
    assert.deepEqual(info.runtimes.filter((r) => r.isDefault).map((r) => r.name), [raw.DefaultRuntime]);
    assert.equal(info.runtimes[0].isDefault, true, 'the default runtime comes first');
    assert.equal(info.serverVersion, raw.ServerVersion);
  });

  it('info reads the daemon\'s own labels (the harness starts dockerd with --label wharf.test=true)', async () => {
    const info = await systemInfo(docker);
    assert.equal(info.labels['wharf.test'], 'true');
    const raw = (await docker.info()) as { Labels: string[] };
    assert.deepEqual(Object.entries(info.labels).map(([key, value]) => `${key}=${value}`).sort(), [...raw.Labels].sort());
  });

  it('version names the engine and its API version', async () => {
    const version = await systemVersion(docker);
    assert.match(version.ApiVersion, /^1\.\d+$/);
    assert.ok(version.Components?.some((c) => c.Name === 'Engine'));
  });

  it('disk usage counts the images the engine has', async () => {
    const usage = await diskUsage(docker);
    const testImage = await docker.getImage(TEST_IMAGE).inspect();
    assert.ok(usage.imagesSize >= testImage.Size, `${usage.imagesSize} >= ${testImage.Size}`);
    assert.ok(usage.layersSize > 0);
    assert.ok(Array.isArray((usage.raw as { Images?: unknown[] }).Images));
  });
});
