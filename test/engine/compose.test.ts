// Compose driven by Wharf against the real private engines: Debian's docker-compose (v1) on
// dockerd and podman-compose on Podman. Every step is checked on the engine's own state (its API,
// through a raw client) and on the projects Wharf derives from its live store.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { findCompose, onPath, type ComposeTool } from '../../src/docker/composeFind';
import { ProjectLogs, type ProjectLogLine } from '../../src/docker/composeLogs';
import { composeProject, COMPOSE_LABELS, type ComposeProjectView } from '../../src/docker/composeModel';
import { resolveProject, type ResolvedProject } from '../../src/docker/composeProject';
import { composeArgs, composeEnvironment, runCompose, type ComposeAction } from '../../src/docker/composeRun';
import { resolveEndpoint } from '../../src/docker/connect';
import { createEngineStore, type DockerEngineStore } from '../../src/docker/store';
import { dockerHost, podmanConf, podmanHost, podmanStorageConf, rawDocker, TEST_IMAGE } from './env';
import { waitFor } from './waitFor';

/**
 * Three services: db keeps a named volume on the back network, api sits on both, web on the
 * front; each says when it started, and ends on SIGTERM (a shell as PID 1 would ignore it).
 */
const COMPOSE_FILE = `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo db ready; sleep 3600 & wait"]
    volumes: [data:/data]
    networks: [back]
  api:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo api ready; sleep 3600 & wait"]
    depends_on: [db]
    networks: [back, front]
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo web ready; sleep 3600 & wait"]
    depends_on: [api]
    networks: [front]
volumes:
  data: {}
networks:
  back: {}
  front: {}
`;

interface Bed {
  tool: ComposeTool;
  env: NodeJS.ProcessEnv;
  docker: Docker;
  store: DockerEngineStore;
  project: ResolvedProject;
}

function makeProjectFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-'));
  // Upper case and a dot: the project name is the folder's, normalised as Compose does.
  const folder = join(root, `Shop.${root.slice(-6)}`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'compose.yaml'), COMPOSE_FILE);
  return folder;
}

async function compose(bed: Bed, action: ComposeAction): Promise<string> {
  const result = await runCompose(bed.tool, composeArgs(bed.tool, bed.project, action), { env: bed.env, cwd: bed.project.workingDir });
  assert.equal(result.exitCode, 0, `compose ${action.verb} failed:\n${result.output}`);
  return result.output;
}

function projectOf(bed: Bed): ComposeProjectView | undefined {
  return composeProject(bed.store.containers(), bed.project.name);
}

function untilProject(bed: Bed, what: string, ok: (p: ComposeProjectView | undefined) => boolean): Promise<ComposeProjectView | true> {
  return waitFor(what, () => { const p = projectOf(bed); return ok(p) ? p ?? true : undefined; },
    { wake: (resume) => bed.store.onDidChange(resume), detail: () => JSON.stringify(projectOf(bed)?.services.map((s) => [s.name, s.containers.map((c) => c.state)])) });
}

