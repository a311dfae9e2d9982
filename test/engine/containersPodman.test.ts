// The same container operations against Podman's Docker-compatible API: the everyday ones a user
// of Podman reaches through Wharf (run, logs, exec, stop/start, remove defaults, system info).
import * as assert from 'node:assert/strict';
import {
  containerLogs, execCollect, removeContainer, runContainer, startContainer, stopContainer,
} from '../../src/docker/containers';
import { isWharfError } from '../../src/docker/errors';
import { systemInfo } from '../../src/docker/system';
import { podmanHost, rawDocker, TEST_IMAGE, uniqueName } from './env';

describe('containers on Podman (engine)', function () {
  const podman = rawDocker(podmanHost());
  const created: string[] = [];
  afterEach(async () => {
    for (const id of created.splice(0)) await podman.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
  });

  it('run, logs with stdout/stderr apart, exec, stop and start keep the container and its files', async () => {
    const { id } = await runContainer(podman, { image: TEST_IMAGE, name: uniqueName('pod'), command: ['sh', '-c', 'echo out; echo err >&2; sleep 3600'] });
    created.push(id);
    assert.equal((await podman.getContainer(id).inspect()).State.Running, true);
    const seen = { stdout: '', stderr: '' };
    for (let i = 0; i < 50 && !seen.stderr; i++) {
      seen.stdout = '';
      seen.stderr = '';
      await containerLogs(podman, id, (s, d) => (seen[s] += d.toString()));
      if (!seen.stderr) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(seen, { stdout: 'out\n', stderr: 'err\n' });
    assert.equal((await execCollect(podman, id, { command: ['sh', '-c', 'echo kept > /state.txt'] })).exitCode, 0);
    await stopContainer(podman, id, { timeoutSeconds: 0 });
    assert.equal((await podman.getContainer(id).inspect()).State.Running, false);
    await startContainer(podman, id);
    assert.deepEqual(await execCollect(podman, id, { command: ['cat', '/state.txt'] }), { exitCode: 0, stdout: 'kept\n', stderr: '' });
  });

  it('remove of a running container without force fails and leaves it running', async () => {
    const { id } = await runContainer(podman, { image: TEST_IMAGE, name: uniqueName('podrm') });
    created.push(id);
    await assert.rejects(removeContainer(podman, id), (err) => {
      assert.ok(isWharfError(err, 'containerRunning'), String(err));
      assert.match(err.message, /the container is running\.$/);
      assert.match(err.hint ?? '', /Stop it first, or remove it with force/);
      return true;
    });
    assert.equal((await podman.getContainer(id).inspect()).State.Running, true);
  });

  it('info reports the runtimes Podman offers (or none), never a made-up default', async () => {
    const info = await systemInfo(podman);
    assert.ok(info.runtimes.filter((r) => r.isDefault).length <= 1);
    for (const runtime of info.runtimes) assert.equal(runtime.isDefault, runtime.name === info.defaultRuntime);
  });
});
