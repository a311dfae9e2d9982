// Engine answers → model objects. Two sources per kind (the list answer and the inspect answer)
// must produce equal models for the same object, or every event would look like a change. The
// one exception, a container's createdAt (exact from inspect, whole seconds in the list), is
// reconciled by the store.
import type { ContainerModel, ContainerState, HealthState, ImageModel, MountSummary, NetworkModel, PortBinding, VolumeModel } from './model';
import { parseStatusText } from './statusText';

/* eslint-disable @typescript-eslint/no-explicit-any -- engine JSON, read defensively field by field */
type Json = any;

const CONTAINER_STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function stateOf(raw: unknown): ContainerState {
  const state = String(raw ?? '').toLowerCase();
  if ((CONTAINER_STATES as readonly string[]).includes(state)) return state as ContainerState;
  if (state === 'stopped' || state === 'configured') return state === 'stopped' ? 'exited' : 'created'; // Podman's words
  return 'created';
}

/** Go's zero time ("0001-01-01T00:00:00Z") and absent values mean "never". */
export function parseTime(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !raw || raw.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) || ms <= 0 ? undefined : ms;
}

function labelsOf(raw: unknown): Record<string, string> {
  return raw && typeof raw === 'object' ? { ...(raw as Record<string, string>) } : {};
}