async function engineContainers(bed: Bed): Promise<Docker.ContainerInfo[]> {
  return bed.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${COMPOSE_LABELS.project}=${bed.project.name}`] }) });
}

async function volumeNames(bed: Bed): Promise<string[]> {
  return ((await bed.docker.listVolumes()).Volumes ?? []).map((v) => v.Name);
}

async function networkNames(bed: Bed): Promise<string[]> {
  return (await bed.docker.listNetworks()).map((n) => n.Name);
}

function lineTexts(lines: ProjectLogLine[]): string[] {
  return lines.map((l) => `${l.source.label}|${l.text}`);
}

describe('compose: docker-compose v1 on dockerd (engine)', function () {
  const bed = {} as Bed;
  let folder: string;

  before(async () => {
    const tool = findCompose({ engineKind: 'docker' });
    assert.ok(tool, 'no Compose found: the harness provisions docker-compose');
    bed.tool = tool;
    const endpoint = resolveEndpoint({ host: dockerHost() });
    bed.env = composeEnvironment(endpoint);
    bed.docker = rawDocker();
    bed.store = createEngineStore({ endpoint });
    await bed.store.ready();
    folder = makeProjectFolder();
    bed.project = resolveProject({ files: [join(folder, 'compose.yaml')], envFiles: [] });
  });

  after(async () => {
    if (bed.project) await runCompose(bed.tool, composeArgs(bed.tool, bed.project, { verb: 'down', removeVolumes: true }), { env: bed.env, cwd: folder }).catch(() => undefined);
    bed.store?.dispose();
    if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  it('finds Debian\'s docker-compose and names the project after its folder, normalised', () => {
    assert.equal(bed.tool.flavor, 'standalone');
    assert.match(bed.tool.file, /docker-compose$/);
    assert.equal(bed.project.nameFrom, 'folder');
    assert.match(bed.project.name, /^shop[a-z0-9_-]{6}$/);
  });

  it('up creates the three services, their named volume and both networks, in the engine and in the store', async () => {
    await compose(bed, { verb: 'up' });
    const project = await untilProject(bed, 'three running services', (p) => p?.running === 3) as ComposeProjectView;
    assert.deepEqual(project.services.map((s) => s.name), ['api', 'db', 'web']);
    assert.equal(project.workingDir, folder);
    // v1 labels the files relative to the working folder; the model gives them back absolute.
    assert.deepEqual(project.configFiles, [join(folder, 'compose.yaml')]);
    const engine = await engineContainers(bed);
    assert.deepEqual(engine.map((c) => c.State).sort(), ['running', 'running', 'running']);
    assert.ok((await volumeNames(bed)).includes(`${bed.project.name}_data`));
    const networks = await networkNames(bed);
    for (const n of ['back', 'front']) assert.ok(networks.includes(`${bed.project.name}_${n}`), n);
    const api = engine.find((c) => c.Labels[COMPOSE_LABELS.service] === 'api')!;
    assert.deepEqual(Object.keys(api.NetworkSettings.Networks).sort(), [`${bed.project.name}_back`, `${bed.project.name}_front`]);
  });

  it('scale gives api three replicas and recreates nothing else', async () => {
    const before = new Map((await engineContainers(bed)).map((c) => [c.Id, c.Labels[COMPOSE_LABELS.service]]));
    await compose(bed, { verb: 'scale', service: 'api', replicas: 3 });
    const project = await untilProject(bed, 'api with three running replicas', (p) => p?.services.find((s) => s.name === 'api')?.running === 3) as ComposeProjectView;
    assert.deepEqual(project.services.find((s) => s.name === 'api')!.containers.map((c) => c.labels[COMPOSE_LABELS.number]), ['1', '2', '3']);
    const after = await engineContainers(bed);
    assert.equal(after.length, 5);
    for (const id of before.keys()) assert.ok(after.some((c) => c.Id === id), `container ${before.get(id)} was recreated`);
  });

  it('restart of one service restarts only its container', async () => {
    const started = async (): Promise<Map<string, string>> => new Map(await Promise.all((await engineContainers(bed)).map(async (c) => {
      const info = await bed.docker.getContainer(c.Id).inspect();
      return [`${c.Labels[COMPOSE_LABELS.service]}-${c.Labels[COMPOSE_LABELS.number]}`, info.State.StartedAt] as [string, string];
    })));
    const before = await started();
    await compose(bed, { verb: 'restart', services: ['db'] });
    const after = await started();
    assert.ok(after.get('db-1')! > before.get('db-1')!, 'db was not restarted');
    for (const [key, at] of before) if (key !== 'db-1') assert.equal(after.get(key), at, `${key} was restarted too`);
  });

  it('project logs interleave the services in time order, each line tagged, and follow new lines', async () => {
    const project = projectOf(bed)!;
    const lines: ProjectLogLine[] = [];
    const sources = project.services.flatMap((s) => s.containers.map((c) => ({ id: c.id, service: s.name, label: `${s.name}-${c.labels[COMPOSE_LABELS.number]}` })));
    const logs = new ProjectLogs(bed.docker, (line) => lines.push(line), { follow: true });
    try {
      await logs.start(sources);
      const backlog = lineTexts(lines);
      // db started first (api depends on it, web on api), then was restarted last.
      assert.deepEqual(backlog.filter((l) => !l.startsWith('api-2') && !l.startsWith('api-3')),
        ['db-1|db ready', 'api-1|api ready', 'web-1|web ready', 'db-1|db ready']);
      assert.ok(backlog.includes('api-2|api ready') && backlog.includes('api-3|api ready'));
      for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1].time[0] <= lines[i].time[0], 'backlog out of time order');
      await compose(bed, { verb: 'restart', services: ['web'] });
      // The follow of web ended when it stopped; syncing with the running containers follows it again.
      await waitFor('the followed web line', async () => {
        const running = sources.filter((s) => bed.store.container(s.id)?.state === 'running');
        await logs.sync(running);
        return lineTexts(lines).filter((l) => l === 'web-1|web ready').length === 2;
      }, { wake: (resume) => bed.store.onDidChange(resume) });
      // Followed lines repeat nothing from the backlog.
      assert.equal(lineTexts(lines).filter((l) => l === 'db-1|db ready').length, 2);
    } finally {
      logs.dispose();
    }
  });

  it('down removes containers and networks but keeps the named volume; down --volumes removes it', async () => {
    await compose(bed, { verb: 'down', removeVolumes: false });
    await untilProject(bed, 'the project gone from the store', (p) => p === undefined);
    assert.deepEqual(await engineContainers(bed), []);
    const networks = await networkNames(bed);
    for (const n of ['back', 'front']) assert.ok(!networks.includes(`${bed.project.name}_${n}`), n);
    assert.ok((await volumeNames(bed)).includes(`${bed.project.name}_data`), 'down without --volumes removed the volume');

    await compose(bed, { verb: 'up', services: ['db'] });
    await untilProject(bed, 'db up again', (p) => p?.running === 1);
    await compose(bed, { verb: 'down', removeVolumes: true });
    await untilProject(bed, 'the project gone again', (p) => p === undefined);
    assert.ok(!(await volumeNames(bed)).includes(`${bed.project.name}_data`), 'down --volumes kept the volume');
    // Images are never removed.
    assert.ok((await bed.docker.listImages()).some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)));
  });
});

describe('compose: podman-compose on Podman (engine)', function () {
  const bed = {} as Bed;
  let folder: string;

  before(async () => {
    const file = onPath('podman-compose');
    assert.ok(file, 'no podman-compose on PATH: the harness provisions it');
    // Found after docker-compose (which is installed here too), so chosen explicitly.
    bed.tool = { flavor: 'podman-compose', file };
    const endpoint = resolveEndpoint({ host: podmanHost() });
    // podman-compose runs the podman CLI, which finds the private Podman through these files.
    bed.env = { ...composeEnvironment(endpoint), CONTAINERS_CONF: podmanConf(), CONTAINERS_STORAGE_CONF: podmanStorageConf() };
    bed.docker = rawDocker(podmanHost());
    bed.store = createEngineStore({ endpoint });
    await bed.store.ready();
    folder = makeProjectFolder();
    bed.project = resolveProject({ files: [join(folder, 'compose.yaml')], envFiles: [] });
  });

  after(async () => {
    if (bed.project) {
      await runCompose(bed.tool, composeArgs(bed.tool, bed.project, { verb: 'down', removeVolumes: true }), { env: bed.env, cwd: folder }).catch(() => undefined);
      for (const n of ['back', 'front']) await bed.docker.getNetwork(`${bed.project.name}_${n}`).remove().catch(() => undefined);
    }
    bed.store?.dispose();
    if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  it('up creates the three services, their named volume and both networks', async () => {
    await compose(bed, { verb: 'up' });
    const project = await untilProject(bed, 'three running services', (p) => p?.running === 3) as ComposeProjectView;
    assert.deepEqual(project.services.map((s) => s.name), ['api', 'db', 'web']);
    assert.deepEqual(project.configFiles, [join(folder, 'compose.yaml')]);
    assert.ok((await volumeNames(bed)).includes(`${bed.project.name}_data`));
    const networks = await networkNames(bed);
    for (const n of ['back', 'front']) assert.ok(networks.includes(`${bed.project.name}_${n}`), n);
  });

  it('scale is refused with a hint instead of being ignored', () => {
    assert.throws(() => composeArgs(bed.tool, bed.project, { verb: 'scale', service: 'api', replicas: 2 }), /podman-compose does not support --scale/);
  });

  it('restart of one service restarts only its container, and the project logs show it', async () => {
    const startedAt = async (service: string): Promise<string> => {
      const c = (await engineContainers(bed)).find((x) => x.Labels[COMPOSE_LABELS.service] === service)!;
      return (await bed.docker.getContainer(c.Id).inspect()).State.StartedAt;
    };
    const [db0, web0] = [await startedAt('db'), await startedAt('web')];
    await compose(bed, { verb: 'restart', services: ['db'] });
    assert.ok(await startedAt('db') > db0, 'db was not restarted');
    assert.equal(await startedAt('web'), web0);
    await untilProject(bed, 'db running again', (p) => p?.running === 3);
    const lines: ProjectLogLine[] = [];
    const logs = new ProjectLogs(bed.docker, (line) => lines.push(line));
    await logs.start(projectOf(bed)!.services.flatMap((s) => s.containers.map((c) => ({ id: c.id, service: s.name, label: s.name }))));
    assert.deepEqual(lineTexts(lines), ['db|db ready', 'api|api ready', 'web|web ready', 'db|db ready']);
  });

  it('down keeps the named volume; down --volumes removes it', async () => {
    await compose(bed, { verb: 'down', removeVolumes: false });
    await untilProject(bed, 'the project gone from the store', (p) => p === undefined);
    assert.deepEqual(await engineContainers(bed), []);
    assert.ok((await volumeNames(bed)).includes(`${bed.project.name}_data`));
    await compose(bed, { verb: 'up', services: ['db'] });
    await untilProject(bed, 'db up again', (p) => p?.running === 1);
    await compose(bed, { verb: 'down', removeVolumes: true });
    await untilProject(bed, 'the project gone again', (p) => p === undefined);
    assert.ok(!(await volumeNames(bed)).includes(`${bed.project.name}_data`));
  });
});
