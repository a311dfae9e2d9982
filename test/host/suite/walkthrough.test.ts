// The "Get Started with Wharf" walkthrough on the real engine. Each step's buttons are read from
// the contributed manifest and run through vscode.commands.executeCommand with their links'
// arguments, as the Welcome page does; only the dialogs are answered (Prompts.answerNext). Each
// step must really have happened on the private dockerd (checked with an independent client), and
// its completion key must turn true then, and not after a cancel or a failure. The steps build
// on each other like the walkthrough itself: the container run in "run" is stopped, started and
// removed by the next steps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { completionKey, WALKTHROUGH_ID, WALKTHROUGH_STEPS, type WalkthroughStep } from '../../../src/ui/walkthrough';
import { engine, removeQuietly, TEST_IMAGE, uniqueName, until, wharf } from './explorerSupport';

interface ContributedStep { id: string; title: string; description: string; completionEvents?: string[] }
interface Button { label: string; command: string; args: unknown[] }

function contributedWalkthrough(): { id: string; title: string; steps: ContributedStep[] } {
  const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'wharf' && e.packageJSON?.publisher === 'wharf');
  const [walkthrough] = (extension?.packageJSON?.contributes?.walkthroughs ?? []) as { id: string; title: string; steps: ContributedStep[] }[];
  assert.ok(walkthrough, 'the Wharf extension contributes no walkthrough');
  return walkthrough;
}

/** The step's buttons: lines holding only a command link, parsed the way the Welcome page does. */
function buttons(step: WalkthroughStep): Button[] {
  const contributed = contributedWalkthrough().steps.find((s) => s.id === step);
  assert.ok(contributed, `no step ${step}`);
  return contributed.description.split('\n').flatMap((line) => {
    const match = /^\[([^\]]+)\]\(command:([\w.]+)(?:\?([^)\s]*))?\)$/.exec(line);
    if (!match) return [];
    const args = match[3] ? JSON.parse(decodeURIComponent(match[3])) as unknown : [];
    return [{ label: match[1].replace(/^\$\([\w-]+\)\s*/, ''), command: match[2], args: Array.isArray(args) ? args : [args] }];
  });
}

/** Clicks the step's button labelled `label`: its command with its link's arguments. */
function press<T = unknown>(step: WalkthroughStep, label: string): Thenable<T> {
  const button = buttons(step).find((b) => b.label === label);
  assert.ok(button, `step ${step} has no button "${label}" (it has: ${buttons(step).map((b) => b.label).join(', ')})`);
  return vscode.commands.executeCommand<T>(button.command, ...button.args);
}

