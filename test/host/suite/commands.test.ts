// Every Wharf command run through vscode.commands.executeCommand against the real private engine.
// Only the dialogs are answered by the test hook (Prompts.answerNext); the engine is real and
// every effect is checked through an independent dockerode client.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { buildDiagnostics } from '../../../src/ui/commands/dockerfile';
import { containerState, engine, freePort, makeContainer, removeQuietly, TEST_IMAGE, uniqueName, until, engineSuite } from './explorerSupport';

describe('commands on the real engine', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;

  /** Answers for the Run flow: name, ports, env, and the runtime when the engine offers several. */
  function runAnswers(name: string, ports = '', env = ''): void {
    const connection = suite.api.sessions.current.store.connection;
    const runtimes = connection.status === 'connected' ? connection.runtimes : [];
    suite.api.prompts.answerNext(name, ports, env, ...(runtimes.length > 1 ? [runtimes.find((r) => r.isDefault)?.name ?? runtimes[0].name] : []));
  }

  it('Run image makes a fresh running container with the name, env and ports asked for', async () => {
    const name = uniqueName('run');
    cleanup.push(() => removeQuietly(name));
    const port = await freePort();
    runAnswers(name, `127.0.0.1:${port}:80`, 'MODE=test GREETING="hello world"');
    const id = await run<string>('wharf.image.run', TEST_IMAGE);
    assert.ok(id, 'the command returns the new id');
    const info = await engine().getContainer(id).inspect();
    assert.equal(info.Name, `/${name}`);
    assert.equal(info.State.Status, 'running');
    assert.ok(info.Config.Env.includes('MODE=test') && info.Config.Env.includes('GREETING=hello world'));
    assert.deepEqual(info.HostConfig.PortBindings['80/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    assert.match(suite.api.prompts.asked[0].message, /fresh container/, 'the flow says Run makes a fresh container');
  });

  it('Stop, Start, Restart, Pause, Unpause and Kill change the container as the engine reports', async () => {
    const id = await makeContainer(uniqueName('life'));
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'the container in the store', () => suite.api.sessions.current.store.container(id));
    assert.deepEqual(await run('wharf.container.stop', id), [id]);
    assert.equal((await containerState(id))?.status, 'exited');
    assert.deepEqual(await run('wharf.container.start', id), [id]);
    assert.equal((await containerState(id))?.status, 'running');
    const before = (await engine().getContainer(id).inspect()).State.StartedAt;
    await run('wharf.container.restart', id);
    const after = await engine().getContainer(id).inspect();
    assert.equal(after.State.Status, 'running');
    assert.notEqual(after.State.StartedAt, before);
    await run('wharf.container.pause', id);
    assert.equal((await containerState(id))?.status, 'paused');
    await run('wharf.container.unpause', id);
    assert.equal((await containerState(id))?.status, 'running');
    suite.api.prompts.answerNext('SIGKILL', undefined);
    assert.deepEqual(await run('wharf.container.kill', id), [], 'declining the confirmation kills nothing');
    assert.equal((await containerState(id))?.status, 'running');
    assert.match(suite.api.prompts.asked.at(-1)?.message ?? '', /work held in memory is lost/, 'the confirmation says what is lost');
    suite.api.prompts.answerNext('SIGKILL', 'Send SIGKILL');
    assert.deepEqual(await run('wharf.container.kill', id), [id]);
    const killed = await containerState(id);
    assert.equal(killed?.status, 'exited');
    assert.equal(killed?.exitCode, 137);
  });

  it('acts on every selected row when invoked from a multi-selection', async () => {
    const a = await makeContainer(uniqueName('multi'));
    const b = await makeContainer(uniqueName('multi'));
    cleanup.push(() => removeQuietly(a), () => removeQuietly(b));
    const nodeA = await until(suite.api, 'row a', () => suite.api.views.containers.nodeFor(a));
    const nodeB = await until(suite.api, 'row b', () => suite.api.views.containers.nodeFor(b));
    const stopped = await run<string[]>('wharf.container.stop', nodeA, [nodeA, nodeB]);
    assert.deepEqual([...stopped].sort(), [a, b].sort());
    assert.equal((await containerState(a))?.status, 'exited');
    assert.equal((await containerState(b))?.status, 'exited');
  });

  it('Remove asks first, says data outside volumes is lost, and keeps the container when cancelled', async () => {
    const id = await makeContainer(uniqueName('keep'), { start: false });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'in store', () => suite.api.sessions.current.store.container(id));
    suite.api.prompts.answerNext(undefined);
    assert.deepEqual(await run('wharf.container.remove', id), []);
    assert.ok(await containerState(id), 'still there after Cancel');
    assert.match(suite.api.prompts.asked[0].message, /files written inside the container outside its volumes \(its writable layer\)/);
    assert.deepEqual(suite.api.prompts.asked[0].choices, ['Keep Container', 'Remove']);
  });

  it('Remove of a running container needs Force Remove and never deletes its volume', async () => {
    const volume = uniqueName('data');
    await engine().createVolume({ Name: volume });
    cleanup.push(() => engine().getVolume(volume).remove().catch(() => undefined));
    const id = await makeContainer(uniqueName('force'), { binds: [`${volume}:/data`] });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'in store', () => suite.api.sessions.current.store.container(id)?.state === 'running');
    suite.api.prompts.answerNext('Force Remove');
    assert.deepEqual(await run('wharf.container.remove', id), [id]);
    assert.deepEqual(suite.api.prompts.asked[0].choices, ['Keep Container', 'Force Remove'], 'a running container offers only the explicit force');
    assert.equal(await containerState(id), undefined, 'the container is gone');
    assert.equal((await engine().getVolume(volume).inspect()).Name, volume, 'its volume is kept');
    await until(suite.api, 'the store to drop it', () => !suite.api.sessions.current.store.container(id));
  });

  it('Inspect opens a panel with the inspect data, revealed again rather than duplicated', async () => {
    const id = await makeContainer(uniqueName('insp'), { start: false, env: ['DB_PASSWORD=hunter2'] });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'in store', () => suite.api.sessions.current.store.container(id));
    await run('wharf.container.inspect', id);
    assert.ok(suite.api.inspect.isOpen('container', id));
    const message = suite.api.inspect.lastMessage('container', id);
    assert.equal(message?.type, 'show');
    assert.equal(message?.type === 'show' && (message.data as { Id: string }).Id, id);
    const tabsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await run('wharf.container.inspect', id);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, tabsBefore);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Copy ID puts the full id on the clipboard', async () => {
    const id = await makeContainer(uniqueName('copy'), { start: false });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'in store', () => suite.api.sessions.current.store.container(id));
    await run('wharf.container.copyId', id);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('Open published port builds the loopback URL of the published port', async () => {
    const port = await freePort();
    const id = await makeContainer(uniqueName('port'), { cmd: ['httpd', '-f', '-p', '80'], ports: { '80/tcp': String(port) } });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'ports in store', () => suite.api.sessions.current.store.container(id)?.ports.some((p) => p.hostPort === port));
    assert.equal(await run('wharf.container.openPort', id), `http://127.0.0.1:${port}`);
  });

  it('Tag adds a reference, Remove image removes it again', async () => {
    const reference = `${uniqueName('tag')}:v1`;
    cleanup.push(() => engine().getImage(reference).remove().catch(() => undefined));
    suite.api.prompts.answerNext(reference);
    assert.equal(await run('wharf.image.tag', TEST_IMAGE), reference);
    await until(suite.api, 'the tag in the store', () => suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    suite.api.prompts.answerNext('Remove');
    assert.deepEqual(await run('wharf.image.remove', reference), [reference]);
    await assert.rejects(engine().getImage(reference).inspect());
    assert.ok(await engine().getImage(TEST_IMAGE).inspect(), 'removing one tag keeps the image under its other tag');
  });

  it('Push then Pull through the local registry', async () => {
    // The harness always starts the registry for this tier: without it this is a failure, never a skip.
    const registry = process.env.WHARF_TEST_REGISTRY;
    assert.ok(registry, 'WHARF_TEST_REGISTRY is not set: the harness did not start the local registry');
    const reference = `${registry}/${uniqueName('push')}:1`;
    await engine().getImage(TEST_IMAGE).tag({ repo: reference.split(':').slice(0, -1).join(':'), tag: '1' });
    cleanup.push(() => engine().getImage(reference).remove().catch(() => undefined));
    await until(suite.api, 'the tag in the store', () => suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    assert.ok(await run('wharf.image.push', reference));
    await engine().getImage(reference).remove();
    assert.equal(await run('wharf.image.pull', reference), reference);
    assert.ok(await engine().getImage(reference).inspect());
  });

  it('Pull of a missing image reports the engine error and resolves without a result', async () => {
    const registry = process.env.WHARF_TEST_REGISTRY;
    assert.ok(registry, 'WHARF_TEST_REGISTRY is not set: the harness did not start the local registry');
    assert.equal(await run('wharf.image.pull', `${registry}/${uniqueName('nope')}:1`), undefined);
  });

  it('Prune lists what goes before asking, then removes only that', async () => {
    const scope = uniqueName('prune');
    const id = await makeContainer(uniqueName('dead'), { start: false, labels: { [scope]: '1' } });
    cleanup.push(() => removeQuietly(id));
    suite.api.prompts.answerNext('Prune');
    const result = await run<{ removed: string[] }>('wharf.prune', ['containers'], { labels: [scope] });
    assert.deepEqual(result.removed, [id]);
    assert.match(suite.api.prompts.asked[0].message, /Stopped containers \(1\)/);
    assert.equal(await containerState(id), undefined);
  });

  it('Prune with volumes ticked lists and removes a stopped container\'s anonymous volume; unticked, the volume is kept', async () => {
    const scope = uniqueName('prunev');
    /** A stopped container with an anonymous volume (VOLUME /data), and that volume's name. */
    const stoppedWithVolume = async (): Promise<{ id: string; name: string; volume: string }> => {
      const name = uniqueName('withvol');
      const made = await engine().createContainer({ Image: TEST_IMAGE, name, Labels: { 'wharf.test': 'host', [scope]: '1' }, Volumes: { '/data': {} } });
      const volume = (await made.inspect()).Mounts.find((m) => m.Destination === '/data')!.Name!;
      cleanup.push(() => removeQuietly(made.id), () => engine().getVolume(volume).remove().catch(() => undefined));
      return { id: made.id, name, volume };
    };
    const ticked = await stoppedWithVolume();
    suite.api.prompts.answerNext('Prune');
    const result = await run<{ removed: string[]; failed: string[] }>('wharf.prune', ['containers', 'volumes'], { labels: [scope] });
    assert.deepEqual(result.removed, [ticked.id, ticked.volume]);
    assert.deepEqual(result.failed, []);
    const shown = suite.api.prompts.asked[0].message;
    assert.match(shown, /Stopped containers \(1\)/);
    assert.match(shown, /Unused volumes \(their data is deleted\) \(1\)/);
    assert.ok(shown.includes(`${ticked.volume} (0 B) — goes with ${ticked.name}`), shown);
    await assert.rejects(engine().getVolume(ticked.volume).inspect(), 'the volume was listed, so it goes');

    const unticked = await stoppedWithVolume();
    suite.api.prompts.reset();
    suite.api.prompts.answerNext('Prune');
    const kept = await run<{ removed: string[] }>('wharf.prune', ['containers'], { labels: [scope] });
    assert.deepEqual(kept.removed, [unticked.id]);
    assert.ok(!suite.api.prompts.asked[0].message.includes(unticked.volume), 'a volume that stays was listed');
    assert.equal(await containerState(unticked.id), undefined);
    await engine().getVolume(unticked.volume).inspect(); // still there
  });

  it('Prune asks again with the new list when the engine changed between the list and the answer', async () => {
    const scope = uniqueName('prunec');
    const labels = { 'wharf.test': 'host', [scope]: '1' };
    const first = await makeContainer(uniqueName('first'), { start: false, labels });
    cleanup.push(() => removeQuietly(first));
    let late = '';
    const lateName = uniqueName('late');
    // The answer to the first confirmation comes only after another stopped container appeared.
    const createThenConfirm = async (): Promise<string> => {
      late = await makeContainer(lateName, { start: false, labels });
      cleanup.push(() => removeQuietly(late));
      return 'Prune';
    };
    suite.api.prompts.answerNext(createThenConfirm, undefined);
    assert.equal(await run('wharf.prune', ['containers'], { labels: [scope] }), undefined, 'declining the new list removes nothing');
    assert.equal(suite.api.prompts.asked.length, 2);
    assert.doesNotMatch(suite.api.prompts.asked[0].message, new RegExp(lateName));
    assert.match(suite.api.prompts.asked[1].message, /The engine changed since the list was made/);
    assert.match(suite.api.prompts.asked[1].message, new RegExp(`Stopped containers \\(2\\)[^]*${lateName}`));
    assert.ok(await containerState(first) && await containerState(late), 'a container went though the new list was declined');

    // Confirmed both times: exactly the containers of the second list go.
    const third = uniqueName('third');
    suite.api.prompts.reset();
    suite.api.prompts.answerNext(async () => {
      const id = await makeContainer(third, { start: false, labels });
      cleanup.push(() => removeQuietly(id));
      return 'Prune';
    }, 'Prune');
    const result = await run<{ removed: string[] }>('wharf.prune', ['containers'], { labels: [scope] });
    assert.equal(suite.api.prompts.asked.length, 2);
    assert.match(suite.api.prompts.asked[1].message, new RegExp(third));
    assert.equal(result.removed.length, 3);
    assert.ok(result.removed.includes(first) && result.removed.includes(late));
    for (const id of result.removed) assert.equal(await containerState(id), undefined);
  });

  it('Refresh resyncs the store with the engine', async () => {
    await run('wharf.refresh');
    const engineIds = (await engine().listContainers({ all: true })).map((c) => c.Id).sort();
    const storeIds = suite.api.sessions.current.store.containers().map((c) => c.id).sort();
    assert.deepEqual(storeIds, engineIds);
  });

  it('Volume and network commands inspect and remove (after asking)', async () => {
    const volume = uniqueName('v');
    await engine().createVolume({ Name: volume });
    const network = await engine().createNetwork({ Name: uniqueName('n') });
    cleanup.push(() => engine().getVolume(volume).remove().catch(() => undefined), () => engine().getNetwork(network.id).remove().catch(() => undefined));
    await until(suite.api, 'both in store', () => suite.api.sessions.current.store.volumes().some((v) => v.name === volume) && suite.api.sessions.current.store.networks().some((n) => n.id === network.id));
    await run('wharf.volume.inspect', volume);
    assert.ok(suite.api.inspect.isOpen('volume', volume));
    await run('wharf.network.inspect', network.id);
    assert.ok(suite.api.inspect.isOpen('network', network.id));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A container attached to the network: the confirmation names it, and declining keeps both.
    const attachedName = uniqueName('attached');
    const attached = await engine().createContainer({ Image: TEST_IMAGE, name: attachedName, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: network.id } });
    cleanup.push(() => removeQuietly(attached.id));
    await until(suite.api, 'attached container in store', () => suite.api.sessions.current.store.container(attached.id)?.networks.length === 1);
    suite.api.prompts.answerNext(undefined);
    assert.deepEqual(await run('wharf.network.remove', network.id), []);
    assert.match(suite.api.prompts.asked.at(-1)?.message ?? '', new RegExp(`Attached containers: ${attachedName}\\.`));
    await engine().getNetwork(network.id).inspect();
    await removeQuietly(attached.id);
    await until(suite.api, 'attached container gone from store', () => !suite.api.sessions.current.store.container(attached.id));
    suite.api.prompts.answerNext('Remove Volume', 'Remove');
    assert.deepEqual(await run('wharf.volume.remove', volume), [volume]);
    assert.deepEqual(await run('wharf.network.remove', network.id), [network.id]);
    assert.match(suite.api.prompts.asked.at(-1)?.message ?? '', /No container is attached to it\./);
    await assert.rejects(engine().getVolume(volume).inspect());
    await assert.rejects(engine().getNetwork(network.id).inspect());
  });

  it('Show Logs and Attach Shell open terminals named after the container', async () => {
    const name = uniqueName('term');
    const id = await makeContainer(name);
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'running in store', () => suite.api.sessions.current.store.container(id)?.state === 'running');
    const logs = await run<vscode.Terminal>('wharf.container.logs', id);
    const shell = await run<vscode.Terminal>('wharf.container.shell', id);
    try {
      const names = vscode.window.terminals.map((t) => t.name);
      assert.ok(names.includes(`Logs: ${name}`) && names.includes(`Shell: ${name}`), names.join(', '));
    } finally {
      logs?.dispose();
      shell?.dispose();
    }
  });

  it('Show/Hide Dangling Images flip the setting the Images view reads', async () => {
    try {
      await run('wharf.images.showDangling');
      assert.equal(suite.api.config.showDanglingImages, true);
      await run('wharf.images.hideDangling');
      assert.equal(suite.api.config.showDanglingImages, false);
    } finally {
      await vscode.workspace.getConfiguration('wharf').update('images.showDangling', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Retry reconnects to the engine with a fresh session', async () => {
    const before = suite.api.sessions.current;
    await run('wharf.engine.retry');
    assert.notEqual(suite.api.sessions.current, before);
    assert.equal(suite.api.sessions.current.store.connection.status, 'connected');
    await run('wharf.openSettings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('Dockerfile build', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wharf-build-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('marks the failing step\'s line with a diagnostic', async () => {
      const file = join(dir, 'Dockerfile');
      writeFileSync(file, `FROM ${TEST_IMAGE}\nRUN echo fine\nRUN false\nCMD ["true"]\n`);
      const tag = `${uniqueName('fail')}:1`;
      assert.equal(await run('wharf.dockerfile.build', vscode.Uri.file(file), undefined, tag), undefined);
      const diagnostics = buildDiagnostics(vscode.Uri.file(file));
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].range.start.line, 2, 'line 3 (RUN false)');
    });

    it('from the palette, offers the workspace\'s Dockerfiles by any of their names and case, never a .dockerignore', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the host tier opens a workspace folder');
      const sub = join(folder.uri.fsPath, uniqueName('pick'));
      mkdirSync(sub);
      cleanup.push(async () => rmSync(sub, { recursive: true, force: true }));
      const names = ['dockerfile', 'api.Containerfile', 'Containerfile.dev', 'web.dockerfile'];
      for (const name of [...names, 'Dockerfile.dockerignore']) writeFileSync(join(sub, name), `FROM ${TEST_IMAGE}\n`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      suite.api.prompts.answerNext(undefined); // look at the choices, then cancel
      assert.equal(await run('wharf.dockerfile.build'), undefined);
      const question = suite.api.prompts.asked[0];
      assert.equal(question.kind, 'quickPick');
      const offered = question.choices.filter((label) => label.includes(sub.slice(folder.uri.fsPath.length + 1)));
      assert.deepEqual(offered.map((label) => label.split('/').at(-1)).sort(), [...names].sort());
    });

    it('Build and Run builds the tag and runs it', async () => {
      const file = join(dir, 'Containerfile');
      writeFileSync(file, `FROM ${TEST_IMAGE}\nENV BUILT=yes\nCMD ["sleep", "3600"]\n`);
      const tag = `${uniqueName('built')}:1`;
      const name = uniqueName('built');
      cleanup.push(() => engine().getImage(tag).remove({ force: true }).catch(() => undefined), () => removeQuietly(name));
      runAnswers(name);
      const id = await run<string>('wharf.dockerfile.buildAndRun', vscode.Uri.file(file), undefined, tag);
      const info = await engine().getContainer(id).inspect();
      assert.equal(info.Config.Image, tag);
      assert.ok(info.Config.Env.includes('BUILT=yes'));
      assert.equal(buildDiagnostics(vscode.Uri.file(file)).length, 0);
    });
  });
});
