// The Swarm objects as Wharf holds them: plain data read from the engine's answers, nothing that
// a view could not show. A secret's or config's value is never part of a model: the engine never
// sends a secret's, and a config's (which it does send) is dropped here.

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';

/** Where the connected engine stands in a swarm. */
export type SwarmMembership =
  | { state: 'inactive' }
  | { state: 'pending' | 'locked' | 'error'; error?: string }
  | { state: 'worker'; nodeId: string; nodeAddr: string }
  | { state: 'manager'; nodeId: string; nodeAddr: string; clusterId: string; managers: number; nodes: number };

export interface PublishedPort { targetPort: number; publishedPort?: number; protocol: string; mode: string }

export interface ServiceMount { type: string; source?: string; target: string; readOnly: boolean }

export interface ServiceModel {
  id: string;
  name: string;
  /** The image as the spec names it, without the digest the CLI pins. */
  image: string;
  mode: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  /** Desired replicas (replicated mode). */
  replicas?: number;
  running?: number;
  desired?: number;
  ports: PublishedPort[];
  labels: Record<string, string>;
  stack?: string;
  constraints: string[];
  env: string[];
  mounts: ServiceMount[];
  secrets: string[];
  /** The last update's state: updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  updateState?: string;
  updateMessage?: string;
  /** When the last update (or rollback) started: tells one update's outcome from the previous one's. */
  updateStartedAt?: string;
  /** Whether the engine keeps a previous spec to roll back to. */
  hasPreviousSpec: boolean;
  version: number;
  createdAt?: number;
  updatedAt?: number;
}

export interface TaskModel {
  id: string;
  serviceId: string;
  nodeId?: string;
  slot?: number;
  state: string;
  desiredState: string;
  message?: string;
  error?: string;
  exitCode?: number;
  containerId?: string;
  image: string;
  updatedAt?: number;
}

export interface NodeModel {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  status: string;
  address?: string;
  engineVersion?: string;
  leader: boolean;
  reachability?: string;
  labels: Record<string, string>;
  version: number;
}

/** A secret's or a config's metadata: never its value. */
export interface SwarmDataModel {
  id: string;
  name: string;
  labels: Record<string, string>;
  stack?: string;
  createdAt?: number;
  updatedAt?: number;
}

export type SwarmKind = 'service' | 'task' | 'node' | 'secret' | 'config' | 'membership';

export interface SwarmChange { kinds: SwarmKind[]; services?: string[] }

export interface StackModel { name: string; services: ServiceModel[] }

/** Services grouped by the label `docker stack deploy` puts on everything it creates. */
export function stacksOf(services: readonly ServiceModel[]): StackModel[] {
  const byName = new Map<string, ServiceModel[]>();
  for (const service of services) {
    if (!service.stack) continue;
    let list = byName.get(service.stack);
    if (!list) byName.set(service.stack, (list = []));
    list.push(service);
  }
  return [...byName].map(([name, list]) => ({ name, services: list.sort((a, b) => a.name.localeCompare(b.name)) })).sort((a, b) => a.name.localeCompare(b.name));
}