function sortPorts(ports: PortBinding[]): PortBinding[] {
  const key = (p: PortBinding): string => `${String(p.containerPort).padStart(5, '0')}/${p.protocol}/${p.hostIp ?? ''}/${String(p.hostPort ?? '').padStart(5, '0')}`;
  return ports.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function protocolOf(raw: unknown): PortBinding['protocol'] {
  return raw === 'udp' || raw === 'sctp' ? raw : 'tcp';
}

function mountsOf(raw: unknown): MountSummary[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((m: Json) => {
    const mount: MountSummary = { type: String(m.Type ?? ''), source: String(m.Source ?? ''), destination: String(m.Destination ?? ''), readOnly: m.RW === false };
    if (m.Name) mount.name = String(m.Name);
    return mount;
  }).sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
}

function finishContainer(model: ContainerModel): ContainerModel {
  const project = model.labels['com.docker.compose.project'];
  if (project) model.composeProject = project;
  return model;
}

/** One row of GET /containers/json?all=1, observed at `now` (its Status text is relative). */
export function containerFromSummary(row: Json, now: number): ContainerModel {
  const status = parseStatusText(String(row.Status ?? ''));
  const state = stateOf(row.State);
  const ports: PortBinding[] = (Array.isArray(row.Ports) ? row.Ports : []).map((p: Json) => {
    const port: PortBinding = { containerPort: Number(p.PrivatePort), protocol: protocolOf(p.Type) };
    if (p.IP) port.hostIp = String(p.IP);
    if (p.PublicPort) port.hostPort = Number(p.PublicPort);
    return port;
  });
  const model: ContainerModel = {
    id: String(row.Id),
    name: String((Array.isArray(row.Names) && row.Names[0]) || '').replace(/^\//, ''),
    image: String(row.Image ?? ''),
    imageId: String(row.ImageID ?? ''),
    command: String(row.Command ?? ''),
    state,
    createdAt: Number(row.Created ?? 0) * 1000,
    ports: sortPorts(ports),
    mounts: mountsOf(row.Mounts),
    labels: labelsOf(row.Labels),
    networks: Object.keys(row.NetworkSettings?.Networks ?? {}).sort(),
  };
  if (status.health) model.health = status.health;
  if (state === 'exited' || state === 'restarting') {
    if (status.exitCode !== undefined) model.exitCode = status.exitCode;
    if (status.elapsedMs !== undefined) model.finishedAt = now - status.elapsedMs;
  }
  if ((state === 'running' || state === 'paused') && status.elapsedMs !== undefined) model.startedAt = now - status.elapsedMs;
  if (model.startedAt !== undefined || model.finishedAt !== undefined) {
    model.timesApproximate = true;
    model.timesToleranceMs = status.toleranceMs;
  }
  return finishContainer(model);
}

function healthOf(raw: unknown): HealthState | undefined {
  return raw === 'starting' || raw === 'healthy' || raw === 'unhealthy' ? raw : undefined;
}

/** GET /containers/{id}/json. Exact times; the same fields as the list row. */
export function containerFromInspect(c: Json): ContainerModel {
  const s = c.State ?? {};
  const state = s.Dead ? 'dead' : s.Restarting ? 'restarting' : s.Paused ? 'paused' : stateOf(s.Status ?? (s.Running ? 'running' : 'exited'));
  const ports: PortBinding[] = [];
  for (const [key, bindings] of Object.entries((c.NetworkSettings?.Ports ?? {}) as Record<string, Json>)) {
    const [port, protocol] = key.split('/');
    if (!Array.isArray(bindings) || bindings.length === 0) {
      ports.push({ containerPort: Number(port), protocol: protocolOf(protocol) });
      continue;
    }
    for (const binding of bindings) {
      const entry: PortBinding = { containerPort: Number(port), protocol: protocolOf(protocol) };
      if (binding.HostIp) entry.hostIp = String(binding.HostIp);
      if (binding.HostPort) entry.hostPort = Number(binding.HostPort);
      ports.push(entry);
    }
  }
  const args: string[] = Array.isArray(c.Args) ? c.Args.map(String) : [];
  const model: ContainerModel = {
    id: String(c.Id),
    name: String(c.Name ?? '').replace(/^\//, ''),
    image: String(c.Config?.Image ?? c.ImageName ?? ''),
    imageId: String(c.Image ?? ''),
    // The list answer's wording: arguments with a space in single quotes.
    command: [String(c.Path ?? ''), ...args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg))].join(' ').trim(),
    state,
    // Exact (to the millisecond; the engine gives nanoseconds). The list answer has only whole
    // seconds, which cannot order containers created within one second: the store keeps this
    // time over a list row of the same second (store.ts withKnownTimes), so they never churn.
    createdAt: parseTime(c.Created) ?? 0,
    ports: sortPorts(ports),
    mounts: mountsOf(c.Mounts),
    labels: labelsOf(c.Config?.Labels),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort(),
  };
  // The list answer reports health only while running; do the same so both sources agree.
  const health = healthOf(s.Health?.Status);
  if (health && state === 'running') model.health = health;
  const startedAt = parseTime(s.StartedAt);
  const finishedAt = parseTime(s.FinishedAt);
  if (startedAt !== undefined && (state === 'running' || state === 'paused')) model.startedAt = startedAt;
  if (state === 'exited' || state === 'restarting' || state === 'dead') {
    if (finishedAt !== undefined) model.finishedAt = finishedAt;
    if (state !== 'dead' && typeof s.ExitCode === 'number' && finishedAt !== undefined) model.exitCode = s.ExitCode;
  }
  return finishContainer(model);
}

function realTags(raw: unknown): string[] {
  return (Array.isArray(raw) ? raw.map(String) : []).filter((tag) => !tag.startsWith('<none>')).sort();
}

/** One row of GET /images/json. */
export function imageFromSummary(row: Json): ImageModel {
  return {
    id: String(row.Id),
    repoTags: realTags(row.RepoTags),
    repoDigests: realTags(row.RepoDigests),
    createdAt: Number(row.Created ?? 0) * 1000,
    size: Number(row.Size ?? 0),
    labels: labelsOf(row.Labels),
    containers: typeof row.Containers === 'number' ? row.Containers : -1,
  };
}

/** GET /images/{name}/json. `containers` is not in this answer: keep the caller's known value. */
export function imageFromInspect(i: Json, knownContainers = -1): ImageModel {
  const created = typeof i.Created === 'number' ? i.Created * 1000 : parseTime(i.Created) ?? 0;
  return {
    id: String(i.Id),
    repoTags: realTags(i.RepoTags),
    repoDigests: realTags(i.RepoDigests),
    // The list answer has whole seconds; truncate so both sources agree.
    createdAt: Math.floor(created / 1000) * 1000,
    size: Number(i.Size ?? 0),
    labels: labelsOf(i.Config?.Labels ?? i.Labels),
    containers: knownContainers,
  };
}

export function volumeFrom(v: Json): VolumeModel {
  const model: VolumeModel = { name: String(v.Name), driver: String(v.Driver ?? ''), mountpoint: String(v.Mountpoint ?? ''), labels: labelsOf(v.Labels), scope: String(v.Scope ?? 'local') };
  const created = parseTime(v.CreatedAt);
  if (created !== undefined) model.createdAt = created;
  return model;
}

export function networkFrom(n: Json): NetworkModel {
  const model: NetworkModel = { id: String(n.Id ?? n.ID), name: String(n.Name), driver: String(n.Driver ?? ''), scope: String(n.Scope ?? 'local'), internal: n.Internal === true, labels: labelsOf(n.Labels) };
  const created = parseTime(n.Created);
  if (created !== undefined) model.createdAt = created;
  return model;
}
