// Prune, as Wharf does it: a plan read from the engine, shown to the user, then removed object by
// object — exactly the plan, never more. The engine's /prune endpoints are not used: they remove
// whatever is prunable when they run, which is not what a confirmation showed a moment earlier,
// and after a container prune they would take the volumes, images and networks those containers
// freed without anyone having seen them listed.
//
// So the plan itself says what the containers it removes free, where their kinds are ticked:
// - volumes: those no remaining container uses — the engine's own rule for a volume prune (every
//   unused volume before API 1.42, only anonymous ones from 1.42) — plus, in a label-scoped prune,
//   the anonymous volumes of the containers in the plan (they carry no labels, but are theirs);
// - images: untagged ("dangling") images no remaining container uses and no remaining image is
//   built on, with the untagged parents that removing them frees (the cascade the engine's own
//   image removal performs), child before parent;
// - networks: user networks no remaining container refers to, running or stopped. Stricter than
//   the engine, which prunes a network a stopped container still needs to start again.
// An object in a scoped plan either carries the scope's labels or is freed by objects that do.
//
// Removal never forces: an object that cannot go (a container started meanwhile, a volume now in
// use) is reported, and what it would have freed is kept and reported with it.
import type Docker from 'dockerode';
import { mapBounded } from './bounded';
import { isWharfError, toWharfError, type WharfError } from './errors';
import { isBuiltInNetwork, inspectNetwork, listNetworks, removeNetwork } from './networks';
import { inspectContainer, removeContainer } from './containers';
import { listImages, removeImage } from './images';
import { engineRequest, type RequestOptions } from './request';
import { listVolumes, removeVolume, volumesPruneRemoves } from './volumes';

export type PruneKind = 'containers' | 'images' | 'networks' | 'volumes';

/** Only objects carrying all these labels ("key" or "key=value"), e.g. one compose project. */
export interface PruneScope { labels?: string[] }

export interface PruneItem {
  kind: PruneKind;
  /** What removing it takes: container, image or network id; volume name. */
  id: string;
  /** A container's, network's or volume's name; an image's id (untagged images have no other name). */
  name: string;
  /** A container's image and status text, as the engine lists them. */
  image?: string;
  status?: string;
  /**
   * Bytes its removal frees, as the engine counts them: an image's size (shared layers counted too:
   * an upper bound), a container's writable layer, a volume's data. Absent when the engine did not say.
   */
  size?: number;
  /** Keys (itemKey) of the plan's objects whose removal frees this one: they use it, or are built on it. */
  freedBy: string[];
  /** An untagged image's digest references: removed one by one, the last removes the image. */
  references?: string[];
}

export interface PrunePlan {
  kinds: PruneKind[];
  /** In removal order: containers, then images (children before parents), networks, volumes. */
  items: PruneItem[];
}

export function itemKey(item: Pick<PruneItem, 'kind' | 'id'>): string {
  return `${item.kind}:${item.id}`;
}

/** Whether two plans remove the same objects. */
export function samePlan(a: PrunePlan, b: PrunePlan): boolean {
  const keys = (plan: PrunePlan): string => plan.items.map(itemKey).sort().join('\n');
  return keys(a) === keys(b);
}

/** The engine's state a plan is computed from (the parts of its answers the rules look at). */
export interface PruneSnapshot {
  /** The API version the engine speaks (decides which volumes its prune would spare). */
  apiVersion?: string;
  containers: Array<{ id: string; name: string; image: string; imageId: string; state: string; status: string; labels: Record<string, string>; volumes: string[]; networks: string[]; size?: number }>;
  /** For containers that may be removed: the volumes they created for themselves (anonymous ones). */
  anonymousVolumes: ReadonlyMap<string, ReadonlySet<string>>;
  images: Array<{ id: string; parentId: string; repoTags: string[]; repoDigests: string[]; labels: Record<string, string>; size: number }>;
  volumes: Array<{ name: string; labels: Record<string, string>; size?: number }>;
  /** `endpoints`: containers attached right now, as the network's inspect says. */
  networks: Array<{ id: string; name: string; scope: string; labels: Record<string, string>; endpoints: number }>;
}

