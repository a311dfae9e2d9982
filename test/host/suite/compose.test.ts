// Every Compose command run through vscode.commands.executeCommand inside a real VS Code, against
// the private dockerd, with Debian's docker-compose (v1) doing the work. The project's files live
// in the workspace; its images come from the local registry (so Pull really pulls). Dialogs are
// answered by the test hook; every effect is checked on the engine through a raw client.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { ComposeOutcome } from '../../../src/ui/composeCommands';
import type { ProjectLogsView } from '../../../src/ui/composeTerminals';
import type { WharfApi } from '../../../src/extension';
import type { ContainerTreeNode, ProjectNode, ServiceNode } from '../../../src/ui/tree/containersTree';
import { waitFor } from '../../engine/waitFor';
import { engine, TEST_IMAGE, until, wharf } from './explorerSupport';

const run = <T>(command: string, ...args: unknown[]): Thenable<T> => vscode.commands.executeCommand<T>(command, ...args);

function composeFile(image: string): string {
  const service = (name: string, extra: string): string => `  ${name}:\n    image: ${image}\n    command: ["sh", "-c", "trap 'exit 0' TERM; echo ${name} ready; sleep 3600 & wait"]\n${extra}`;
  return [
    'services:',
    service('db', '    volumes: [data:/data]\n'),
    service('web', '    depends_on: [db]\n'),
    service('tools', '    profiles: [debug]\n'),
    'volumes:', '  data: {}', '',
  ].join('\n');
}

