// Volume operations. Removing or pruning volumes deletes data, so nothing here is forced by default.
import type Docker from 'dockerode';
import type { PruneResult } from './containers';
import { engineRequest, type RequestOptions } from './request';

export async function listVolumes(docker: Docker, options: RequestOptions & { danglingOnly?: boolean } = {}): Promise<Docker.VolumeInspectInfo[]> {
  const result = await engineRequest('list volumes', (abortSignal) =>
    docker.listVolumes({ filters: options.danglingOnly ? { dangling: ['true'] } : undefined, abortSignal }), options);
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

/** What a volume prune would delete: volumes no container (running or not) refers to. */
export async function previewVolumePrune(docker: Docker, options: RequestOptions = {}): Promise<Docker.VolumeInspectInfo[]> {
  return listVolumes(docker, { ...options, danglingOnly: true });
}

export async function pruneVolumes(docker: Docker, options: RequestOptions = {}): Promise<PruneResult> {
  const result = await engineRequest('prune volumes', (abortSignal) => docker.pruneVolumes({ abortSignal }), options);
  return { removed: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}
