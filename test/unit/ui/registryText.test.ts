// How registries, repositories and tags are named and described.
import * as assert from 'node:assert/strict';
import { pushTarget, registryLabel, sortTags, tagDescription, tagReference } from '../../../src/ui/display/registryText';

describe('registry display', () => {
  it('names Docker Hub for people, other registries by address', () => {
    assert.equal(registryLabel('docker.io'), 'Docker Hub');
    assert.equal(registryLabel('127.0.0.1:5000'), '127.0.0.1:5000');
  });

  it('gives the reference docker pull takes', () => {
    assert.equal(tagReference('docker.io', 'library/busybox', '1.36'), 'busybox:1.36');
    assert.equal(tagReference('docker.io', 'me/app', '1'), 'me/app:1');
    assert.equal(tagReference('ghcr.io', 'org/app', 'v2'), 'ghcr.io/org/app:v2');
  });

  it('describes a tag: short digest, size, platforms, age', () => {
    const now = Date.UTC(2026, 0, 10);
    const digest = `sha256:${'ab'.repeat(32)}`;
    assert.equal(tagDescription({ tag: '1', digest, mediaType: '', size: 1_234_567, platforms: [], created: new Date(now - 3 * 86_400_000) }, now), 'sha256:abababababab · 1.23 MB · 3 days ago');
    assert.equal(tagDescription({ tag: '1', digest, mediaType: '', platforms: [{ os: 'linux', architecture: 'amd64', digest }, { os: 'linux', architecture: 'arm', variant: 'v7', digest }] }, now), 'sha256:abababababab · linux/amd64, linux/arm/v7');
  });

  it('puts the highest versions first', () => {
    assert.deepEqual(sortTags(['1.9', 'latest', '1.10', '2.0', '1.2']), ['latest', '2.0', '1.10', '1.9', '1.2']);
  });

  it('proposes the image\'s path on the registry pushed to; on Docker Hub under the account', () => {
    assert.equal(pushTarget('wharf-test/busybox:latest', '127.0.0.1:5000'), '127.0.0.1:5000/wharf-test/busybox:latest');
    assert.equal(pushTarget('old.example:5000/team/app:1', 'ghcr.io'), 'ghcr.io/team/app:1');
    assert.equal(pushTarget('app:1', 'docker.io', 'alice'), 'alice/app:1');
    assert.equal(pushTarget('ghcr.io/team/app:1', 'docker.io', 'alice'), 'team/app:1');
    assert.equal(pushTarget('localhost:5000/app:2', 'docker.io'), 'app:2');
  });
});
