// Secrets and configs. A value goes to the engine once, at creation, and is never read back: no
// function here returns, logs or keeps it. (The engine never sends a secret's value; it does send
// a config's, which normalize.ts drops.)
import type Docker from 'dockerode';
import type { RequestOptions } from '../request';
import { swarmCall } from './api';
import type { SwarmDataModel } from './model';
import { swarmDataFrom } from './normalize';

export type SwarmDataKind = 'secret' | 'config';

const pathOf = (kind: SwarmDataKind): string => (kind === 'secret' ? '/secrets' : '/configs');

export async function listSwarmData(docker: Docker, kind: SwarmDataKind, options: RequestOptions = {}): Promise<SwarmDataModel[]> {
  return ((await swarmCall<unknown[]>(docker, { method: 'GET', path: pathOf(kind), what: `list ${kind}s` }, options)) ?? []).map(swarmDataFrom);
}

/** Creates a secret or config holding `value`; returns only its id. */
export async function createSwarmData(docker: Docker, kind: SwarmDataKind, name: string, value: Buffer, labels: Record<string, string> = {}, options: RequestOptions = {}): Promise<string> {
  const answer = await swarmCall<{ ID: string }>(docker, { method: 'POST', path: `${pathOf(kind)}/create`, body: { Name: name, Labels: labels, Data: value.toString('base64') }, what: `create ${kind} ${name}` }, options);
  return answer.ID;
}

export async function removeSwarmData(docker: Docker, kind: SwarmDataKind, id: string, options: RequestOptions = {}): Promise<void> {
  await swarmCall(docker, { method: 'DELETE', path: `${pathOf(kind)}/${encodeURIComponent(id)}`, what: `remove ${kind} ${id}` }, options);
}
