// Network operations.
import type Docker from 'dockerode';
import type { PruneResult } from './containers';
import { dial, engineRequest, type RequestOptions } from './request';

export function listNetworks(docker: Docker, options: RequestOptions & { danglingOnly?: boolean } = {}): Promise<Docker.NetworkInspectInfo[]> {
  return engineRequest('list networks', (abortSignal) =>
    docker.listNetworks({ filters: options.danglingOnly ? { dangling: ['true'] } : undefined, abortSignal }), options);
}

export function inspectNetwork(docker: Docker, idOrName: string, options: RequestOptions = {}): Promise<Docker.NetworkInspectInfo> {
  return engineRequest(`inspect network ${idOrName}`, (signal) =>
    dial<Docker.NetworkInspectInfo>(docker, { path: `/networks/${encodeURIComponent(idOrName)}`, method: 'GET', statusCodes: { 200: true, 404: 'no such network', 500: 'server error' } }, signal), options);
}

export async function createNetwork(docker: Docker, spec: { name: string; driver?: string; internal?: boolean; labels?: Record<string, string> }, options: RequestOptions = {}): Promise<string> {
  const network = await engineRequest(`create network ${spec.name}`, (abortSignal) =>
    docker.createNetwork({ Name: spec.name, Driver: spec.driver ?? 'bridge', Internal: spec.internal ?? false, Labels: spec.labels ?? {}, CheckDuplicate: true, abortSignal }), options);
  return network.id;
}

/** Removes a network; fails while containers are attached (never disconnects them for you). */
export async function removeNetwork(docker: Docker, idOrName: string, options: RequestOptions = {}): Promise<void> {
  await engineRequest(`remove network ${idOrName}`, (abortSignal) => docker.getNetwork(idOrName).remove({ abortSignal }), options);
}

// The engine's own networks are never pruned, and the dangling filter does not list them.
const BUILT_IN = new Set(['bridge', 'host', 'none']);

/** What a network prune would delete: user networks no container is attached to. */
export async function previewNetworkPrune(docker: Docker, options: RequestOptions = {}): Promise<Docker.NetworkInspectInfo[]> {
  const dangling = await listNetworks(docker, { ...options, danglingOnly: true });
  return dangling.filter((n) => !BUILT_IN.has(n.Name));
}

export async function pruneNetworks(docker: Docker, options: RequestOptions = {}): Promise<PruneResult> {
  const result = await engineRequest('prune networks', (abortSignal) => docker.pruneNetworks({ abortSignal }), options);
  return { removed: result.NetworksDeleted ?? [], spaceReclaimed: 0 };
}
