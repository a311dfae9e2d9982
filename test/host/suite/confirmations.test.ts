// The destructive commands' confirmations, word for word, against the real engine: what each
// says is lost, the buttons in the order the dialog gets them (the first is the one VS Code
// focuses, so it is always the one that keeps everything), and that the answer removes exactly
// what was listed. Only the dialog is answered by the test hook; every effect is checked through
// an independent dockerode client. The real dialog, its focus and Enter are in
// test/e2e/installed/confirmations.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatSize } from '../../../src/ui/display/format';
import { askHostKey } from '../../../src/ui/hostKeyPrompt';
import { Prompts } from '../../../src/ui/prompts';
import { containerState, engine, makeContainer, removeQuietly, TEST_IMAGE, uniqueName, until, engineSuite } from './explorerSupport';

const LOST = 'Lost for good: the files written inside the container outside its volumes (its writable layer), its logs, and its settings (name, ports, environment).';

describe('confirmations of destructive commands', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;
  const asked = (): { message: string; choices: string[] } => {
    const question = suite.api.prompts.asked.find((q) => q.kind === 'warning');
    assert.ok(question, `no confirmation was asked: ${JSON.stringify(suite.api.prompts.asked)}`);
    return question;
  };

  it('Remove of a stopped container says its writable layer, logs and settings are lost and which volumes stay; Keep Container is first', async () => {
    const name = uniqueName('rmstop');
    const volume = uniqueName('named');
    await engine().createVolume({ Name: volume });
    const made = await engine().createContainer({ Image: TEST_IMAGE, name, Labels: { 'wharf.test': 'host' }, Volumes: { '/anon': {} }, HostConfig: { Binds: [`${volume}:/data`] } });
    const anonymous = (await made.inspect()).Mounts.find((m) => m.Destination === '/anon')?.Name ?? '';
    cleanup.push(() => removeQuietly(made.id), () => engine().getVolume(volume).remove().catch(() => undefined), () => engine().getVolume(anonymous).remove().catch(() => undefined));
    const listed = await until(suite.api, 'both mounts in the store', () => { const c = suite.api.sessions.current.store.container(made.id); return c && c.mounts.length === 2 ? c : undefined; });
    const volumes = listed.mounts.map((m) => (m.name === anonymous ? `${anonymous.slice(0, 12)}… (anonymous)` : m.name)).join(', ');

    suite.api.prompts.answerNext('Keep Container');
    assert.deepEqual(await run('wharf.container.remove', made.id), []);
    assert.equal(asked().message, [
      `Remove container ${name}?`,
      `• ${name} (created, ${TEST_IMAGE})`,
      '',
      LOST,
      '',
      `Kept: the volumes ${volumes}. Anonymous ones are left unused, and a volume prune deletes them.`,
    ].join('\n'));
    assert.ok(volumes.includes(volume) && /^[0-9a-f]{64}$/.test(anonymous), volumes);
    assert.deepEqual(asked().choices, ['Keep Container', 'Remove']);
    assert.ok(await containerState(made.id), 'Keep Container keeps it');

    suite.api.prompts.reset();
    suite.api.prompts.answerNext('Remove');
    assert.deepEqual(await run('wharf.container.remove', made.id), [made.id]);
    assert.equal(await containerState(made.id), undefined);
    await engine().getVolume(volume).inspect();
    await engine().getVolume(anonymous).inspect();
  });

  it('Remove of a stopped and a running container offers Remove Stopped Only and Force Remove behind Keep Containers', async () => {
    const stoppedName = uniqueName('rmmix-stopped');
    const runningName = uniqueName('rmmix-running');
    const stopped = await makeContainer(stoppedName, { start: false });
    const running = await makeContainer(runningName, { cmd: ['sleep', '3600'] });
    cleanup.push(() => removeQuietly(stopped), () => removeQuietly(running));
    await until(suite.api, 'both in the store', () => suite.api.sessions.current.store.container(stopped) && suite.api.sessions.current.store.container(running)?.state === 'running');

    suite.api.prompts.answerNext('Remove Stopped Only');
    assert.deepEqual(await run('wharf.container.remove', stopped, [stopped, running]), [stopped]);
    assert.equal(asked().message, [
      'Remove 2 containers?',
      `• ${stoppedName} (created, ${TEST_IMAGE})\n• ${runningName} (running, ${TEST_IMAGE})`,
      '',
      LOST,
      '',
      `Running or paused: ${runningName}. Only Force Remove removes them: it kills their processes at once (no clean shutdown; work held in memory is lost).`,
    ].join('\n'));
    assert.deepEqual(asked().choices, ['Keep Containers', 'Remove Stopped Only', 'Force Remove']);
    assert.equal(await containerState(stopped), undefined);
    assert.equal((await containerState(running))?.status, 'running', 'the running one was not listed for removal by that answer');
  });

  it('Kill says what is lost and what is kept; Keep Running is first and sends nothing', async () => {
    const name = uniqueName('kill');
    const id = await makeContainer(name, { cmd: ['sleep', '3600'] });
    cleanup.push(() => removeQuietly(id));
    await until(suite.api, 'running in the store', () => suite.api.sessions.current.store.container(id)?.state === 'running');
    suite.api.prompts.answerNext('SIGKILL', 'Keep Running');
    assert.deepEqual(await run('wharf.container.kill', id), []);
    assert.equal(asked().message, `Send SIGKILL to ${name}?\nThe processes stop at once, with no chance to finish or save: work held in memory is lost. The container and its files are kept; Start brings it back.`);
    assert.deepEqual(asked().choices, ['Keep Running', 'Send SIGKILL']);
    assert.equal((await containerState(id))?.status, 'running');
  });

  it('Remove Image names the containers that use it and removes them first only when asked to', async () => {
    // An image of its own (a commit), so that the tag removed is its last name.
    const base = await makeContainer(uniqueName('imgbase'), { start: false });
    cleanup.push(() => removeQuietly(base));
    const repo = uniqueName('users');
    const reference = `${repo}:1`;
    await engine().getContainer(base).commit({ repo, tag: '1' });
    cleanup.push(() => engine().getImage(reference).remove({ force: true }).catch(() => undefined));
    const runningName = uniqueName('user-running');
    const createdName = uniqueName('user-created');
    const runningUser = (await engine().createContainer({ Image: reference, name: runningName, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'host' } }));
    await runningUser.start();
    const createdUser = (await engine().createContainer({ Image: reference, name: createdName, Labels: { 'wharf.test': 'host' } }));
    cleanup.push(() => removeQuietly(runningUser.id), () => removeQuietly(createdUser.id));
    const image = await until(suite.api, 'the image and its users in the store', () => {
      const store = suite.api.sessions.current.store;
      const found = store.images().find((i) => i.repoTags.includes(reference));
      return found && store.container(runningUser.id)?.state === 'running' && store.container(createdUser.id) ? found : undefined;
    });
    const users = suite.api.sessions.current.store.containers().filter((c) => c.imageId === image.id).map((c) => `${c.name} (${c.state})`);
    const names = suite.api.sessions.current.store.containers().filter((c) => c.imageId === image.id).map((c) => c.name);
    assert.deepEqual([...names].sort(), [createdName, runningName].sort());

    suite.api.prompts.answerNext('Keep Image');
    assert.deepEqual(await run('wharf.image.remove', reference), []);
    assert.equal(asked().message, [
      `Remove image ${reference}?`,
      `${reference}: the image (${formatSize(image.size)}) is deleted, with the layers no other image shares. Used by: ${users.join(', ')}.`,
      '',
      `The engine refuses to delete an image a container uses. Remove Containers, Then Image removes ${names.join(', ')} first: the files they wrote outside volumes, their logs and settings are lost, and running ones are killed. Their volumes are kept.`,
    ].join('\n'));
    assert.deepEqual(asked().choices, ['Keep Image', 'Remove Containers, Then Image']);
    assert.ok(await containerState(runningUser.id) && await containerState(createdUser.id) && await engine().getImage(reference).inspect(), 'Keep Image keeps all');

    suite.api.prompts.reset();
    suite.api.prompts.answerNext('Remove Containers, Then Image');
    assert.deepEqual(await run('wharf.image.remove', reference), [reference]);
    assert.equal(await containerState(runningUser.id), undefined);
    assert.equal(await containerState(createdUser.id), undefined);
    await assert.rejects(engine().getImage(reference).inspect());
  });

  it('Remove Image of a tag the image shares says only the name goes', async () => {
    const reference = `${uniqueName('alias')}:v1`;
    await engine().getImage(TEST_IMAGE).tag({ repo: reference.split(':')[0], tag: 'v1' });
    cleanup.push(() => engine().getImage(reference).remove().catch(() => undefined));
    await until(suite.api, 'the tag in the store', () => suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    suite.api.prompts.answerNext('Remove');
    assert.deepEqual(await run('wharf.image.remove', reference), [reference]);
    const [question, detail] = asked().message.split('\n');
    assert.equal(question, `Remove image ${reference}?`);
    assert.match(detail, new RegExp(`^${reference.replace(/\./g, '\\.')}: only this name goes; the image stays as (?:.+, )?${TEST_IMAGE}(?:, .+)?\\.$`));
    assert.deepEqual(asked().choices, ['Keep Image', 'Remove']);
    await engine().getImage(TEST_IMAGE).inspect();
  });

  it('Prune lists each object with its size and the total; Keep All is first and removes nothing', async () => {
    const scope = uniqueName('prunesize');
    const labels = { [scope]: '1' };
    const idle = await makeContainer(`${scope}-idle`, { start: false, labels });
    // One that ran and wrote 200 kB into its writable layer and 300 kB into its anonymous volume.
    const writer = await engine().createContainer({ Image: TEST_IMAGE, name: `${scope}-writer`, Labels: { 'wharf.test': 'host', ...labels }, Volumes: { '/data': {} }, Cmd: ['sh', '-c', 'head -c 200000 /dev/zero > /layer && head -c 300000 /dev/zero > /data/volume'] });
    const volume = (await writer.inspect()).Mounts.find((m) => m.Destination === '/data')?.Name ?? '';
    cleanup.push(() => removeQuietly(idle), () => removeQuietly(writer.id), () => engine().getVolume(volume).remove().catch(() => undefined));
    await writer.start();
    assert.equal((await writer.wait() as { StatusCode: number }).StatusCode, 0);

    suite.api.prompts.answerNext('Keep All');
    assert.equal(await run('wharf.prune', ['containers', 'volumes'], { labels: [scope] }), undefined);
    const { message, choices } = asked();
    assert.deepEqual(choices, ['Keep All', 'Prune']);
    const lines = message.split('\n');
    assert.equal(lines[0], 'Remove these objects?');
    assert.equal(lines[1], 'Stopped containers (2):');
    assert.ok(lines.includes(`  • ${scope}-idle (${TEST_IMAGE}, Created, 0 B)`), message);
    assert.ok(lines.some((l) => new RegExp(`^  • ${scope}-writer \\(${TEST_IMAGE}, Exited \\(0\\) .+, 20\\d kB\\)$`).test(l)), `the writer with its layer's size:\n${message}`);
    assert.ok(lines.includes('Unused volumes (their data is deleted) (1):'), message);
    assert.ok(lines.some((l) => new RegExp(`^  • ${volume} \\(30\\d kB\\) — goes with ${scope}-writer$`).test(l)), `the volume with its size:\n${message}`);
    assert.match(lines.at(-1) ?? '', /^Space reclaimed: up to 50\d kB$/);
    assert.ok(await containerState(idle) && await containerState(writer.id), 'Keep All removed something');
    await engine().getVolume(volume).inspect();
  });

  it('Prune of more than ten objects says how many and how large, opens every one in an editor, and asks there', async () => {
    const scope = uniqueName('prunemany');
    const names = Array.from({ length: 12 }, (_, i) => `${scope}-${String(i).padStart(2, '0')}`);
    const ids: string[] = [];
    for (const name of names) ids.push(await makeContainer(name, { start: false, labels: { [scope]: '1' } }));
    cleanup.push(...ids.map((id) => () => removeQuietly(id)));

    suite.api.prompts.answerNext('Keep All');
    assert.equal(await run('wharf.prune', ['containers'], { labels: [scope] }), undefined);
    assert.equal(asked().message, 'Remove these objects?\nStopped containers: 12 (0 B)\n\nSpace reclaimed: up to 0 B\n\nThat is more than 10 objects: Show Full List opens every one of them, with its size, in an editor, and asks there.');
    assert.deepEqual(asked().choices, ['Keep All', 'Show Full List…']);
    for (const id of ids) assert.ok(await containerState(id), 'Keep All removed something');

    suite.api.prompts.reset();
    let listed = '';
    suite.api.prompts.answerNext('Show Full List…');
    suite.api.prompts.answerNextNotification(() => {
      // Asked while the list is open in the editor: what the user reads there.
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'wharf-prune');
      listed = document.getText();
      return 'Prune';
    });
    const result = await run<{ removed: string[] }>('wharf.prune', ['containers'], { labels: [scope] });
    assert.equal(listed.split('\n')[2], 'Stopped containers (12):');
    for (const name of names) assert.ok(listed.includes(`  • ${name} (${TEST_IMAGE}, Created, 0 B)\n`), `${name} is listed with its size:\n${listed}`);
    const question = suite.api.prompts.asked.find((q) => q.kind === 'info');
    assert.deepEqual(question, { kind: 'info', message: 'Prune the 12 objects listed in the editor, reclaiming up to 0 B?', choices: ['Keep All', 'Prune'] });
    assert.deepEqual([...result.removed].sort(), [...ids].sort());
    for (const id of ids) assert.equal(await containerState(id), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Remove Volume names the containers that mount it; Keep Volume is first', async () => {
    const volume = uniqueName('vol');
    await engine().createVolume({ Name: volume });
    const userName = uniqueName('mounter');
    const user = await makeContainer(userName, { start: false, binds: [`${volume}:/data`] });
    cleanup.push(() => removeQuietly(user), () => engine().getVolume(volume).remove().catch(() => undefined));
    await until(suite.api, 'the volume and its user in the store', () => suite.api.sessions.current.store.volumes().some((v) => v.name === volume) && suite.api.sessions.current.store.container(user)?.mounts.length === 1);
    suite.api.prompts.answerNext('Keep Volume');
    assert.deepEqual(await run('wharf.volume.remove', volume), []);
    assert.equal(asked().message, `Remove volume ${volume}?\nThe data stored in the volume is deleted for good.\n\nMounted by: ${userName} (created). The engine refuses to delete a volume a container uses, running or not.`);
    assert.deepEqual(asked().choices, ['Keep Volume', 'Remove Volume']);
    await engine().getVolume(volume).inspect();
  });

  it('an ssh engine\'s unknown host key: Don\'t Connect is first, so Enter alone never trusts it', async () => {
    const prompts = new Prompts(true);
    const ask = askHostKey(prompts);
    const question = { host: '127.0.0.1', port: 2222, name: '[127.0.0.1]:2222', keyType: 'ssh-ed25519', fingerprint: 'SHA256:3q2+7w', otherTypes: [], knownHostsFile: '/home/u/.ssh/known_hosts' };
    // Enter takes the first button, the one the dialog focuses.
    prompts.answerNext((q) => q.choices[0]);
    assert.equal(await ask(question), false, 'the first button does not trust the key');
    assert.deepEqual(prompts.asked[0].choices, ['Don\'t Connect', 'Trust and Connect']);
    assert.match(prompts.asked[0].message, /^The authenticity of the engine host \[127\.0\.0\.1\]:2222 can't be established\.\nIts ED25519 key fingerprint is SHA256:3q2\+7w\./);
    prompts.answerNext('Trust and Connect');
    assert.equal(await ask(question), true, 'trusted only when chosen');
  });
});