/** A container a prune may remove: any that is not running (a paused one counts as running). */
const REMOVABLE_STATES = new Set(['created', 'exited', 'dead']);

/** The plan for `kinds` from one snapshot of the engine: pure, so every rule is unit-tested. */
export function planFromSnapshot(snapshot: PruneSnapshot, kinds: readonly PruneKind[], scope: PruneScope = {}): PrunePlan {
  const ticked = new Set(kinds);
  const inScope = (labels: Record<string, string>): boolean => hasLabels(labels, scope.labels);
  const items: PruneItem[] = [];
  const planned = new Set<string>();
  const add = (item: PruneItem): void => {
    items.push(item);
    planned.add(itemKey(item));
  };

  const removedContainers = ticked.has('containers')
    ? snapshot.containers.filter((c) => REMOVABLE_STATES.has(c.state) && inScope(c.labels))
    : [];
  for (const c of removedContainers) add({ kind: 'containers', id: c.id, name: c.name, image: c.image, status: c.status, ...(c.size !== undefined ? { size: c.size } : {}), freedBy: [] });
  const goes = (c: { id: string }): boolean => planned.has(`containers:${c.id}`);
  const byContainers = (users: PruneSnapshot['containers']): string[] => users.map((c) => `containers:${c.id}`);

  if (ticked.has('images')) {
    const untagged = snapshot.images.filter((i) => realTags(i.repoTags).length === 0);
    const childrenOf = new Map<string, string[]>();
    for (const image of snapshot.images) if (image.parentId) childrenOf.set(image.parentId, [...(childrenOf.get(image.parentId) ?? []), image.id]);
    // Until nothing more is freed: removing a child can free its untagged parent.
    for (let grew = true; grew;) {
      grew = false;
      for (const image of untagged) {
        if (planned.has(`images:${image.id}`)) continue;
        const users = snapshot.containers.filter((c) => c.imageId === image.id);
        const children = childrenOf.get(image.id) ?? [];
        if (users.some((c) => !goes(c)) || children.some((child) => !planned.has(`images:${child}`))) continue;
        const freedBy = [...byContainers(users), ...children.map((child) => `images:${child}`)];
        if (freedBy.length === 0 && !inScope(image.labels)) continue;
        add({ kind: 'images', id: image.id, name: image.id, size: image.size, freedBy, ...(realDigests(image.repoDigests).length ? { references: realDigests(image.repoDigests) } : {}) });
        grew = true;
      }
    }
  }

  if (ticked.has('networks')) {
    for (const network of snapshot.networks) {
      if (isBuiltInNetwork(network.name) || network.scope === 'swarm' || network.endpoints > 0) continue;
      const users = snapshot.containers.filter((c) => c.networks.includes(network.name) || c.networks.includes(network.id));
      if (users.some((c) => !goes(c))) continue;
      if (users.length === 0 && !inScope(network.labels)) continue;
      add({ kind: 'networks', id: network.id, name: network.name, freedBy: byContainers(users) });
    }
  }

  if (ticked.has('volumes')) {
    const sparedByEngine = new Set(snapshot.volumes.map((v) => v.name));
    for (const v of volumesPruneRemoves(snapshot.volumes.map((volume) => ({ Name: volume.name, Labels: volume.labels })), snapshot.apiVersion)) sparedByEngine.delete(v.Name);
    for (const volume of snapshot.volumes) {
      const users = snapshot.containers.filter((c) => c.volumes.includes(volume.name));
      if (users.some((c) => !goes(c))) continue;
      const theirOwn = users.some((c) => snapshot.anonymousVolumes.get(c.id)?.has(volume.name));
      if (!theirOwn && (sparedByEngine.has(volume.name) || !inScope(volume.labels))) continue;
      add({ kind: 'volumes', id: volume.name, name: volume.name, ...(volume.size !== undefined ? { size: volume.size } : {}), freedBy: byContainers(users) });
    }
  }
  return { kinds: [...kinds], items };
}

