// Container operations against the real private dockerd: every test observes the effect through
// the engine's own API (inspect/list) and removes what it created.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import {
  containerLogs, containerStats, containerTop, createContainer, execCollect, execInteractive, inspectContainer, killContainer,
  pauseContainer, renameContainer, restartContainer, runContainer,
  startContainer, stopContainer, streamContainerStats, unpauseContainer,
} from '../../src/docker/containers';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';

/** Containers a test made, removed (forced, with volumes) after it whatever happened. */
class Created {
  private readonly ids = new Set<string>();
  constructor(private readonly docker: Docker) {}
  add(id: string): string {
    this.ids.add(id);
    return id;
  }
  async cleanup(): Promise<void> {
    for (const id of this.ids) await this.docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
    this.ids.clear();
  }
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, attempts = 100): Promise<T> {
  let value = await probe();
  for (let i = 0; i < attempts && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  assert.ok(ok(value), `${what}: last seen ${JSON.stringify(value)}`);
  return value;
}

describe('containers (engine)', function () {
  const docker = rawDocker();
  const created = new Created(docker);
  afterEach(() => created.cleanup());

  it('run creates and starts a container with name, command, env, labels, port on 127.0.0.1, restart policy and runtime', async () => {
    const name = uniqueName('run');
    const { id, pulled } = await runContainer(docker, {
      image: TEST_IMAGE, name, command: ['httpd', '-f', '-p', '8080', '-h', '/bin'], env: { GREETING: 'hello world' },
      labels: { 'wharf.test': 'run' }, ports: [{ containerPort: 8080, hostIp: '127.0.0.1' }],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 2 }, runtime: 'runc',
    });
    created.add(id);
    assert.equal(pulled, false);
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.Name, `/${name}`);
    assert.equal(info.State.Running, true);
    assert.deepEqual(info.Config.Cmd, ['httpd', '-f', '-p', '8080', '-h', '/bin']);
    assert.ok(info.Config.Env.includes('GREETING=hello world'));
    assert.equal(info.Config.Labels['wharf.test'], 'run');
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'on-failure');
    assert.equal(info.HostConfig.RestartPolicy?.MaximumRetryCount, 2);
    assert.equal(info.HostConfig.Runtime, 'runc');
    const binding = info.NetworkSettings.Ports['8080/tcp']?.[0];
    assert.equal(binding?.HostIp, '127.0.0.1');
    const status = await until(() => fetch(`http://127.0.0.1:${binding?.HostPort}/`).then((r) => r.status, () => 0), (s) => s > 0, 'httpd answers on 127.0.0.1');
    assert.ok(status >= 200 && status < 500);
  });

  it('run with autoRemove: the container is gone once its command exits', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('rm'), command: ['true'], autoRemove: true });
    created.add(id);
    await until(() => docker.listContainers({ all: true, filters: { id: [id] } }), (list) => list.length === 0, 'auto-removed container disappears');
  });

  it('run attaches to a named network and mounts a named volume and a bind mount', async () => {
    const network = await docker.createNetwork({ Name: uniqueName('net') });
    const volumeName = uniqueName('vol');
    await docker.createVolume({ Name: volumeName });
    try {
      const { id } = await runContainer(docker, {
        image: TEST_IMAGE, name: uniqueName('mounts'), network: network.id,
        mounts: [{ type: 'volume', source: volumeName, target: '/data' }, { type: 'bind', source: '/etc', target: '/host-etc', readOnly: true }],
      });
      created.add(id);
      const info = await docker.getContainer(id).inspect();
      assert.ok(Object.values(info.NetworkSettings.Networks).some((n) => n.NetworkID === network.id));
      const volume = info.Mounts.find((m) => m.Destination === '/data');
      assert.equal(volume?.Type, 'volume');
      assert.equal(volume?.Name, volumeName);
      const bind = info.Mounts.find((m) => m.Destination === '/host-etc');
      assert.equal(bind?.Type, 'bind');
      assert.equal(bind?.RW, false);
    } finally {
      await created.cleanup();
      await network.remove();
      await docker.getVolume(volumeName).remove();
    }
  });

  it('an interactive run has a TTY and open stdin', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('tty'), command: ['sh'], interactive: true });
    created.add(id);
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.Config.Tty, true);
    assert.equal(info.Config.OpenStdin, true);
    assert.equal(info.State.Running, true);
  });

  it('stop, start, restart, kill, pause and unpause change the state the engine reports', async () => {
    const id = created.add(await createContainer(docker, { image: TEST_IMAGE, name: uniqueName('life') }));
    assert.equal((await docker.getContainer(id).inspect()).State.Status, 'created');
    await startContainer(docker, id);
    const first = await docker.getContainer(id).inspect();
    assert.equal(first.State.Status, 'running');
    await pauseContainer(docker, id);
    assert.equal((await docker.getContainer(id).inspect()).State.Status, 'paused');
    await unpauseContainer(docker, id);
    assert.equal((await docker.getContainer(id).inspect()).State.Status, 'running');
    await restartContainer(docker, id, { timeoutSeconds: 0 });
    const restarted = await docker.getContainer(id).inspect();
    assert.equal(restarted.State.Status, 'running');
    assert.notEqual(restarted.State.StartedAt, first.State.StartedAt);
    await stopContainer(docker, id, { timeoutSeconds: 0 });
    assert.equal((await docker.getContainer(id).inspect()).State.Status, 'exited');
  });

  it('stop without a timeout waits out the container\'s own StopTimeout instead of giving up at the 10 s default', async function () {
    this.timeout(60_000);
    // sleep as PID 1 has no TERM handler, so the engine waits the full grace period and then kills.
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('graceful'), Cmd: ['sleep', '3600'], StopTimeout: 14 } as Docker.ContainerCreateOptions);
    const id = created.add(container.id);
    await startContainer(docker, id);
    const began = Date.now();
    // 3 s beyond the grace: before, Wharf allowed 3 + 10 s and failed with a timeout at 13 s.
    await stopContainer(docker, id, { deadlineMs: 3_000 });
    assert.ok(Date.now() - began >= 13_000, 'the engine waited the container\'s grace period');
    assert.equal((await docker.getContainer(id).inspect()).State.Status, 'exited');
  });

  it('kill delivers the chosen signal, SIGKILL by default', async () => {
    const { id: trapping } = await runContainer(docker, {
      image: TEST_IMAGE, name: uniqueName('trap'), command: ['sh', '-c', 'trap "exit 7" TERM; while true; do sleep 0.1; done'],
    });
    created.add(trapping);
    await killContainer(docker, trapping, { killSignal: 'SIGTERM' });
    const trapped = await until(() => docker.getContainer(trapping).inspect(), (i) => !i.State.Running, 'SIGTERM ends the trapping shell');
    assert.equal(trapped.State.ExitCode, 7);

    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('kill') });
    created.add(id);
    await killContainer(docker, id);
    const killed = await until(() => docker.getContainer(id).inspect(), (i) => !i.State.Running, 'SIGKILL stops the container');
    assert.equal(killed.State.ExitCode, 137);
  });

  it('rename changes the name; inspect returns the engine record', async () => {
    const id = created.add(await createContainer(docker, { image: TEST_IMAGE, name: uniqueName('old') }));
    const newName = uniqueName('new');
    await renameContainer(docker, id, newName);
    const info = await inspectContainer(docker, id);
    assert.equal(info.Id, id);
    assert.equal(info.Name, `/${newName}`);
  });

  it('logs separates stdout from stderr, honours tail and timestamps, and follows new output', async () => {
    const { id } = await runContainer(docker, {
      image: TEST_IMAGE, name: uniqueName('logs'),
      command: ['sh', '-c', 'echo out1; echo err1 >&2; echo out2; sleep 0.3; echo late; sleep 3600'],
    });
    created.add(id);
    await until(async () => {
      const out: string[] = [];
      await containerLogs(docker, id, (s, d) => out.push(`${s}:${d.toString()}`));
      return out.join('');
    }, (text) => text.includes('late'), 'all output logged');
    const chunks: Record<string, string> = { stdout: '', stderr: '' };
    await containerLogs(docker, id, (stream, data) => (chunks[stream] += data.toString()));
    assert.equal(chunks.stdout, 'out1\nout2\nlate\n');
    assert.equal(chunks.stderr, 'err1\n');

    let tail = '';
    await containerLogs(docker, id, (_s, d) => (tail += d.toString()), { tail: 1 });
    assert.equal(tail, 'late\n');

    let stamped = '';
    await containerLogs(docker, id, (_s, d) => (stamped += d.toString()), { timestamps: true, tail: 1 });
    assert.match(stamped, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z late\n$/);

    // Follow: output written after the stream opened arrives, also after the request deadline
    // (it bounds only the wait for the engine's answer); dispose ends the stream.
    let followed = '';
    const handle = await containerLogs(docker, id, (_s, d) => (followed += d.toString()), { follow: true, tail: 0, deadlineMs: 2_000 });
    await new Promise((r) => setTimeout(r, 2_200));
    const exec = await execCollect(docker, id, { command: ['sh', '-c', 'echo from-exec > /proc/1/fd/1'] });
    assert.equal(exec.exitCode, 0);
    await until(async () => followed, (text) => text.includes('from-exec'), 'followed log receives new output');
    handle.dispose();
    await handle.done;
  });

  it('logs since a time excludes earlier output', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('since'), command: ['sh', '-c', 'echo early; sleep 1.2; echo later; sleep 3600'] });
    created.add(id);
    await until(async () => {
      let all = '';
      await containerLogs(docker, id, (_s, d) => (all += d.toString()));
      return all;
    }, (t) => t.includes('later'), 'both lines logged');
    let withTimes = '';
    await containerLogs(docker, id, (_s, d) => (withTimes += d.toString()), { timestamps: true });
    const laterAt = Date.parse(withTimes.split('\n').find((l) => l.endsWith(' later'))!.split(' ')[0]);
    let since = '';
    await containerLogs(docker, id, (_s, d) => (since += d.toString()), { since: new Date(laterAt - 500) });
    assert.equal(since, 'later\n');
  });

  it('logs of a TTY container arrive as one stream', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('ttylog'), command: ['sh', '-c', 'echo tty-out; echo tty-err >&2; sleep 3600'], interactive: true });
    created.add(id);
    const text = await until(async () => {
      const parts: string[] = [];
      await containerLogs(docker, id, (s, d) => parts.push(`${s}:${d.toString()}`));
      return parts;
    }, (p) => p.join('').includes('tty-err'), 'tty output logged');
    assert.ok(text.every((p) => p.startsWith('stdout:')));
  });

  it('stats: one sample with memory and pids, and a stream that delivers samples until disposed', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('stats') });
    created.add(id);
    const sample = await containerStats(docker, id);
    assert.ok(sample.memoryUsage > 0, JSON.stringify(sample));
    assert.ok(sample.memoryLimit > 0);
    assert.ok(sample.pids >= 1);
    const samples: number[] = [];
    const handle = await streamContainerStats(docker, id, (s) => samples.push(s.readAt));
    await until(async () => samples.length, (n) => n >= 2, 'two streamed samples', 100);
    handle.dispose();
    await handle.done;
    assert.ok(samples[1] > samples[0]);
  });

  it('top lists the processes in the container', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('top') });
    created.add(id);
    const top = await containerTop(docker, id);
    const cmdColumn = top.titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
    assert.ok(cmdColumn >= 0, top.titles.join(','));
    assert.ok(top.processes.some((p) => p[cmdColumn].includes('sleep 3600')), JSON.stringify(top.processes));
  });

  it('exec collects stdout, stderr and the exit code', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('exec') });
    created.add(id);
    const result = await execCollect(docker, id, { command: ['sh', '-c', 'echo "$X"; echo oops >&2; exit 3'], env: { X: 'exec-env' } });
    assert.deepEqual(result, { exitCode: 3, stdout: 'exec-env\n', stderr: 'oops\n' });
  });

  it('interactive exec: a TTY shell reads input, resizes, and reports its exit code', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('shell') });
    created.add(id);
    const session = await execInteractive(docker, id, { command: ['sh'], columns: 80, rows: 24 });
    let output = '';
    session.stream.on('data', (d: Buffer) => (output += d.toString()));
    await session.resize(132, 43);
    session.stream.write('stty size; echo "marker-$((6*7))"; exit 5\n');
    const code = await session.exitCode();
    assert.equal(code, 5);
    assert.match(output, /43 132/);
    assert.match(output, /marker-42/);
    session.dispose();
  });
});
