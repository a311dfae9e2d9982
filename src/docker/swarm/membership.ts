// The engine's place in a swarm: read it, initialize a swarm, join one, leave it.
import type { NetworkInterfaceInfo } from 'node:os';
import type Docker from 'dockerode';
import type { EndpointAddress } from '../connect';
import type { RequestOptions } from '../request';
import { swarmCall } from './api';
import type { SwarmMembership } from './model';
import { membershipFrom } from './normalize';

export async function readMembership(docker: Docker, options: RequestOptions = {}): Promise<SwarmMembership> {
  return membershipFrom(await swarmCall(docker, { method: 'GET', path: '/info', what: 'read the swarm state' }, options));
}

export interface AdvertiseChoice { address: string; interface: string; loopback: boolean }

/**
 * The addresses the engine can advertise to other nodes. An engine on this machine (unix socket,
 * named pipe, tcp to loopback) has this machine's interfaces; a remote one is known here only by
 * the address Wharf reaches it at. Loopback is offered last: a swarm advertised on it works on
 * one machine only (other nodes cannot reach it), which is what a laptop or a test bed wants.
 */
export function advertiseChoices(address: EndpointAddress, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): AdvertiseChoice[] {
  const local = address.protocol === 'unix' || address.protocol === 'npipe' || (address.protocol === 'tcp' && /^(?:localhost|127\.|::1$|\[::1\]$)/.test(address.host));
  if (!local && (address.protocol === 'tcp' || address.protocol === 'ssh')) {
    return [{ address: address.host, interface: address.protocol, loopback: false }];
  }
  const out: AdvertiseChoice[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const info of list ?? []) {
      if (info.family !== 'IPv4') continue;
      out.push({ address: info.address, interface: name, loopback: info.internal });
    }
  }
  return out.sort((a, b) => Number(a.loopback) - Number(b.loopback));
}

export interface InitOptions {
  advertiseAddr: string;
  /** Where the manager listens for other nodes; the engine's default is 0.0.0.0:2377. */
  listenAddr?: string;
  /** The UDP port of overlay traffic (VXLAN); the engine's default is 4789. */
  dataPathPort?: number;
  forceNewCluster?: boolean;
}

/** `docker swarm init`: returns the new node's id. */
export async function initSwarm(docker: Docker, init: InitOptions, options: RequestOptions = {}): Promise<string> {
  return swarmCall<string>(docker, {
    method: 'POST', path: '/swarm/init', what: 'initialize a swarm',
    body: { AdvertiseAddr: init.advertiseAddr, ListenAddr: init.listenAddr ?? '0.0.0.0:2377', ForceNewCluster: !!init.forceNewCluster, ...(init.dataPathPort ? { DataPathPort: init.dataPathPort } : {}), Spec: {} },
  }, { deadlineMs: 60_000, ...options });
}

export interface JoinOptions { token: string; managerAddress: string; advertiseAddr?: string; listenAddr?: string }

export async function joinSwarm(docker: Docker, join: JoinOptions, options: RequestOptions = {}): Promise<void> {
  await swarmCall(docker, {
    method: 'POST', path: '/swarm/join', what: 'join the swarm',
    body: { JoinToken: join.token, RemoteAddrs: [join.managerAddress], ListenAddr: join.listenAddr ?? '0.0.0.0:2377', ...(join.advertiseAddr ? { AdvertiseAddr: join.advertiseAddr } : {}) },
  }, { deadlineMs: 60_000, ...options });
}

/** `force`: leave even as the last manager (the swarm is lost); only when the user asked for it. */
export async function leaveSwarm(docker: Docker, force: boolean, options: RequestOptions = {}): Promise<void> {
  await swarmCall(docker, { method: 'POST', path: '/swarm/leave', query: { force }, what: 'leave the swarm' }, { deadlineMs: 60_000, ...options });
}

/** The tokens a worker or a manager joins with (a manager's answer only). */
export async function joinTokens(docker: Docker, options: RequestOptions = {}): Promise<{ worker: string; manager: string }> {
  const answer = await swarmCall<{ JoinTokens?: { Worker?: string; Manager?: string } }>(docker, { method: 'GET', path: '/swarm', what: 'read the join tokens' }, options);
  return { worker: answer.JoinTokens?.Worker ?? '', manager: answer.JoinTokens?.Manager ?? '' };
}
