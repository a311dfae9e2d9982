// Image operations against the real private dockerd and the local registry (127.0.0.1:5000).
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  imageHistory, inspectImage, listImages, pullImage, pushImage, removeImage, tagImage,
} from '../../src/docker/images';
import type { OverallProgress } from '../../src/docker/progress';
import { isWharfError } from '../../src/docker/errors';
import { rawDocker, registryAddress, TEST_IMAGE, uniqueName } from './env';

const docker = rawDocker();

async function imageExists(reference: string): Promise<boolean> {
  return docker.getImage(reference).inspect().then(() => true, () => false);
}

/** Builds a tiny labelled image FROM the test image, so each test owns what it removes. */
async function buildOwnImage(tag: string, label: string, extra = ''): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-img-'));
  try {
    await writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL ${label}\nRUN echo ${extra || tag} > /marker\n`);
    const stream = await docker.buildImage({ context: dir, src: ['Dockerfile'] }, { t: tag, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
    return (await docker.getImage(tag).inspect()).Id;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('images (engine)', function () {
  const cleanup: string[] = [];
  afterEach(async () => {
    for (const ref of cleanup.splice(0)) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  });

  it('list, inspect and history show the test image and its layers', async () => {
    const images = await listImages(docker);
    const test = images.find((i) => (i.RepoTags ?? []).includes(TEST_IMAGE));
    assert.ok(test, 'test image listed');
    const info = await inspectImage(docker, TEST_IMAGE);
    assert.equal(info.Id, test.Id);
    assert.deepEqual(info.Config.Cmd, ['sleep', '3600']);
    const layers = await imageHistory(docker, TEST_IMAGE);
    assert.ok(layers.length >= 2, JSON.stringify(layers));
    assert.equal(layers[0].id, test.Id);
    assert.ok(layers.some((l) => /COPY/.test(l.createdBy) && l.size > 1_000_000), JSON.stringify(layers.map((l) => [l.createdBy, l.size])));
    assert.ok(layers.every((l) => l.createdAt > Date.UTC(2000, 0)));
  });

  it('tag adds a reference; remove of one tag untags without deleting the image', async () => {
    const tag = `${uniqueName('tag')}:v1`;
    cleanup.push(tag);
    await tagImage(docker, TEST_IMAGE, tag);
    const tagged = await docker.getImage(tag).inspect();
    assert.equal(tagged.Id, (await docker.getImage(TEST_IMAGE).inspect()).Id);
    const result = await removeImage(docker, tag);
    assert.deepEqual(result.untagged, [tag]);
    assert.deepEqual(result.deleted, []);
    assert.equal(await imageExists(tag), false);
    assert.equal(await imageExists(TEST_IMAGE), true);
  });

  it('remove without force refuses an image a container uses, as a typed error', async () => {
    const tag = `${uniqueName('used')}:v1`;
    const id = await buildOwnImage(tag, `wharf.test=${uniqueName('l')}`);
    cleanup.push(id);
    const container = await docker.createContainer({ Image: id, name: uniqueName('user') });
    try {
      // By id: the engine refuses because a container uses it (by tag it would only untag).
      await assert.rejects(removeImage(docker, id), (err) => isWharfError(err, 'imageInUse'));
      assert.equal(await imageExists(id), true);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('push sends a tag to the local registry with per-layer progress folded to 100%, and pull brings it back', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('push')}`;
    // An image with a layer of its own, so the pull really downloads something.
    const id = await buildOwnImage(reference, `wharf.test=${uniqueName('l')}`);
    cleanup.push(reference, id);
    const pushed: OverallProgress[] = [];
    const { digest } = await pushImage(docker, reference, { onProgress: (p) => pushed.push(p) });
    assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
    const tags = await fetch(`http://${registryAddress()}/v2/wharf-test/busybox/tags/list`).then((r) => r.json() as Promise<{ tags: string[] }>);
    assert.ok(tags.tags.includes(reference.split(':').pop()!), JSON.stringify(tags));
    const beforeEnd = pushed.slice(0, -1);
    assert.ok(beforeEnd.some((p) => p.layers >= 2 && p.percent < 100), `per-layer push progress before the end: ${JSON.stringify(beforeEnd)}`);
    assert.equal(pushed.at(-1)?.percent, 100);
    assert.ok(pushed.at(-1)!.layers >= 2, JSON.stringify(pushed.at(-1)));

    await docker.getImage(id).remove({ force: true });
    assert.equal(await imageExists(id), false);
    const pulled: OverallProgress[] = [];
    await pullImage(docker, reference, { onProgress: (p) => pulled.push(p) });
    assert.equal(await imageExists(reference), true);
    const percents = pulled.map((p) => p.percent);
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'progress never goes back');
    assert.equal(percents.at(-1), 100);
    assert.ok(percents.some((p) => p > 0 && p < 100), `intermediate progress reported: ${percents.join(',')}`);
    assert.ok(pulled.at(-1)!.layers >= 2 && pulled.at(-1)!.layersDone === pulled.at(-1)!.layers, JSON.stringify(pulled.at(-1)));
  });

  it('pull of a tag the registry does not have fails with "image X not found in registry Y"', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('missing')}`;
    await assert.rejects(pullImage(docker, reference), (err) => {
      assert.ok(isWharfError(err, 'registryNotFound'), String(err));
      assert.equal(err.message, `Image ${reference} not found in registry ${registryAddress()}.`);
      return true;
    });
  });

  it('pull can be cancelled: the promise rejects as cancelled', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('cancel')}`;
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(pullImage(docker, reference, { signal: controller.signal }), (err) => isWharfError(err, 'cancelled'));
  });

  it('pull can be cancelled while the engine streams its progress', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('midcancel')}`;
    const id = await buildOwnImage(reference, `wharf.test=${uniqueName('l')}`);
    cleanup.push(reference, id);
    await pushImage(docker, reference);
    await docker.getImage(id).remove({ force: true });
    const controller = new AbortController();
    const seen: OverallProgress[] = [];
    await assert.rejects(pullImage(docker, reference, { signal: controller.signal, onProgress: (p) => { seen.push(p); controller.abort(); } }), (err) => isWharfError(err, 'cancelled'));
    assert.ok(seen.length >= 1, 'the engine had started answering');
    assert.ok(seen.every((p) => p.percent < 100), `no completion reported after the cancel: ${JSON.stringify(seen)}`);
  });
});
