// Volume operations. Removing or pruning volumes deletes data, so nothing here is forced by default.
import type Docker from 'dockerode';
import { labelFilter, type PruneOptions, type PruneResult } from './containers';
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

/**
 * What a volume prune would delete: volumes no container (running or not) refers to. Engines
 * before API 1.42 prune named volumes too; newer ones only anonymous ones unless asked.
 */
export async function previewVolumePrune(docker: Docker, options: PruneOptions = {}): Promise<Docker.VolumeInspectInfo[]> {
  return listVolumes(docker, { ...options, danglingOnly: true });
}

export async function pruneVolumes(docker: Docker, options: PruneOptions = {}): Promise<PruneResult> {
  const result = await engineRequest('prune volumes', (abortSignal) => docker.pruneVolumes({ filters: labelFilter(options), abortSignal }), options);
  return { removed: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}
