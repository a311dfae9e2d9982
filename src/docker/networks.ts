// Network operations.
import type Docker from 'dockerode';
import { labelFilter, type PruneOptions, type PruneResult } from './containers';
import { isWharfError } from './errors';
import { dial, engineRequest, type RequestOptions } from './request';

export function listNetworks(docker: Docker, options: PruneOptions & { danglingOnly?: boolean } = {}): Promise<Docker.NetworkInspectInfo[]> {
  const filters = { ...(options.danglingOnly ? { dangling: ['true'] } : {}), ...labelFilter(options) };
  return engineRequest('list networks', (abortSignal) => docker.listNetworks({ filters, abortSignal }), options);
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

// The engine's own networks are never pruned.
const BUILT_IN = new Set(['bridge', 'host', 'none']);

/**
 * What a network prune would delete: user networks with no container attached. The engine's
 * `dangling` list filter is not used: dockerd 20.10 does not fill in a listed network's containers,
 * so it calls every network dangling. Each candidate is inspected instead, which sees the same
 * endpoints the prune itself checks.
 */
export async function previewNetworkPrune(docker: Docker, options: PruneOptions = {}): Promise<Docker.NetworkInspectInfo[]> {
  const candidates = (await listNetworks(docker, options)).filter((n) => !BUILT_IN.has(n.Name));
  const inspected = await Promise.all(candidates.map((n) => inspectNetwork(docker, n.Id, options).catch(goneMeanwhile)));
  return inspected.filter((n): n is Docker.NetworkInspectInfo => n !== undefined && Object.keys(n.Containers ?? {}).length === 0);
}

/** A network removed between the list and its inspect is simply not a candidate. */
function goneMeanwhile(err: unknown): undefined {
  if (isWharfError(err, 'notFound')) return undefined;
  throw err;
}

export async function pruneNetworks(docker: Docker, options: PruneOptions = {}): Promise<PruneResult> {
  const result = await engineRequest('prune networks', (abortSignal) => docker.pruneNetworks({ filters: labelFilter(options), abortSignal }), options);
  return { removed: result.NetworksDeleted ?? [], spaceReclaimed: 0 };
}
