// Stats, top and signals to one process, against the real private dockerd.
import * as assert from 'node:assert/strict';
import { containerStats, containerTop, streamContainerStats } from '../../src/docker/containers';
import { findSignalTools, signalProcess } from '../../src/docker/processes';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';
import { waitFor } from './waitFor';

describe('processes and stats (engine)', function () {
  const docker = rawDocker();
  let id = '';

  before(async () => {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('procs'), Cmd: ['sh', '-c', 'sleep 4242 & exec sleep 3600'] });
    id = container.id;
    await container.start();
  });
  after(() => docker.getContainer(id).remove({ force: true }).catch(() => undefined));

  const commandsOf = async (): Promise<{ list: Awaited<ReturnType<typeof containerTop>>; commands: string[] }> => {
    const list = await containerTop(docker, id);
    const column = list.titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
    return { list, commands: list.processes.map((p) => p[column]) };
  };

  it('reads a stats sample and a stream of them, and the process list', async () => {
    const sample = await containerStats(docker, id);
    assert.ok(sample.memoryUsage > 0 && sample.memoryLimit > 0 && sample.pids >= 1, JSON.stringify(sample));
    const seen: number[] = [];
    const handle = await streamContainerStats(docker, id, (s) => seen.push(s.cpuPercent));
    await waitFor('two streamed samples', () => seen.length >= 2);
    handle.dispose();
    await handle.done;
    assert.ok(seen.every((cpu) => cpu >= 0 && Number.isFinite(cpu)));
    const { list, commands } = await commandsOf();
    assert.ok(list.titles.includes('PID') && list.titles.includes('PPID'), list.titles.join(','));
    assert.ok(commands.some((c) => c.includes('sleep 3600')), commands.join(' | '));
  });

  it('sends a signal to a process that is not the main one, by its host PID from the list', async () => {
    const tools = await findSignalTools(docker, id);
    assert.deepEqual(tools, { kill: '/bin/kill', ls: '/bin/ls' });
    const before = await waitFor('the second sleep in the list', async () => { const r = await commandsOf(); return r.commands.some((c) => c.includes('sleep 4242')) ? r : undefined; });
    const pidColumn = before.list.titles.indexOf('PID');
    const row = before.list.processes[before.commands.findIndex((c) => c.includes('sleep 4242'))];
    const containerPid = await signalProcess(docker, id, tools!, before.list, Number(row[pidColumn]), 'KILL');
    assert.notEqual(containerPid, 1, 'not the main process');
    await waitFor('the sleep to be gone', async () => !(await commandsOf()).commands.some((c) => c.includes('sleep 4242')));
    assert.ok((await commandsOf()).commands.some((c) => c.includes('sleep 3600')), 'the main process lives on');
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
  });
});
