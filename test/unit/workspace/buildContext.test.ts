// Which folder a build sends and what it is called by default: the Dockerfile's folder until the
// user picks an enclosing one (remembered per Dockerfile), and a repository name made from the
// Dockerfile's folder that the engine accepts.
import * as assert from 'node:assert/strict';
import { BuildContexts, contains, contextCandidates, defaultImageName, type ContextMemory } from '../../../src/workspace/buildContext';
import { isImageReference } from '../../../src/lint/reference';

function memory(): ContextMemory & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key: string, value: unknown) => { if (value === undefined) values.delete(key); else values.set(key, value); },
  };
}

describe('build context', () => {
  it('offers the Dockerfile\'s folder first, then each enclosing folder up to the workspace root', () => {
    assert.deepEqual(contextCandidates('/ws/svc/app/Dockerfile', '/ws'), ['/ws/svc/app', '/ws/svc', '/ws']);
    assert.deepEqual(contextCandidates('/ws/Dockerfile', '/ws'), ['/ws'], 'at the root there is no choice');
    assert.deepEqual(contextCandidates('/elsewhere/Dockerfile', '/ws'), [], 'outside the workspace: nothing to offer');
    assert.deepEqual(contextCandidates('/wsx/Dockerfile', '/ws'), [], 'a sibling whose name starts the same is outside');
  });

  it('only a folder that holds the Dockerfile can be its context', () => {
    assert.ok(contains('/ws', '/ws/app/Dockerfile'));
    assert.ok(!contains('/ws/app', '/ws/Dockerfile'));
    assert.ok(!contains('/ws/app', '/ws/app'));
    assert.ok(!contains('/ws/a', '/ws/ab/Dockerfile'));
  });

  it('is the Dockerfile\'s folder until one is chosen; the choice is remembered per Dockerfile and can be forgotten', async () => {
    const m = memory();
    const contexts = new BuildContexts(m);
    assert.equal(contexts.chosen('/ws/app/Dockerfile'), undefined);
    assert.equal(contexts.contextFor('/ws/app/Dockerfile'), '/ws/app');
    await contexts.remember('/ws/app/Dockerfile', '/ws');
    assert.equal(contexts.contextFor('/ws/app/Dockerfile'), '/ws');
    assert.equal(new BuildContexts(m).contextFor('/ws/app/Dockerfile'), '/ws', 'kept in the memory, not the object');
    assert.equal(contexts.contextFor('/ws/app/Dockerfile.dev'), '/ws/app', 'another Dockerfile has its own choice');
    await assert.rejects(contexts.remember('/ws/app/Dockerfile', '/ws/other'), /does not contain/);
    await contexts.forget('/ws/app/Dockerfile');
    assert.equal(contexts.contextFor('/ws/app/Dockerfile'), '/ws/app');
  });

  it('ignores a remembered folder that no longer holds the Dockerfile', () => {
    const m = memory();
    m.values.set('wharf.buildContext:/ws/app/Dockerfile', '/ws/moved');
    assert.equal(new BuildContexts(m).contextFor('/ws/app/Dockerfile'), '/ws/app');
  });

  it('names the image after the Dockerfile\'s folder, as a valid repository name', () => {
    const cases: Array<[string, string]> = [
      ['/ws/app/Dockerfile', 'app'],
      ['/ws/My App/Dockerfile', 'my-app'],
      ['/ws/api_v2.0/Containerfile', 'api_v2.0'],
      ['/ws/--Web  Front--/Dockerfile', 'web-front'],
      ['/ws/a..b/Dockerfile', 'a-b'],
      ['/ws/Ünïcode/Dockerfile', 'n-code'],
      ['/ws/___/Dockerfile', 'image'],
      ['/Dockerfile', 'image'],
      [`/ws/${'x'.repeat(300)}/Dockerfile`, 'x'.repeat(128)],
    ];
    for (const [file, name] of cases) {
      assert.equal(defaultImageName(file), name, file);
      assert.ok(isImageReference(`${name}:latest`), `${name}:latest is a valid reference`);
    }
  });
});
