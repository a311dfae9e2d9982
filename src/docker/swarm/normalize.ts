// Engine answers (API 1.41 shapes, as dockerd 20.10 sends them) turned into the models of
// model.ts. Pure: the unit tests feed them captured answers.
import { STACK_NAMESPACE_LABEL, type NodeModel, type ServiceModel, type SwarmDataModel, type SwarmMembership, type TaskModel } from './model';

/* eslint-disable @typescript-eslint/no-explicit-any -- engine JSON, read defensively field by field */

const time = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/** `image:tag@sha256:…` as `docker service create` pins it: the name people chose. */
export function imageWithoutDigest(image: string): string {
  return image.replace(/@sha256:[0-9a-f]+$/, '');
}

export function membershipFrom(info: any): SwarmMembership {
  const swarm = info?.Swarm ?? {};
  const state = String(swarm.LocalNodeState ?? 'inactive');
  if (state === 'active') {
    if (swarm.ControlAvailable) return { state: 'manager', nodeId: swarm.NodeID, nodeAddr: swarm.NodeAddr, clusterId: swarm.Cluster?.ID ?? '', managers: swarm.Managers ?? 0, nodes: swarm.Nodes ?? 0 };
    return { state: 'worker', nodeId: swarm.NodeID, nodeAddr: swarm.NodeAddr };
  }
  if (state === 'pending' || state === 'locked' || state === 'error') return { state, error: swarm.Error || undefined };
  return { state: 'inactive' };
}

export function serviceFrom(answer: any): ServiceModel {
  const spec = answer.Spec ?? {};
  const task = spec.TaskTemplate ?? {};
  const container = task.ContainerSpec ?? {};
  const mode = spec.Mode ?? {};
  const labels: Record<string, string> = spec.Labels ?? {};
  const kind: ServiceModel['mode'] = mode.Global ? 'global' : mode.ReplicatedJob ? 'replicated-job' : mode.GlobalJob ? 'global-job' : 'replicated';
  const ports = (answer.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []) as any[];
  return {
    id: answer.ID,
    name: spec.Name ?? answer.ID,
    image: imageWithoutDigest(String(container.Image ?? '')),
    mode: kind,
    replicas: mode.Replicated ? Number(mode.Replicated.Replicas ?? 0) : undefined,
    running: answer.ServiceStatus?.RunningTasks,
    desired: answer.ServiceStatus?.DesiredTasks,
    ports: ports.map((p) => ({ targetPort: Number(p.TargetPort), publishedPort: p.PublishedPort ? Number(p.PublishedPort) : undefined, protocol: p.Protocol ?? 'tcp', mode: p.PublishMode ?? 'ingress' })),
    labels,
    stack: labels[STACK_NAMESPACE_LABEL] || undefined,
    constraints: task.Placement?.Constraints ?? [],
    env: container.Env ?? [],
    mounts: ((container.Mounts ?? []) as any[]).map((m) => ({ type: m.Type ?? 'volume', source: m.Source || undefined, target: m.Target, readOnly: !!m.ReadOnly })),
    secrets: ((container.Secrets ?? []) as any[]).map((s) => String(s.SecretName ?? s.SecretID)),
    updateState: answer.UpdateStatus?.State || undefined,
    updateMessage: answer.UpdateStatus?.Message || undefined,
    updateStartedAt: answer.UpdateStatus?.StartedAt || undefined,
    hasPreviousSpec: !!answer.PreviousSpec,
    version: Number(answer.Version?.Index ?? 0),
    createdAt: time(answer.CreatedAt),
    updatedAt: time(answer.UpdatedAt),
  };
}

export function taskFrom(answer: any): TaskModel {
  const status = answer.Status ?? {};
  const exitCode = status.ContainerStatus?.ExitCode;
  return {
    id: answer.ID,
    serviceId: answer.ServiceID,
    nodeId: answer.NodeID || undefined,
    slot: typeof answer.Slot === 'number' && answer.Slot > 0 ? answer.Slot : undefined,
    state: String(status.State ?? 'unknown'),
    desiredState: String(answer.DesiredState ?? 'unknown'),
    message: status.Message || undefined,
    error: status.Err || undefined,
    // The engine reports 0 for a task that has not exited yet: only a finished task has an exit code.
    exitCode: typeof exitCode === 'number' && ['complete', 'failed', 'shutdown', 'rejected', 'orphaned'].includes(status.State) ? exitCode : undefined,
    containerId: status.ContainerStatus?.ContainerID || undefined,
    image: imageWithoutDigest(String(answer.Spec?.ContainerSpec?.Image ?? '')),
    updatedAt: time(answer.UpdatedAt),
  };
}

export function nodeFrom(answer: any): NodeModel {
  const spec = answer.Spec ?? {};
  return {
    id: answer.ID,
    hostname: answer.Description?.Hostname ?? answer.ID,
    role: spec.Role === 'manager' ? 'manager' : 'worker',
    availability: spec.Availability === 'drain' ? 'drain' : spec.Availability === 'pause' ? 'pause' : 'active',
    status: String(answer.Status?.State ?? 'unknown'),
    address: answer.Status?.Addr || undefined,
    engineVersion: answer.Description?.Engine?.EngineVersion || undefined,
    leader: !!answer.ManagerStatus?.Leader,
    reachability: answer.ManagerStatus?.Reachability || undefined,
    labels: spec.Labels ?? {},
    version: Number(answer.Version?.Index ?? 0),
  };
}

/** A secret's or config's metadata; `Spec.Data` (a config's value) is deliberately not read. */
export function swarmDataFrom(answer: any): SwarmDataModel {
  const labels: Record<string, string> = answer.Spec?.Labels ?? {};
  return { id: answer.ID, name: answer.Spec?.Name ?? answer.ID, labels, stack: labels[STACK_NAMESPACE_LABEL] || undefined, createdAt: time(answer.CreatedAt), updatedAt: time(answer.UpdatedAt) };
}
