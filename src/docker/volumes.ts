// Volume operations. Removing volumes deletes data, so nothing here is forced by default.
import type Docker from 'dockerode';
import { labelFilter, type PruneOptions } from './containers';
import { engineRequest, type RequestOptions } from './request';

export async function listVolumes(docker: Docker, options: PruneOptions & { danglingOnly?: boolean } = {}): Promise<Docker.VolumeInspectInfo[]> {
  const filters = { ...(options.danglingOnly ? { dangling: ['true'] } : {}), ...labelFilter(options) };
  const result = await engineRequest('list volumes', (abortSignal) => docker.listVolumes({ filters, abortSignal }), options);
  return result.Volumes ?? [];
}

export function inspectVolume(docker: Docker, name: string, options: RequestOptions = {}): Promise<Docker.VolumeInspectInfo> {
  return engineRequest(`inspect volume ${name}`, (abortSignal) => docker.getVolume(name).inspect({ abortSignal }), options);
}

export async function createVolume(docker: Docker, spec: { name?: string; driver?: string; labels?: Record<string, string> } = {}, options: RequestOptions = {}): Promise<string> {
  const volume = (await engineRequest('create volume', (abortSignal) =>
    docker.createVolume({ Name: spec.name ?? '', Driver: spec.driver ?? 'local', Labels: spec.labels ?? {}, abortSignal } as Docker.VolumeCreateOptions), options)) as unknown as { Name?: string; name?: string };
  // dockerode resolves with a Volume handle (name) or the engine's JSON (Name), depending on version.
  return volume.Name ?? volume.name ?? '';
}

/** Removes a volume; an in-use volume fails unless `force` (default false). */
export async function removeVolume(docker: Docker, name: string, options: RequestOptions & { force?: boolean } = {}): Promise<void> {
  await engineRequest(`remove volume ${name}`, (abortSignal) => docker.getVolume(name).remove({ force: options.force ?? false, abortSignal }), options);
}

/** The label Docker (API 1.42+, Engine 23+) puts on the volumes it creates without a name. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

/**
 * Whether a volume prune on an engine speaking this API version spares named volumes. From API
 * 1.42 Docker prunes only anonymous volumes unless `all=true`; before it (and on Podman, whose
 * compatible API reports 1.41) every unused volume goes.
 */
export function pruneSparesNamedVolumes(apiVersion: string | undefined): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(apiVersion ?? '');
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 1 || (major === 1 && minor >= 42);
}

/** Of the unused volumes, those a prune at this API version deletes. */
export function volumesPruneRemoves<V extends { Labels?: Record<string, string> | null }>(unused: readonly V[], apiVersion: string | undefined): V[] {
  if (!pruneSparesNamedVolumes(apiVersion)) return [...unused];
  return unused.filter((volume) => volume.Labels != null && ANONYMOUS_VOLUME_LABEL in volume.Labels);
}
