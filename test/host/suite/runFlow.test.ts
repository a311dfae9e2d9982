// The Run flow on the real engine: each answer checked at its own step (a name in use, a bad or
// taken port), Back keeping what was typed, the environment read like a shell down to the created
// container's Config.Env, the engine's default runtime first and pre-selected, a reference that is
// not local pulled from the local registry, and the new row revealed and selected afterwards with
// its logs and port offered. Only the dialogs are answered (Prompts.answerNext); the rest is real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BACK, type AskedQuestion } from '../../../src/ui/prompts';
import { engine, freePort, makeContainer, removeQuietly, TEST_IMAGE, uniqueName, until, engineSuite } from './explorerSupport';
import { waitFor } from '../../engine/waitFor';

describe('Run flow on the real engine', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;

  const runtimes = (): string[] => {
    const connection = suite.api.sessions.current.store.connection;
    return connection.status === 'connected' ? connection.runtimes.map((r) => r.name) : [];
  };
  /** The runtime step's answer when the engine offers a choice: keep the pre-selected one. */
  const keepRuntime = (): Array<(q: AskedQuestion) => string | undefined> => (runtimes().length > 1 ? [(q) => q.active] : []);
  const asked = (pattern: RegExp): AskedQuestion[] => suite.api.prompts.asked.filter((q) => pattern.test(q.message));

  it('catches a name in use and bad ports at their own step, with the step counter', async () => {
    const existing = uniqueName('taken');
    cleanup.push(() => removeQuietly(existing));
    await makeContainer(existing, { start: false });
    await until(suite.api, 'the existing container in the store', () => suite.api.sessions.current.store.containers().some((c) => c.name === existing));
    const port = await freePort();
    const name = uniqueName('runv');
    cleanup.push(() => removeQuietly(name));
    suite.api.prompts.answerNext(existing, name, '80:abc', '70000:80', `127.0.0.1:${port}:80`, '', ...keepRuntime());
    const id = await run<string>('wharf.image.run', TEST_IMAGE);
    assert.ok(id);

    const [nameStep] = asked(/Container name/);
    const [portStep] = asked(/Published ports/);
    const total = runtimes().length > 1 ? 4 : 3;
    assert.deepEqual([nameStep.step, nameStep.totalSteps, portStep.step, portStep.totalSteps], [1, total, 2, total]);
    assert.equal(nameStep.problems?.length, 1);
    assert.match(nameStep.problems![0], new RegExp(`A container named ${existing} exists already`));
    assert.deepEqual(portStep.problems?.map((p) => p.replace(/:.*/s, '')), ['"80', '"70000'], `the port step said: ${JSON.stringify(portStep.problems)}`);
    assert.match(portStep.problems![0], /is not a port mapping/);
    assert.match(portStep.problems![1], /ports are 1–65535/);
    assert.equal(suite.api.prompts.asked.indexOf(portStep), suite.api.prompts.asked.indexOf(nameStep) + 1, 'each problem was fixed before the next step was asked');
    const info = await engine().getContainer(id).inspect();
    assert.equal(info.Name, `/${name}`);
    assert.deepEqual(info.HostConfig.PortBindings['80/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(port) }]);
  });

  it('catches a host port another running container publishes, at the port step', async () => {
    const port = await freePort();
    const holder = uniqueName('holder');
    cleanup.push(() => removeQuietly(holder));
    await makeContainer(holder, { ports: { '80/tcp': String(port) } });
    await until(suite.api, 'the published port in the store', () => suite.api.sessions.current.store.containers().some((c) => c.name === holder && c.ports.some((p) => p.hostPort === port)));
    suite.api.prompts.answerNext('', `${port}:80`, undefined);
    assert.equal(await run('wharf.image.run', TEST_IMAGE), undefined, 'cancelled at the port step');
    const [portStep] = asked(/Published ports/);
    assert.match(portStep.problems?.[0] ?? '', new RegExp(`Host port ${port} is already published by ${holder}`));
  });

  it('goes Back keeping what was typed, and runs what was finally answered', async () => {
    const port = await freePort();
    const first = uniqueName('back');
    const name = uniqueName('back');
    cleanup.push(() => removeQuietly(first), () => removeQuietly(name));
    const keep = (q: AskedQuestion): string | undefined => q.value;
    suite.api.prompts.answerNext(
      first, `127.0.0.1:${port}:80`, BACK, // at the env step: back to the ports
      BACK, // at the ports (showing what was typed): back to the name
      name, keep, 'MODE=back', ...keepRuntime(), // a new name; the ports as they were
    );
    const id = await run<string>('wharf.image.run', TEST_IMAGE);
    const names = asked(/Container name/);
    const ports = asked(/Published ports/);
    assert.deepEqual(names.map((q) => q.value), ['', first], 'the name step came back with the name typed');
    assert.deepEqual(ports.map((q) => q.value), ['', `127.0.0.1:${port}:80`, `127.0.0.1:${port}:80`], 'the ports typed survived going back twice');
    assert.equal(asked(/Environment/).length, 2);
    const info = await engine().getContainer(id).inspect();
    assert.equal(info.Name, `/${name}`);
    assert.deepEqual(info.HostConfig.PortBindings['80/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    assert.ok(info.Config.Env.includes('MODE=back'));
  });

  it('reads the environment like a shell, down to the container\'s Config.Env', async () => {
    const name = uniqueName('env');
    cleanup.push(() => removeQuietly(name));
    // The extension host's own environment is what a bare name reads (this test runs in it).
    process.env.WHARF_TEST_FROM_HOST = 'host value with spaces';
    delete process.env.WHARF_TEST_UNSET;
    try {
      suite.api.prompts.answerNext(name, '', 'BROKEN="open', 'P=$PATH', `GREETING="hello world" API_TOKEN=s3cret WHARF_TEST_UNSET WHARF_TEST_FROM_HOST QUOTE='it''s' ESC=a\\ b`, ...keepRuntime());
      const id = await run<string>('wharf.image.run', TEST_IMAGE);
      const [envStep] = asked(/Environment/);
      assert.equal(envStep.problems?.length, 3, JSON.stringify(envStep.problems));
      assert.match(envStep.problems![0], /The quote " at character 8 is never closed/);
      assert.match(envStep.problems![1], /does not expand \$/);
      assert.match(envStep.problems![2], /^Sets GREETING="hello world", API_TOKEN="•+", WHARF_TEST_FROM_HOST \(this machine's value\)/, 'the accepted line previewed, the secret masked');
      assert.match(envStep.problems![2], /Not set on this machine, so left out: WHARF_TEST_UNSET/);
      const env = (await engine().getContainer(id).inspect()).Config.Env;
      for (const entry of ['GREETING=hello world', 'API_TOKEN=s3cret', 'WHARF_TEST_FROM_HOST=host value with spaces', 'QUOTE=its', 'ESC=a b']) assert.ok(env.includes(entry), `${entry} in ${JSON.stringify(env)}`);
      assert.ok(!env.some((e) => e.startsWith('WHARF_TEST_UNSET')), 'a bare name the host does not set is left out');
    } finally {
      delete process.env.WHARF_TEST_FROM_HOST;
    }
  });

  it('offers the engine\'s default runtime first and pre-selected', async () => {
    const connection = suite.api.sessions.current.store.connection;
    assert.equal(connection.status, 'connected');
    const defaultRuntime = connection.status === 'connected' ? connection.defaultRuntime : undefined;
    assert.ok(defaultRuntime, 'the engine names its default runtime in /info');
    // dockerd 20.10 lists runc and containerd's shims: the runtime step is always asked here.
    assert.ok(runtimes().length > 1, `the test engine offers several runtimes: ${runtimes().join(', ')}`);
    suite.api.prompts.answerNext('', '', '', undefined);
    assert.equal(await run('wharf.image.run', TEST_IMAGE), undefined);
    const [runtimeStep] = asked(/OCI runtime/);
    assert.equal(runtimeStep.choices[0], defaultRuntime);
    assert.equal(runtimeStep.active, defaultRuntime);
    assert.deepEqual([runtimeStep.step, runtimeStep.totalSteps], [4, 4]);
  });

  it('runs a reference that is not local, pulled from the local registry', async () => {
    const registry = process.env.WHARF_TEST_REGISTRY;
    assert.ok(registry, 'WHARF_TEST_REGISTRY is not set: the harness did not start the local registry');
    const repository = `${registry}/${uniqueName('remote')}`;
    const reference = `${repository}:1`;
    const docker = engine();
    await docker.getImage(TEST_IMAGE).tag({ repo: repository, tag: '1' });
    const pushed = await docker.getImage(reference).push({ authconfig: { serveraddress: registry } });
    await new Promise((resolve, reject) => docker.modem.followProgress(pushed, (err) => (err ? reject(err) : resolve(undefined))));
    await docker.getImage(reference).remove();
    cleanup.push(() => docker.getImage(reference).remove({ force: true }).catch(() => undefined));
    await until(suite.api, 'the tag gone from the store', () => !suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    const name = uniqueName('pulled');
    cleanup.push(() => removeQuietly(name));

    suite.api.prompts.answerNext('not a reference!', reference, name, '', '', ...keepRuntime());
    const id = await run<string>('wharf.image.run');
    const [imageStep] = asked(/Image to run/);
    assert.ok(!imageStep.choices.includes(reference), 'the reference was not among the local images');
    assert.equal(imageStep.problems?.length, 1);
    assert.match(imageStep.problems![0], /Not an image reference/);
    assert.deepEqual([imageStep.step, imageStep.totalSteps], [1, runtimes().length > 1 ? 5 : 4]);
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.Config.Image, reference);
    assert.equal(info.State.Status, 'running');
    assert.ok(await docker.getImage(reference).inspect(), 'the image was pulled');
  });

  it('reveals and selects the new row, and offers its logs and its port', async () => {
    const port = await freePort();
    const name = uniqueName('shown');
    cleanup.push(() => removeQuietly(name));
    suite.api.prompts.answerNext(name, `127.0.0.1:${port}:80`, '', ...keepRuntime());
    suite.api.prompts.answerNextNotification('Show Logs');
    const terminalsBefore = vscode.window.terminals.length;
    const id = await run<string>('wharf.image.run', TEST_IMAGE);
    const selected = await waitFor('the new row selected', () => {
      const selection = suite.api.views.containersView.selection;
      return selection.length === 1 && selection[0].type === 'container' && selection[0].id === id && selection;
    }, { wake: (resume) => suite.api.views.containersView.onDidChangeSelection(resume) });
    assert.ok(selected);
    assert.equal(suite.api.views.containersView.visible, true, 'the Containers view is shown');
    const [offer] = suite.api.prompts.asked.filter((q) => q.kind === 'info');
    assert.equal(offer.message, `${name} is running.`);
    assert.deepEqual(offer.choices, ['Show Logs', 'Open in Browser'], 'a published port adds Open in Browser');
    const logs = await waitFor('the logs terminal', () => vscode.window.terminals.length > terminalsBefore && vscode.window.terminals.find((t) => t.name.includes(name)), { wake: (resume) => vscode.window.onDidOpenTerminal(resume) });
    logs.dispose();
  });
});
