// Prune against the real private dockerd: what a plan lists (with what the containers it removes
// free), that executing it removes exactly that, and that what changed after it was made is
// reported, never forced. Every prune is scoped by a label unique to the test: the engine is shared
// with the other suites, whose objects must survive.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { executePrune, itemKey, planPrune, samePlan, type PruneKind, type PrunePlan } from '../../src/docker/prune';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';

const docker = rawDocker();

describe('prune (engine)', function () {
  this.timeout(60_000);
  const containers: string[] = [];
  const volumes: string[] = [];
  const networks: string[] = [];
  const images: string[] = [];
  let label: string;
  let labels: Record<string, string>;
  const plan = (kinds: PruneKind[]): Promise<PrunePlan> => planPrune(docker, kinds, { labels: [label] });
  const keys = (p: PrunePlan): string[] => p.items.map(itemKey);

  beforeEach(() => {
    label = `wharf.test.prune=${uniqueName('p')}`;
    const [key, value] = label.split('=');
    labels = { [key]: value };
  });

  after(async () => {
    for (const id of containers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const id of images) await docker.getImage(id).remove({ force: true }).catch(() => undefined);
    for (const name of volumes) await docker.getVolume(name).remove().catch(() => undefined);
    for (const id of networks) await docker.getNetwork(id).remove().catch(() => undefined);
  });

  async function container(options: Docker.ContainerCreateOptions & { start?: boolean } = {}): Promise<Docker.ContainerInspectInfo> {
    const { start, ...create } = options;
    const made = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('c'), Cmd: ['sleep', '3600'], Labels: labels, ...create });
    containers.push(made.id);
    if (start) await made.start();
    const info = await made.inspect();
    for (const mount of info.Mounts) if (mount.Name) volumes.push(mount.Name);
    return info;
  }

  /** The anonymous volume a container made for its VOLUME /data. */
  const anonymousVolume = (info: Docker.ContainerInspectInfo): string => info.Mounts.find((m) => m.Destination === '/data')!.Name!;
  const exists = (check: Promise<unknown>): Promise<boolean> => check.then(() => true, () => false);

  it('a stopped container with an anonymous volume: the volume is listed and removed with it when volumes are ticked, and kept when not', async () => {
    const stopped = await container({ Volumes: { '/data': {} } });
    const running = await container({ Volumes: { '/data': {} }, start: true });
    const own = anonymousVolume(stopped);
    const withVolumes = await plan(['containers', 'volumes']);
    assert.deepEqual(keys(withVolumes), [`containers:${stopped.Id}`, `volumes:${own}`]);
    assert.deepEqual(withVolumes.items[1].freedBy, [`containers:${stopped.Id}`]);
    const withoutVolumes = await plan(['containers']);
    assert.deepEqual(keys(withoutVolumes), [`containers:${stopped.Id}`]);

    const outcome = await executePrune(docker, withoutVolumes);
    assert.deepEqual(outcome.removed.map(itemKey), [`containers:${stopped.Id}`]);
    assert.equal(await exists(docker.getContainer(stopped.Id).inspect()), false);
    assert.equal(await exists(docker.getVolume(own).inspect()), true, 'the volume was not ticked, yet it went');

    // Ticked: another such container, this time with its volume.
    const second = await container({ Volumes: { '/data': {} } });
    const plan2 = await plan(['containers', 'volumes']);
    // The first one's volume is unused now, but it carries no label and no container in the plan owns it.
    assert.deepEqual(keys(plan2), [`containers:${second.Id}`, `volumes:${anonymousVolume(second)}`]);
    const outcome2 = await executePrune(docker, plan2);
    assert.deepEqual(outcome2.removed.map(itemKey), keys(plan2));
    assert.deepEqual(outcome2.failed, []);
    assert.equal(await exists(docker.getVolume(anonymousVolume(second)).inspect()), false);
    assert.equal(await exists(docker.getVolume(anonymousVolume(running)).inspect()), true, 'a running container\'s volume went');
    assert.equal((await docker.getContainer(running.Id).inspect()).State.Running, true);
  });

  it('volumes alone: unused ones with the label go; one a stopped container still uses stays', async () => {
    const unused = uniqueName('unused');
    const used = uniqueName('used');
    volumes.push(unused, used);
    await docker.createVolume({ Name: unused, Labels: labels });
    await docker.createVolume({ Name: used, Labels: labels });
    await container({ HostConfig: { Binds: [`${used}:/data`] } });
    const volumesOnly = await plan(['volumes']);
    assert.deepEqual(keys(volumesOnly), [`volumes:${unused}`]);
    await executePrune(docker, volumesOnly);
    assert.equal(await exists(docker.getVolume(unused).inspect()), false);
    assert.equal(await exists(docker.getVolume(used).inspect()), true);
  });

  it('a network only a stopped container refers to is kept unless that container goes too; one a running container uses never goes', async () => {
    const make = async (name: string, withLabel: boolean): Promise<string> => {
      const { id } = await docker.createNetwork({ Name: name, Labels: withLabel ? labels : {} });
      networks.push(id);
      return id;
    };
    const ofStopped = await make(uniqueName('stopped'), true);
    const unlabeledOfStopped = await make(uniqueName('unlabeled'), false);
    const unused = await make(uniqueName('unused'), true);
    const ofRunning = await make(uniqueName('running'), true);
    const stopped = await container({ HostConfig: { NetworkMode: ofStopped } });
    await docker.getNetwork(unlabeledOfStopped).connect({ Container: stopped.Id });
    await container({ HostConfig: { NetworkMode: ofRunning }, start: true });

    assert.deepEqual(keys(await plan(['networks'])), [`networks:${unused}`]);
    const both = await plan(['containers', 'networks']);
    assert.deepEqual(new Set(keys(both)), new Set([`containers:${stopped.Id}`, `networks:${ofStopped}`, `networks:${unlabeledOfStopped}`, `networks:${unused}`]));
    assert.deepEqual(both.items.find((i) => i.id === unlabeledOfStopped)?.freedBy, [`containers:${stopped.Id}`]);
    const outcome = await executePrune(docker, both);
    assert.equal(outcome.removed.length, 4);
    for (const id of [ofStopped, unlabeledOfStopped, unused]) assert.equal(await exists(docker.getNetwork(id).inspect()), false);
    assert.equal(await exists(docker.getNetwork(ofRunning).inspect()), true);
  });

  it('a dangling image goes with the stopped container that alone uses it, and frees its untagged parents, child first', async () => {
    const tag = `${uniqueName('img')}:v1`;
    const first = await build(tag, ['RUN echo one-a > /a', 'RUN echo one-b > /b']);
    const user = await container({ Image: first.Id });
    // Rebuilt under the same tag from a different step: the first image is left untagged, and so is
    // its parent (its RUN echo one-a layer, which nothing else is built on). The LABEL layer below
    // is shared with the new image and stays.
    const second = await build(tag, ['RUN echo two-a > /a']);
    assert.notEqual(first.Id, second.Id);
    const parent = first.Parent;
    const shared = (await docker.getImage(parent).inspect()).Parent;
    assert.equal(shared, (await docker.getImage(second.Parent).inspect()).Id, 'the LABEL layer is shared (build cache)');

    assert.deepEqual(keys(await plan(['images'])), [], 'the image is in use by a container that stays');
    const both = await plan(['containers', 'images']);
    assert.deepEqual(keys(both), [`containers:${user.Id}`, `images:${first.Id}`, `images:${parent}`]);
    assert.deepEqual(both.items[1].freedBy, [`containers:${user.Id}`]);
    assert.deepEqual(both.items[2].freedBy, [`images:${first.Id}`]);
    assert.ok((both.items[1].size ?? 0) > 0);
    const outcome = await executePrune(docker, both);
    assert.deepEqual(outcome.removed.map(itemKey), keys(both));
    for (const id of [first.Id, parent]) assert.equal(await exists(docker.getImage(id).inspect()), false);
    for (const id of [second.Id, shared]) assert.equal(await exists(docker.getImage(id).inspect()), true);
  });

  it('removes exactly the plan: an object that changed since is reported and not forced, what it frees is kept, and a newcomer is untouched', async () => {
    const doomed = await container({ Volumes: { '/data': {} } });
    const planned = await plan(['containers', 'volumes']);
    assert.deepEqual(keys(planned), [`containers:${doomed.Id}`, `volumes:${anonymousVolume(doomed)}`]);
    // After the plan: the container is started, another stopped one appears.
    await docker.getContainer(doomed.Id).start();
    const newcomer = await container();
    const again = await plan(['containers', 'volumes']);
    assert.equal(samePlan(planned, again), false, 'the engine changed: the plans differ');
    assert.equal(samePlan(planned, await planPrune(docker, ['volumes', 'containers'], { labels: [label] })), false);
    assert.equal(samePlan(again, await plan(['containers', 'volumes'])), true, 'nothing changed: the same plan');

    const outcome = await executePrune(docker, planned);
    assert.deepEqual(outcome.removed, []);
    assert.equal(outcome.failed.length, 2);
    assert.equal(outcome.failed[0].error?.code, 'containerRunning');
    assert.equal(outcome.failed[1].keptFor?.id, doomed.Id, 'the volume is kept because its container stayed');
    assert.equal((await docker.getContainer(doomed.Id).inspect()).State.Running, true);
    assert.equal(await exists(docker.getVolume(anonymousVolume(doomed)).inspect()), true);
    assert.equal(await exists(docker.getContainer(newcomer.Id).inspect()), true, 'an object the plan never listed was removed');
  });

  it('an object removed by someone else meanwhile is counted as already gone, not as a failure', async () => {
    const stopped = await container();
    const planned = await plan(['containers']);
    await docker.getContainer(stopped.Id).remove();
    const outcome = await executePrune(docker, planned);
    assert.deepEqual(outcome.alreadyGone.map(itemKey), [`containers:${stopped.Id}`]);
    assert.deepEqual(outcome.failed, []);
  });

  async function build(tag: string, steps: string[]): Promise<Docker.ImageInspectInfo> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-prune-'));
    try {
      await writeFile(path.join(dir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, `LABEL ${label}`, ...steps, ''].join('\n'));
      const stream = await docker.buildImage({ context: dir, src: ['Dockerfile'] }, { t: tag, rm: true, forcerm: true });
      await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => (err ? reject(err) : out.find((m) => m.error) ? reject(new Error(out.find((m) => m.error)!.error)) : resolve())));
      const info = await docker.getImage(tag).inspect();
      images.push(info.Id);
      return info;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});
