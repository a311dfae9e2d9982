// The prune planner's rules on hand-made snapshots: which objects a plan lists, why (what frees
// them), and in which order they are removed. test/engine/prune.test.ts checks the same against
// the real engine.
import * as assert from 'node:assert/strict';
import { hasLabels, itemKey, planFromSnapshot, samePlan, type PruneSnapshot } from '../../../src/docker/prune';

type Container = PruneSnapshot['containers'][number];
type Image = PruneSnapshot['images'][number];

const container = (id: string, fields: Partial<Container> = {}): Container =>
  ({ id, name: `n-${id}`, image: 'busybox', imageId: 'sha256:base', state: 'exited', status: 'Exited (0)', labels: {}, volumes: [], networks: [], ...fields });
const image = (id: string, fields: Partial<Image> = {}): Image => ({ id, parentId: '', repoTags: [], repoDigests: [], labels: {}, size: 10, ...fields });

function snapshot(fields: Partial<PruneSnapshot>): PruneSnapshot {
  return { apiVersion: '1.41', containers: [], anonymousVolumes: new Map(), images: [], volumes: [], networks: [], ...fields };
}

describe('prune planner', () => {
  it('lists containers that are not running; paused and restarting ones count as running', () => {
    const states = ['created', 'exited', 'dead', 'running', 'paused', 'restarting', 'removing'];
    const plan = planFromSnapshot(snapshot({ containers: states.map((state) => container(state, { state })) }), ['containers']);
    assert.deepEqual(plan.items.map((i) => i.id), ['created', 'exited', 'dead']);
  });

  it('lists a stopped container\'s volumes only when volumes are ticked, and then marks them as freed by it', () => {
    const s = snapshot({ containers: [container('c', { volumes: ['anon'] })], volumes: [{ name: 'anon', labels: {} }] });
    assert.deepEqual(planFromSnapshot(s, ['containers']).items.map(itemKey), ['containers:c']);
    const plan = planFromSnapshot(s, ['containers', 'volumes']);
    assert.deepEqual(plan.items.map(itemKey), ['containers:c', 'volumes:anon']);
    assert.deepEqual(plan.items[1].freedBy, ['containers:c']);
    assert.deepEqual(planFromSnapshot(s, ['volumes']).items, [], 'in use by a container that stays');
  });

  it('follows the engine on which unused volumes a prune takes: all before API 1.42, anonymous ones from it', () => {
    const volumes: PruneSnapshot['volumes'] = [{ name: 'named', labels: {} }, { name: 'anon', labels: { 'com.docker.volume.anonymous': '' } }];
    assert.deepEqual(planFromSnapshot(snapshot({ apiVersion: '1.41', volumes }), ['volumes']).items.map((i) => i.id), ['named', 'anon']);
    assert.deepEqual(planFromSnapshot(snapshot({ apiVersion: '1.43', volumes }), ['volumes']).items.map((i) => i.id), ['anon']);
  });

  it('in a scoped prune, takes the pruned containers\' own volumes though they carry no label, but not named ones', () => {
    const s = snapshot({
      containers: [container('c', { labels: { project: 'p' }, volumes: ['own', 'named'] })],
      anonymousVolumes: new Map([['c', new Set(['own'])]]),
      volumes: [{ name: 'own', labels: {} }, { name: 'named', labels: {} }, { name: 'other', labels: {} }, { name: 'labelled', labels: { project: 'p' } }],
    });
    const plan = planFromSnapshot(s, ['containers', 'volumes'], { labels: ['project=p'] });
    assert.deepEqual(plan.items.map(itemKey), ['containers:c', 'volumes:own', 'volumes:labelled']);
    // From API 1.42 a named volume is spared even when it carries the label, as the engine would.
    const newer = planFromSnapshot({ ...s, apiVersion: '1.44' }, ['containers', 'volumes'], { labels: ['project=p'] });
    assert.deepEqual(newer.items.map(itemKey), ['containers:c', 'volumes:own']);
  });

  it('lists a dangling image freed by the containers that go, then its untagged parents, child first; never a tagged one', () => {
    const s = snapshot({
      containers: [container('c', { imageId: 'top' }), container('keeper', { imageId: 'used', state: 'running' })],
      images: [
        image('shared', { repoTags: ['<none>:<none>'] }),
        image('mid', { parentId: 'shared' }),
        image('top', { parentId: 'mid' }),
        image('sibling', { parentId: 'shared', repoTags: ['app:1'] }),
        image('used'),
        image('tagged', { repoTags: ['x:1'] }),
      ],
    });
    assert.deepEqual(planFromSnapshot(s, ['images']).items, [], 'top is used by a container that stays');
    const plan = planFromSnapshot(s, ['containers', 'images']);
    assert.deepEqual(plan.items.map(itemKey), ['containers:c', 'images:top', 'images:mid']);
    assert.deepEqual(plan.items[2].freedBy, ['images:top']);
  });

  it('removes an untagged image that has digests by its references', () => {
    const plan = planFromSnapshot(snapshot({ images: [image('d', { repoDigests: ['reg/x@sha256:1', 'reg/y@sha256:1'] }), image('n', { repoDigests: ['<none>@<none>'] })] }), ['images']);
    assert.deepEqual(plan.items.map((i) => [i.id, i.references]), [['d', ['reg/x@sha256:1', 'reg/y@sha256:1']], ['n', undefined]]);
  });

  it('keeps networks any remaining container refers to (stopped ones too), the built-in ones, swarm ones, and those with endpoints', () => {
    const networks = ['bridge', 'podman', 'free', 'byname', 'byid', 'swarm', 'busy'].map((name) => ({ id: `id-${name}`, name, scope: name === 'swarm' ? 'swarm' : 'local', labels: {}, endpoints: name === 'busy' ? 1 : 0 }));
    const s = snapshot({ containers: [container('c', { networks: ['byname', 'id-byid'] })], networks });
    assert.deepEqual(planFromSnapshot(s, ['networks']).items.map((i) => i.name), ['free']);
    const plan = planFromSnapshot(s, ['containers', 'networks']);
    assert.deepEqual(plan.items.map((i) => i.name), ['n-c', 'free', 'byname', 'byid']);
  });

  it('a scope selects by label; what the selected containers alone use comes along', () => {
    const s = snapshot({
      containers: [container('in', { labels: { team: 'a' }, networks: ['theirs'] }), container('out', { labels: { team: 'b' } })],
      networks: [{ id: '1', name: 'theirs', scope: 'local', labels: {}, endpoints: 0 }, { id: '2', name: 'stray', scope: 'local', labels: {}, endpoints: 0 }],
    });
    assert.deepEqual(planFromSnapshot(s, ['containers', 'networks'], { labels: ['team=a'] }).items.map((i) => i.name), ['n-in', 'theirs']);
    assert.deepEqual(planFromSnapshot(s, ['containers', 'networks'], { labels: ['team'] }).items.map((i) => i.name), ['n-in', 'n-out', 'theirs']);
  });

  it('matches labels as the engine\'s filter does', () => {
    assert.equal(hasLabels({ a: '1', b: '' }, ['a']), true);
    assert.equal(hasLabels({ a: '1', b: '' }, ['a=1', 'b=']), true);
    assert.equal(hasLabels({ a: '1' }, ['a=2']), false);
    assert.equal(hasLabels({ a: '1' }, ['a', 'c']), false);
    assert.equal(hasLabels({ 'x=y': '1' }, ['x=y=1']), false, 'the first = splits key from value');
    assert.equal(hasLabels({}, undefined), true);
    assert.equal(hasLabels({ constructor: 'x' }, ['toString']), false);
  });

  it('two plans are the same when they remove the same objects, whatever the order', () => {
    const a = { kinds: ['containers' as const], items: [{ kind: 'containers' as const, id: '1', name: 'a', freedBy: [] }, { kind: 'containers' as const, id: '2', name: 'b', freedBy: [] }] };
    const b = { kinds: ['containers' as const], items: [...a.items].reverse() };
    assert.equal(samePlan(a, b), true);
    assert.equal(samePlan(a, { ...a, items: a.items.slice(1) }), false);
  });
});