/** Reads the engine and plans; containers' own volumes are read only when both kinds are ticked. */
export async function planPrune(docker: Docker, kinds: readonly PruneKind[], scope: PruneScope = {}, options: RequestOptions = {}): Promise<PrunePlan> {
  const ticked = new Set(kinds);
  // The sizes come from the same answers the plan is made from: the list's writable-layer sizes
  // (size=1) when containers are ticked, the engine's disk usage for volumes when they are.
  const [containers, images, volumes, networks, volumeSizes] = await Promise.all([
    engineRequest('list containers', (abortSignal) => docker.listContainers({ all: true, size: ticked.has('containers'), abortSignal }), options),
    ticked.has('images') ? listImages(docker, { ...options, all: true }) : [],
    ticked.has('volumes') ? listVolumes(docker, options) : [],
    ticked.has('networks') ? userNetworks(docker, options) : [],
    ticked.has('volumes') ? volumeUsage(docker, options) : new Map<string, number>(),
  ]);
  const snapshot: PruneSnapshot = {
    apiVersion: (docker.modem as unknown as { version?: string }).version,
    containers: containers.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      imageId: c.ImageID,
      state: c.State,
      status: c.Status,
      labels: c.Labels ?? {},
      volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
      networks: [...Object.entries(c.NetworkSettings?.Networks ?? {}).flatMap(([name, n]) => [name, n.NetworkID].filter(Boolean)), c.HostConfig?.NetworkMode ?? ''].filter(Boolean),
      // Listed with sizes, the engine leaves out a writable layer of 0 bytes (omitempty).
      ...(ticked.has('containers') ? sizeOf((c as { SizeRw?: unknown }).SizeRw ?? 0) : {}),
    })),
    anonymousVolumes: new Map(),
    images: images.map((i) => ({ id: i.Id, parentId: i.ParentId ?? '', repoTags: i.RepoTags ?? [], repoDigests: i.RepoDigests ?? [], labels: i.Labels ?? {}, size: i.Size })),
    volumes: volumes.map((v) => ({ name: v.Name, labels: v.Labels ?? {}, ...(volumeSizes.has(v.Name) ? { size: volumeSizes.get(v.Name) } : {}) })),
    networks,
  };
  if (ticked.has('containers') && ticked.has('volumes')) {
    const candidates = planFromSnapshot(snapshot, ['containers'], scope).items;
    snapshot.anonymousVolumes = new Map(await mapBounded(candidates, async (c) => [c.id, await ownVolumes(docker, c.id, options)] as const));
  }
  return planFromSnapshot(snapshot, kinds, scope);
}

export interface PruneOutcome {
  removed: PruneItem[];
  /** Gone before Wharf got to it (removed by someone else meanwhile). */
  alreadyGone: PruneItem[];
  /** Not removed: the engine refused (`error`: in use now, …), or `keptFor` the plan's object that frees it was not removed. */
  failed: Array<{ item: PruneItem; error?: WharfError; keptFor?: PruneItem }>;
}

/** Removes the plan's objects in its order, none forced; `onRemoved` follows progress. */
export async function executePrune(docker: Docker, plan: PrunePlan, options: RequestOptions = {}, onRemoved?: (item: PruneItem) => void): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { removed: [], alreadyGone: [], failed: [] };
  const kept = new Map<string, PruneItem>();
  for (const item of plan.items) {
    const blocker = item.freedBy.map((key) => kept.get(key)).find((k) => k !== undefined);
    if (blocker) {
      kept.set(itemKey(item), item);
      outcome.failed.push({ item, keptFor: blocker });
      continue;
    }
    try {
      await removeItem(docker, item, options);
      outcome.removed.push(item);
      onRemoved?.(item);
    } catch (err) {
      if (isWharfError(err, 'notFound')) { outcome.alreadyGone.push(item); continue; }
      // The engine itself is gone or hung: every next removal would wait out its deadline too.
      if (isWharfError(err, 'cancelled') || isWharfError(err, 'timeout') || isWharfError(err, 'unreachable')) throw err;
      kept.set(itemKey(item), item);
      outcome.failed.push({ item, error: toWharfError(err) });
    }
  }
  return outcome;
}