describe('compose commands on the real engine (docker-compose v1)', function () {
  let api: WharfApi;
  let folder: string;
  let name: string;
  let image: string;
  const docker = (): Docker => engine();

  const containers = async (): Promise<Docker.ContainerInfo[]> =>
    docker().listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${name}`] }) });
  const states = async (): Promise<string[]> => (await containers()).map((c) => `${c.Labels['com.docker.compose.service']}:${c.State}`).sort();
  const volumeExists = async (): Promise<boolean> => ((await docker().listVolumes()).Volumes ?? []).some((v) => v.Name === `${name}_data`);
  const projectNode = (): ProjectNode | undefined => api.views.containers.getChildren().find((n): n is ProjectNode => n.type === 'project' && n.project === name);
  const serviceNode = (service: string): ServiceNode | undefined => {
    const project = projectNode();
    return project ? api.views.containers.getChildren(project).find((n): n is ServiceNode => n.type === 'service' && n.service === service) : undefined;
  };
  const ok = (outcome: ComposeOutcome | undefined): ComposeOutcome => {
    assert.ok(outcome, 'the command ran Compose');
    assert.equal(outcome.exitCode, 0, outcome.output);
    return outcome;
  };
  const inStore = (expected: string[]): Promise<true> => until(api, `the store to show ${expected.join(' ')}`, () => {
    const seen = api.sessions.current.store.containers().filter((c) => c.composeProject === name).map((c) => `${c.labels['com.docker.compose.service']}:${c.state}`).sort();
    return JSON.stringify(seen) === JSON.stringify(expected) || undefined;
  });

  before(async () => {
    api = await wharf();
    const registry = process.env.WHARF_TEST_REGISTRY;
    assert.ok(registry, 'WHARF_TEST_REGISTRY is not set: the harness starts the local registry for this tier');
    const suffix = Math.random().toString(36).slice(2, 8);
    // Pushed to the local registry and removed here, so that Compose Pull has something to fetch.
    image = `${registry}/wharf-compose-${suffix}:1`;
    await docker().getImage(TEST_IMAGE).tag({ repo: image.slice(0, image.lastIndexOf(':')), tag: '1' });
    // An empty auth header: the engine refuses a push without one, and the local registry needs none.
    const push = await docker().getImage(image).push({ authconfig: { serveraddress: registry } });
    await new Promise<void>((resolve, reject) => docker().modem.followProgress(push, (err: Error | null, out: { error?: string }[]) => (err || out.some((m) => m.error) ? reject(err ?? new Error(JSON.stringify(out))) : resolve())));
    await docker().getImage(image).remove();
    const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    folder = join(workspace, `Compose.Host-${suffix}`);
    name = `composehost-${suffix}`;
    // Through VS Code's file system, as a user creating the files in the editor would.
    const write = (file: string, text: string): Thenable<void> => vscode.workspace.fs.writeFile(vscode.Uri.file(join(folder, file)), Buffer.from(text));
    await write('compose.prod.yaml', 'services:\n  web:\n    environment: ["GREETING=${GREETING}"]\n');
    await write('prod.env', 'GREETING=from the env file\n');
    await write('compose.yaml', composeFile(image));
    await until(api, 'the project found in the workspace', () => api.compose.project(name));
  });

  afterEach(() => api.prompts.reset());

  after(async () => {
    for (const c of await containers().catch(() => [])) await docker().getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    await docker().getVolume(`${name}_data`).remove().catch(() => undefined);
    await docker().getNetwork(`${name}_default`).remove().catch(() => undefined);
    await docker().getImage(image).remove().catch(() => undefined);
    // Through VS Code's file system, so the project leaves the tree of the suites that follow.
    if (folder) await vscode.workspace.fs.delete(vscode.Uri.file(folder), { recursive: true });
    await until(api, 'the project gone from the workspace', () => !api.compose.project(name));
    await vscode.commands.executeCommand('workbench.action.terminal.killAll');
  });

  it('a project whose files are in the workspace shows before any container exists, with the services its files define', async () => {
    const project = await until(api, 'the project row', () => projectNode());
    const item = api.views.containers.getTreeItem(project);
    assert.match(String(item.description), /^no containers · /);
    assert.equal(item.contextValue, 'composeProject files');
    const services = api.views.containers.getChildren(project).map((n) => n.type === 'service' && n.service);
    assert.deepEqual(services, ['db', 'tools', 'web']);
    assert.equal(api.views.containers.getTreeItem(serviceNode('web')!).description, 'not created');
  });

  it('Pull fetches the project\'s images through Compose', async () => {
    const outcome = ok(await run<ComposeOutcome>('wharf.compose.pull', projectNode()));
    assert.deepEqual(outcome.args.slice(0, 4), ['-p', name, '-f', join(folder, 'compose.yaml')]);
    assert.ok(await docker().getImage(image).inspect(), 'the image is on the engine after Pull');
  });

  it('Up from the Explorer on the base file, the override and an env file passes them all (-f, -f, --env-file)', async () => {
    const [base, prod, env] = ['compose.yaml', 'compose.prod.yaml', 'prod.env'].map((f) => vscode.Uri.file(join(folder, f)));
    const outcome = ok(await run<ComposeOutcome>('wharf.compose.up', prod, [prod, base, env]));
    assert.deepEqual(outcome.args.slice(0, 8), ['-p', name, '-f', base.fsPath, '-f', prod.fsPath, '--env-file', env.fsPath]);
    assert.deepEqual(await states(), ['db:running', 'web:running']);
    const web = (await containers()).find((c) => c.Labels['com.docker.compose.service'] === 'web')!;
    assert.ok((await docker().getContainer(web.Id).inspect()).Config.Env.includes('GREETING=from the env file'));
    await inStore(['db:running', 'web:running']);
    // The tree: project › service › container, with getParent all the way up.
    const service = serviceNode('web')!;
    const [row] = api.views.containers.getChildren(service) as ContainerTreeNode[];
    assert.ok(row && row.type === 'container' && row.id === web.Id);
    assert.equal(api.views.containers.getParent(row), service);
    assert.equal(api.views.containers.getParent(service), projectNode());
    assert.match(String(api.views.containers.getTreeItem(projectNode()!).description), /^2\/2 running · /);
    assert.equal(api.views.containers.getTreeItem(projectNode()!).contextValue, 'composeProject running files');
  });

  it('Stop, Start and Restart of the project act on all its containers', async () => {
    ok(await run<ComposeOutcome>('wharf.compose.stop', projectNode()));
    assert.deepEqual(await states(), ['db:exited', 'web:exited']);
    await inStore(['db:exited', 'web:exited']);
    assert.equal(api.views.containers.getTreeItem(projectNode()!).contextValue, 'composeProject stopped files');
    ok(await run<ComposeOutcome>('wharf.compose.start', projectNode()));
    assert.deepEqual(await states(), ['db:running', 'web:running']);
    const started = async (): Promise<string[]> => Promise.all((await containers()).map(async (c) => (await docker().getContainer(c.Id).inspect()).State.StartedAt));
    const before = await started();
    ok(await run<ComposeOutcome>('wharf.compose.restart', projectNode()));
    const after = await started();
    assert.ok(after.every((at) => !before.includes(at)), 'every container started again');
  });

  it('Stop, Start and Restart of a service act on that service only', async () => {
    await inStore(['db:running', 'web:running']);
    ok(await run<ComposeOutcome>('wharf.compose.service.stop', serviceNode('web')));
    assert.deepEqual(await states(), ['db:running', 'web:exited']);
    await inStore(['db:running', 'web:exited']);
    ok(await run<ComposeOutcome>('wharf.compose.service.start', serviceNode('web')));
    assert.deepEqual(await states(), ['db:running', 'web:running']);
    const dbStarted = async (): Promise<string> => (await docker().getContainer((await containers()).find((c) => c.Labels['com.docker.compose.service'] === 'db')!.Id).inspect()).State.StartedAt;
    const before = await dbStarted();
    ok(await run<ComposeOutcome>('wharf.compose.service.restart', serviceNode('db')));
    assert.notEqual(await dbStarted(), before);
    assert.deepEqual(await states(), ['db:running', 'web:running']);
  });

  it('Scale asks how many and gives the service that many containers', async () => {
    await inStore(['db:running', 'web:running']);
    api.prompts.answerNext('3');
    ok(await run<ComposeOutcome>('wharf.compose.service.scale', serviceNode('web')));
    assert.match(api.prompts.asked[0].message, /How many containers of web\? \(now 1\)/);
    assert.deepEqual(await states(), ['db:running', 'web:running', 'web:running', 'web:running']);
    await inStore(['db:running', 'web:running', 'web:running', 'web:running']);
    assert.equal(api.views.containers.getChildren(serviceNode('web')!).length, 3);
    assert.equal(api.views.containers.getTreeItem(serviceNode('web')!).description, '3/3 running');
  });

  it('Logs interleave the project\'s services, each line prefixed; a service\'s logs show only its own', async () => {
    const view = await run<ProjectLogsView>('wharf.compose.logs', projectNode());
    await until(api, 'every container\'s first line', () => ['db-1', 'web-1', 'web-2', 'web-3'].every((label) => view.lines.some((l) => l.startsWith(label) && / \| (?:db|web) ready$/.test(l))));
    assert.match(view.lines.find((l) => l.startsWith('db-1'))!, /^db-1\s+\| db ready$/);
    const service = await run<ProjectLogsView>('wharf.compose.service.logs', serviceNode('db'));
    await until(api, 'the db line', () => service.lines.some((l) => l.includes('db ready')));
    assert.ok(service.lines.every((l) => l.startsWith('db-')), service.lines.join('\n'));
    view.terminal.dispose();
    service.terminal.dispose();
  });

  it('Down asks first, says what is lost and what is kept, and keeps the volume unless asked', async () => {
    api.prompts.answerNext(undefined);
    assert.equal(await run('wharf.compose.down', projectNode()), undefined);
    const question = api.prompts.asked[0];
    assert.deepEqual(question.choices, ['Keep Project', 'Down', 'Down and Remove Volumes']);
    assert.match(question.message, new RegExp(`Take down Compose project ${name}\\?`));
    assert.match(question.message, /Removed: its containers \(.*\) and its networks/);
    assert.match(question.message, new RegExp(`Kept: its volumes \\(${name}_data\\)`));
    assert.match(question.message, /Kept: its images\./);
    assert.equal((await states()).length, 4, 'kept: nothing was taken down');

    api.prompts.answerNext('Down');
    ok(await run<ComposeOutcome>('wharf.compose.down', projectNode()));
    assert.deepEqual(await states(), []);
    assert.ok(await volumeExists(), 'Down kept the volume');
    assert.ok(await docker().getImage(image).inspect(), 'Down kept the image');
    await inStore([]);
    // Its files are still in the workspace: the project still shows, with nothing running.
    assert.match(String(api.views.containers.getTreeItem(projectNode()!).description), /^no containers/);
  });

  it('Up Selected Services starts only the services picked', async () => {
    api.prompts.answerNext(['db']);
    ok(await run<ComposeOutcome>('wharf.compose.upServices', vscode.Uri.file(join(folder, 'compose.yaml'))));
    assert.deepEqual(api.prompts.asked[0].choices, ['db', 'tools', 'web']);
    assert.deepEqual(await states(), ['db:running']);
  });

  it('Up with Profiles enables the profiles picked', async () => {
    api.prompts.answerNext(['debug']);
    ok(await run<ComposeOutcome>('wharf.compose.upProfiles', vscode.Uri.file(join(folder, 'compose.yaml'))));
    assert.deepEqual(api.prompts.asked[0].choices, ['debug']);
    assert.deepEqual(await states(), ['db:running', 'tools:running', 'web:running']);
  });

  it('Up from the palette asks which project; Down and Remove Volumes removes the volume too', async () => {
    api.prompts.answerNext(name);
    ok(await run<ComposeOutcome>('wharf.compose.up'));
    api.prompts.answerNext(name, 'Down and Remove Volumes');
    ok(await run<ComposeOutcome>('wharf.compose.down'));
    assert.deepEqual(await states(), []);
    assert.equal(await volumeExists(), false);
  });

  it('a run that fails says so with Compose\'s last lines, and keeps the output in its terminal', async () => {
    const broken = vscode.Uri.file(join(folder, 'broken', 'compose.yaml'));
    await vscode.workspace.fs.writeFile(broken, Buffer.from('services:\n  x:\n    imagee: y\n'));
    const outcome = await run<ComposeOutcome>('wharf.compose.up', broken);
    assert.ok(outcome && outcome.exitCode !== 0 && !outcome.cancelled, JSON.stringify(outcome));
    const error = api.prompts.asked.find((q) => q.kind === 'error');
    assert.match(error?.message ?? '', /^Wharf: Compose Up broken failed: [\s\S]*imagee/);
    assert.deepEqual(error?.choices, ['Show Output']);
  });

  it('without any Compose installed, says so and how to get one', async () => {
    const saved = { PATH: process.env.PATH, DOCKER_CONFIG: process.env.DOCKER_CONFIG };
    // The extension host is this process: an empty PATH and a config folder with no plugins hide every Compose.
    process.env.PATH = '';
    process.env.DOCKER_CONFIG = join(folder, 'no-docker-config');
    try {
      assert.equal(await run('wharf.compose.up', projectNode()), undefined);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.DOCKER_CONFIG === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = saved.DOCKER_CONFIG;
    }
    const error = api.prompts.asked.find((q) => q.kind === 'error');
    assert.match(error?.message ?? '', /Compose is not installed\. Install Docker Compose: .*docker compose.*docker-compose.*podman-compose/);
    assert.deepEqual(await states(), []);
  });
});

describe('compose files in the editor', function () {
  let folder: string;

  before(async () => {
    await wharf(); // activated
    folder = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `compose-editing-${Math.random().toString(36).slice(2, 8)}`);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) await vscode.workspace.fs.delete(vscode.Uri.file(folder), { recursive: true });
  });

  const open = async (file: string, text: string): Promise<vscode.TextDocument> => {
    const uri = vscode.Uri.file(join(folder, file));
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  };

  it('marks what the Compose Specification does not allow, where it is, and clears it once fixed', async () => {
    const document = await open('compose.yaml', 'services:\n  web:\n    imagee: nginx\n    ports: 80\n');
    const diagnostics = await waitFor('the compose diagnostics', () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Wharf Compose');
      return found.length === 2 ? found : undefined;
    });
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort(), [
      '2:4-2:10 "services.web" does not allow "imagee".',
      '3:11-3:13 "services.web.ports" must be array.',
    ]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'services:\n  web:\n    image: nginx\n    ports: ["80"]\n');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the diagnostics cleared', () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Wharf Compose').length === 0);
  });

  it('completes service names in depends_on, links and extends, never the service itself', async () => {
    const text = 'services:\n  db:\n    image: x\n  cache:\n    image: y\n  web:\n    image: z\n    depends_on:\n      - \n    extends: \n';
    const document = await open('docker-compose.dev.yml', text);
    const names = async (line: number, character: number): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, character));
      return list.items.filter((i) => i.detail === 'Compose service').map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort();
    };
    assert.deepEqual(await names(8, 8), ['cache', 'db']);
    assert.deepEqual(await names(9, 13), ['cache', 'db']);
    assert.deepEqual(await names(6, 11), [], 'no service names after image:');
  });
});
