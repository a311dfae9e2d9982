// Network operations.
import type Docker from 'dockerode';
import { labelFilter, type PruneOptions } from './containers';
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

/** The engine's own networks (Podman's default one among them): never removed by a prune. */
const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none', 'podman']);

export function isBuiltInNetwork(name: string): boolean {
  return BUILT_IN_NETWORKS.has(name);
}