describe('walkthrough: Get Started with Wharf', function () {
  this.timeout(120_000);
  let api: WharfApi;
  const docker = engine();
  const cleanup: Array<() => Promise<unknown>> = [];
  /** The container the "run" step made; the next steps act on it. */
  let ran = '';

  /** Answers for the Run flow after the image: name, ports, env, and the runtime when there are several. */
  function runAnswers(name: string): string[] {
    const connection = api.sessions.current.store.connection;
    const runtimes = connection.status === 'connected' ? connection.runtimes : [];
    return [name, '', '', ...(runtimes.length > 1 ? [runtimes.find((r) => r.isDefault)?.name ?? runtimes[0].name] : [])];
  }

  async function fileExists(id: string, path: string): Promise<boolean> {
    try {
      await docker.getContainer(id).infoArchive({ path });
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      throw err;
    }
  }

  before(async () => {
    api = await wharf();
    // Other suites ran commands in this extension host already: start from a fresh walkthrough.
    await api.walkthrough.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(() => api.prompts.reset());
  after(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  it('is contributed with six steps, each with a button to a registered command and completed by its own context key', async () => {
    const walkthrough = contributedWalkthrough();
    assert.equal(walkthrough.id, WALKTHROUGH_ID);
    assert.equal(walkthrough.title, 'Get Started with Wharf', 'the title is resolved from package.nls.json');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), [...WALKTHROUGH_STEPS]);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      assert.deepEqual(step.completionEvents, [`onContext:${completionKey(step.id as WalkthroughStep)}`], `${step.id} completes on its context key only`);
      const stepButtons = buttons(step.id as WalkthroughStep);
      assert.ok(stepButtons.length > 0, `${step.id} has no button`);
      for (const b of stepButtons) assert.ok(registered.has(b.command), `${step.id}: "${b.label}" runs ${b.command}, which is not registered`);
    }
    // The buttons' dispatcher runs only the walkthrough's own actions, whatever a link passes it.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('wharf.walkthrough.showAndRun', 'wharf.prune')), /not a walkthrough action/);
  });

  it('connect: checked once the engine is connected; its button shows the Engine view', async () => {
    assert.equal(api.sessions.current.store.connection.status, 'connected');
    assert.equal(api.walkthrough.isDone('connect'), true);
    await press('connect', 'Show the Engine');
  });

  it('run: a cancelled Run leaves the step open; Run makes a fresh running container and checks it', async () => {
    api.prompts.answerNext(undefined); // cancel the image pick
    assert.equal(await press('run', 'Run a Container'), undefined);
    assert.equal(api.walkthrough.isDone('run'), false, 'cancelling must not check the step');
    api.prompts.reset();

    const name = uniqueName('walk');
    cleanup.push(() => removeQuietly(name));
    api.prompts.answerNext(TEST_IMAGE, ...runAnswers(name));
    ran = await press<string>('run', 'Run a Container');
    assert.ok(ran, 'the button returns the new container id');
    const info = await docker.getContainer(ran).inspect();
    assert.equal(info.Name, `/${name}`);
    assert.equal(info.State.Status, 'running');
    assert.equal(info.Config.Image, TEST_IMAGE);
    assert.match(api.prompts.asked[1].message, /fresh container/, 'the Run flow says Run makes a fresh container');
    assert.equal(api.walkthrough.isDone('run'), true);
    await until(api, 'the container in the store', () => api.sessions.current.store.container(ran));
    assert.equal(api.walkthrough.runContainer, ran, 'the next steps act on this container');
  });

  it('startAgain: Stop keeps the container; Start brings back the same one with its files, and checks the step', async () => {
    assert.ok(ran, 'needs the container of the run step');
    const exec = await docker.getContainer(ran).exec({ Cmd: ['sh', '-c', 'echo hello > /note.txt'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    await new Promise((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); stream.resume(); });
    assert.ok(await fileExists(ran, '/note.txt'), 'the file was written in the container');

    assert.deepEqual(await press('startAgain', 'Stop It'), [ran]);
    assert.equal((await docker.getContainer(ran).inspect()).State.Status, 'exited');
    assert.equal(api.walkthrough.isDone('startAgain'), false, 'stopping alone does not check the step');

    assert.deepEqual(await press('startAgain', 'Start It Again'), [ran], 'Start acts on the same container');
    assert.equal((await docker.getContainer(ran).inspect()).State.Status, 'running');
    assert.ok(await fileExists(ran, '/note.txt'), 'the file written before Stop is still there');
    assert.equal(api.walkthrough.isDone('startAgain'), true);
  });

  it('remove: asks and says what is lost; Cancel keeps the container, confirming removes it; Run again gives a fresh one', async () => {
    assert.ok(ran, 'needs the container of the run step');
    // The confirmation offers what fits the state the store shows: wait until it shows Start's.
    await until(api, 'the store to see it running', () => api.sessions.current.store.container(ran)?.state === 'running');
    api.prompts.answerNext(undefined);
    assert.deepEqual(await press('remove', 'Remove It'), []);
    assert.match(api.prompts.asked[0].message, /files written inside the container outside its volumes \(its writable layer\)/);
    assert.deepEqual(api.prompts.asked[0].choices, ['Keep Container', 'Force Remove'], 'a running container is removed only by an explicit Force Remove');
    assert.equal((await docker.getContainer(ran).inspect()).Id, ran, 'Cancel keeps it');
    assert.equal(api.walkthrough.isDone('remove'), false);

    api.prompts.answerNext('Force Remove');
    assert.deepEqual(await press('remove', 'Remove It'), [ran]);
    await assert.rejects(docker.getContainer(ran).inspect(), 'the container is gone');
    assert.equal(api.walkthrough.isDone('remove'), true);

    const name = uniqueName('again');
    cleanup.push(() => removeQuietly(name));
    api.prompts.answerNext(TEST_IMAGE, ...runAnswers(name));
    const fresh = await press<string>('run', 'Run a Container');
    assert.ok(fresh && fresh !== ran, 'Run makes a new container');
    assert.equal(await fileExists(fresh, '/note.txt'), false, 'the new container does not have the removed one\'s file');
  });

  it('build: builds the workspace Dockerfile (not on Cancel), and the new tag expands into its layers', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.prompts.answerNext('Dockerfile', undefined); // pick the Dockerfile, then cancel the tag
    assert.equal(await press('build', 'Build an Image'), undefined);
    assert.equal(api.walkthrough.isDone('build'), false);

    const repository = uniqueName('walkbuild');
    const tag = `${repository}:1`;
    cleanup.push(() => docker.getImage(tag).remove({ force: true }).catch(() => undefined));
    api.prompts.answerNext('Dockerfile', tag);
    assert.equal(await press('build', 'Build an Image'), tag);
    assert.ok(await docker.getImage(tag).inspect(), 'the engine has the built image');
    assert.equal(api.walkthrough.isDone('build'), true);

    await press('build', 'Show the Images');
    const repositoryRow = await until(api, 'the repository row', async () => (await api.views.images.getChildren()).find((n) => n.type === 'repository' && n.repository === repository));
    const tagRow = (await api.views.images.getChildren(repositoryRow)).find((n) => n.type === 'imageTag' && n.reference === tag);
    assert.ok(tagRow, 'the tag row');
    const layers = await api.views.images.getChildren(tagRow);
    assert.ok(layers.some((l) => l.type === 'layer' && /COPY .*hello\.txt/.test(l.layer.createdBy)), 'the Dockerfile\'s COPY is a layer of its own');
    assert.ok(layers.length >= 3, `the base image's layers are below it (${layers.length} layers)`);
  });

  it('registry: a failed pull leaves the step open; push and pull through the local registry check it; Run pulls what is not local', async () => {
    const registry = process.env.WHARF_TEST_REGISTRY;
    assert.ok(registry, 'WHARF_TEST_REGISTRY is not set: the harness did not start the local registry');
    api.prompts.answerNext(`${registry}/${uniqueName('absent')}:1`);
    assert.equal(await press('registry', 'Pull an Image'), undefined);
    assert.equal(api.walkthrough.isDone('registry'), false, 'a pull the registry refused does not check the step');

    const repository = `${registry}/${uniqueName('walkpush')}`;
    const reference = `${repository}:1`;
    cleanup.push(() => docker.getImage(reference).remove({ force: true }).catch(() => undefined));
    api.prompts.answerNext(TEST_IMAGE, reference);
    assert.equal(await press('registry', 'Tag an Image'), reference);
    await until(api, 'the new tag in the store', () => api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    assert.equal(api.walkthrough.isDone('registry'), false, 'tagging alone moves nothing through a registry');

    api.prompts.answerNext(reference);
    assert.ok(await press('registry', 'Push an Image'), 'the push returns the digest');
    assert.equal(api.walkthrough.isDone('registry'), true);
    const tags = await (await fetch(`http://${repository.replace(registry, `${registry}/v2`)}/tags/list`)).json() as { tags: string[] };
    assert.deepEqual(tags.tags, ['1'], 'the registry holds the pushed tag');

    await docker.getImage(reference).remove();
    api.prompts.answerNext(reference);
    assert.equal(await press('registry', 'Pull an Image'), reference);
    assert.ok(await docker.getImage(reference).inspect(), 'pulled back');

    // Run's lesson: an image that is not on the engine is pulled first.
    await docker.getImage(reference).remove();
    const name = uniqueName('pulled');
    cleanup.push(() => removeQuietly(name));
    api.prompts.answerNext(...runAnswers(name));
    const id = await vscode.commands.executeCommand<string>('wharf.walkthrough.run', reference);
    assert.ok(id, 'Run of an image only in the registry makes a container');
    assert.equal((await docker.getContainer(id).inspect()).Config.Image, reference);
    assert.ok(await docker.getImage(reference).inspect(), 'Run pulled the image');
  });
});