async function removeItem(docker: Docker, item: PruneItem, options: RequestOptions): Promise<void> {
  switch (item.kind) {
    // Its volumes stay: those in the plan are removed as volumes, the others are not Wharf's to take.
    case 'containers': return removeContainer(docker, item.id, { ...options, removeVolumes: false });
    case 'images':
      // noPrune: the engine would otherwise remove untagged parents too; the plan lists those itself.
      if (!item.references) { await removeImage(docker, item.id, { ...options, noPrune: true }); return; }
      for (const reference of item.references) await removeImage(docker, reference, { ...options, noPrune: true });
      return;
    case 'networks': return removeNetwork(docker, item.id, options);
    case 'volumes': return removeVolume(docker, item.id, options);
  }
}

/** The engine's label filter semantics: every "key" present, every "key=value" equal. */
export function hasLabels(labels: Record<string, string>, wanted: readonly string[] | undefined): boolean {
  return (wanted ?? []).every((filter) => {
    const eq = filter.indexOf('=');
    return eq < 0 ? Object.prototype.hasOwnProperty.call(labels, filter) : labels[filter.slice(0, eq)] === filter.slice(eq + 1);
  });
}

/**
 * Volumes a container created for itself: those it mounts that its configuration does not name
 * (an image's VOLUME, `-v /path`, `--mount type=volume` without a source). A container removed
 * from the engine meanwhile has none.
 */
async function ownVolumes(docker: Docker, id: string, options: RequestOptions): Promise<Set<string>> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await inspectContainer(docker, id, options);
  } catch (err) {
    if (isWharfError(err, 'notFound')) return new Set();
    throw err;
  }
  const named = new Set<string>();
  for (const bind of info.HostConfig.Binds ?? []) {
    const source = bind.split(':')[0];
    if (source && !source.startsWith('/')) named.add(source);
  }
  for (const mount of (info.HostConfig as { Mounts?: Array<{ Type?: string; Source?: string }> }).Mounts ?? []) {
    if (mount.Type === 'volume' && mount.Source) named.add(mount.Source);
  }
  return new Set(info.Mounts.filter((m) => m.Type === 'volume' && m.Name && !named.has(m.Name)).map((m) => m.Name as string));
}

/** User networks with the number of containers attached now (the list does not fill that in on dockerd 20.10). */
async function userNetworks(docker: Docker, options: RequestOptions): Promise<PruneSnapshot['networks']> {
  const listed = (await listNetworks(docker, options)).filter((n) => !isBuiltInNetwork(n.Name));
  const inspected = await mapBounded(listed, async (n) => {
    try {
      return await inspectNetwork(docker, n.Id, options);
    } catch (err) {
      if (isWharfError(err, 'notFound')) return undefined; // removed between the list and its inspect
      throw err;
    }
  });
  return inspected.filter((n): n is Docker.NetworkInspectInfo => n !== undefined)
    .map((n) => ({ id: n.Id, name: n.Name, scope: n.Scope, labels: n.Labels ?? {}, endpoints: Object.keys(n.Containers ?? {}).length }));
}

const sizeOf = (size: unknown): { size?: number } => (typeof size === 'number' && size >= 0 ? { size } : {});

/** Each volume's size in bytes, where the engine's disk usage report knows it (it says -1 when not). */
async function volumeUsage(docker: Docker, options: RequestOptions): Promise<Map<string, number>> {
  const usage = await engineRequest('disk usage', (abortSignal) => (docker.df as (opts: { abortSignal: AbortSignal }) => Promise<unknown>).call(docker, { abortSignal }), options) as { Volumes?: Array<{ Name: string; UsageData?: { Size?: number } }> | null };
  return new Map((usage.Volumes ?? []).flatMap((v) => (typeof v.UsageData?.Size === 'number' && v.UsageData.Size >= 0 ? [[v.Name, v.UsageData.Size] as const] : [])));
}

function realTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => tag !== '<none>:<none>');
}

function realDigests(digests: readonly string[]): string[] {
  return digests.filter((digest) => digest !== '<none>@<none>');
}
