// Swarm services: create, scale, update the image (rolling), roll back, remove, list their tasks.
// Created through the API with version ≥ 1.30, the engine does not ask a registry for the image's
// digest (dockerd resolves it only for older clients; the docker CLI does it client-side unless
// --no-resolve-image): a service of an image present only locally runs on the nodes that have it.
import type Docker from 'dockerode';
import type { RequestOptions } from '../request';
import { swarmCall } from './api';
import type { ServiceModel, TaskModel } from './model';
import { serviceFrom, taskFrom } from './normalize';

export interface PortSpec { published?: number; target: number; protocol?: 'tcp' | 'udp' | 'sctp' }
export interface MountSpec { type: 'volume' | 'bind' | 'tmpfs'; source?: string; target: string; readOnly?: boolean }
export interface SecretRef { id: string; name: string; target?: string }

export interface ServiceSpecInput {
  name: string;
  image: string;
  replicas?: number;
  /** Global mode: one task per eligible node (replicas ignored). */
  global?: boolean;
  command?: string[];
  ports?: PortSpec[];
  env?: string[];
  mounts?: MountSpec[];
  constraints?: string[];
  labels?: Record<string, string>;
  containerLabels?: Record<string, string>;
  secrets?: SecretRef[];
  networks?: string[];
}

/** The engine's ServiceSpec for `input`: the one place a spec is built (Create Service and the API stack deploy). */
export function serviceSpec(input: ServiceSpecInput): Record<string, unknown> {
  return {
    Name: input.name,
    Labels: input.labels ?? {},
    TaskTemplate: {
      ContainerSpec: {
        Image: input.image,
        ...(input.command?.length ? { Args: input.command } : {}),
        Env: input.env ?? [],
        Labels: input.containerLabels ?? {},
        Mounts: (input.mounts ?? []).map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: !!m.readOnly })),
        Secrets: (input.secrets ?? []).map((s) => ({ SecretID: s.id, SecretName: s.name, File: { Name: s.target ?? s.name, UID: '0', GID: '0', Mode: 0o444 } })),
      },
      Placement: { Constraints: input.constraints ?? [] },
      ...(input.networks?.length ? { Networks: input.networks.map((Target) => ({ Target })) } : {}),
    },
    Mode: input.global ? { Global: {} } : { Replicated: { Replicas: input.replicas ?? 1 } },
    // Rolling updates one task at a time, rolled back by the engine when the new tasks fail.
    UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Order: 'stop-first' },
    RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Order: 'stop-first' },
    EndpointSpec: { Ports: (input.ports ?? []).map((p) => ({ Protocol: p.protocol ?? 'tcp', TargetPort: p.target, ...(p.published ? { PublishedPort: p.published } : {}), PublishMode: 'ingress' })) },
  };
}

export async function createService(docker: Docker, input: ServiceSpecInput, options: RequestOptions = {}): Promise<string> {
  const answer = await swarmCall<{ ID: string }>(docker, { method: 'POST', path: '/services/create', body: serviceSpec(input), what: `create service ${input.name}` }, options);
  return answer.ID;
}

interface RawService { ID: string; Version: { Index: number }; Spec: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any -- the spec is sent back as read

function inspectRaw(docker: Docker, id: string, options: RequestOptions): Promise<RawService> {
  return swarmCall<RawService>(docker, { method: 'GET', path: `/services/${encodeURIComponent(id)}`, what: `inspect service ${id}` }, options);
}

export async function inspectService(docker: Docker, id: string, options: RequestOptions = {}): Promise<ServiceModel> {
  return serviceFrom(await inspectRaw(docker, id, options));
}

export async function listServices(docker: Docker, options: RequestOptions = {}): Promise<ServiceModel[]> {
  const answer = await swarmCall<unknown[]>(docker, { method: 'GET', path: '/services', query: { status: true }, what: 'list services' }, options);
  return (answer ?? []).map(serviceFrom);
}

export async function listTasks(docker: Docker, filters: { service?: string[]; node?: string[] } = {}, options: RequestOptions = {}): Promise<TaskModel[]> {
  const answer = await swarmCall<unknown[]>(docker, { method: 'GET', path: '/tasks', query: { filters: JSON.stringify(filters) }, what: 'list tasks' }, options);
  return (answer ?? []).map(taskFrom);
}

/** Reads the service, changes its spec, and sends it back at the version read (the engine refuses a stale one). */
async function updateSpec(docker: Docker, id: string, what: string, change: (spec: RawService['Spec']) => void, options: RequestOptions, query: Record<string, unknown> = {}): Promise<void> {
  const current = await inspectRaw(docker, id, options);
  const spec = structuredClone(current.Spec);
  change(spec);
  await swarmCall(docker, { method: 'POST', path: `/services/${encodeURIComponent(current.ID)}/update`, query: { version: current.Version.Index, ...query }, body: spec, what }, options);
}

export function scaleService(docker: Docker, id: string, replicas: number, options: RequestOptions = {}): Promise<void> {
  return updateSpec(docker, id, `scale service ${id}`, (spec) => {
    if (!spec.Mode?.Replicated) throw new Error('Only a replicated service can be scaled; a global one runs one task per node.');
    spec.Mode.Replicated.Replicas = replicas;
  }, options);
}

/** A rolling update to `image`; its progress is the service's UpdateStatus, which the store follows. */
export function updateServiceImage(docker: Docker, id: string, image: string, options: RequestOptions = {}): Promise<void> {
  return updateSpec(docker, id, `update the image of service ${id}`, (spec) => {
    spec.TaskTemplate.ContainerSpec.Image = image;
    // The same image name must still replace the tasks (a rebuilt local tag).
    spec.TaskTemplate.ForceUpdate = (spec.TaskTemplate.ForceUpdate ?? 0) + 1;
  }, options);
}

/** Back to the spec before the last update (the engine keeps one), as `docker service rollback`. */
export function rollbackService(docker: Docker, id: string, options: RequestOptions = {}): Promise<void> {
  return updateSpec(docker, id, `roll back service ${id}`, () => undefined, options, { rollback: 'previous' });
}

export async function removeService(docker: Docker, id: string, options: RequestOptions = {}): Promise<void> {
  await swarmCall(docker, { method: 'DELETE', path: `/services/${encodeURIComponent(id)}`, what: `remove service ${id}` }, options);
}
