// Swarm nodes: availability (drain, pause, active), role (promote, demote), removal.
import type Docker from 'dockerode';
import type { RequestOptions } from '../request';
import { swarmCall } from './api';
import type { NodeModel } from './model';
import { nodeFrom } from './normalize';

export async function listNodes(docker: Docker, options: RequestOptions = {}): Promise<NodeModel[]> {
  return ((await swarmCall<unknown[]>(docker, { method: 'GET', path: '/nodes', what: 'list nodes' }, options)) ?? []).map(nodeFrom);
}

async function updateNode(docker: Docker, id: string, what: string, change: (spec: Record<string, unknown>) => void, options: RequestOptions): Promise<void> {
  const current = await swarmCall<{ ID: string; Version: { Index: number }; Spec: Record<string, unknown> }>(docker, { method: 'GET', path: `/nodes/${encodeURIComponent(id)}`, what: `inspect node ${id}` }, options);
  const spec = { ...current.Spec };
  change(spec);
  await swarmCall(docker, { method: 'POST', path: `/nodes/${encodeURIComponent(current.ID)}/update`, query: { version: current.Version.Index }, body: spec, what }, options);
}

export function setNodeAvailability(docker: Docker, id: string, availability: NodeModel['availability'], options: RequestOptions = {}): Promise<void> {
  return updateNode(docker, id, `set node ${id} to ${availability}`, (spec) => { spec.Availability = availability; }, options);
}

export function setNodeRole(docker: Docker, id: string, role: NodeModel['role'], options: RequestOptions = {}): Promise<void> {
  return updateNode(docker, id, `${role === 'manager' ? 'promote' : 'demote'} node ${id}`, (spec) => { spec.Role = role; }, options);
}

/** `force`: remove a node that is still up (it keeps running its tasks, outside the swarm). */
export async function removeNode(docker: Docker, id: string, force: boolean, options: RequestOptions = {}): Promise<void> {
  await swarmCall(docker, { method: 'DELETE', path: `/nodes/${encodeURIComponent(id)}`, query: { force }, what: `remove node ${id}` }, options);
}
