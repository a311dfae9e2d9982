// What the user asks `run` for, mapped to the engine's create-container body. Pure, so the
// mapping is tested without an engine; containers.ts sends it.
import type Docker from 'dockerode';

export interface PortSpec {
  containerPort: number;
  /** Omitted: the engine picks a free port. */
  hostPort?: number;
  /** Omitted: the engine's default address (dockerd's --ip, 0.0.0.0 unless configured). */
  hostIp?: string;
  protocol?: 'tcp' | 'udp' | 'sctp';
}

export type MountSpec =
  /** A named volume, or an anonymous one when `source` is omitted. */
  | { type: 'volume'; source?: string; target: string; readOnly?: boolean }
  | { type: 'bind'; source: string; target: string; readOnly?: boolean }
  | { type: 'tmpfs'; target: string };

export type RestartPolicyName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface RunSpec {
  image: string;
  name?: string;
  /** Replaces the image's CMD. */
  command?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  ports?: PortSpec[];
  mounts?: MountSpec[];
  network?: string;
  restartPolicy?: { name: RestartPolicyName; maximumRetryCount?: number };
  /** Remove the container when it exits (docker run --rm). */
  autoRemove?: boolean;
  /** OCI runtime name from the engine's info (e.g. runc, runsc). */
  runtime?: string;
  labels?: Record<string, string>;
  /** Keep stdin open and allocate a TTY (docker run -it). */
  interactive?: boolean;
  workingDir?: string;
  user?: string;
}

export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort: string }>> = {};
  for (const port of spec.ports ?? []) {
    const key = `${port.containerPort}/${port.protocol ?? 'tcp'}`;
    exposed[key] = {};
    const binding: { HostIp?: string; HostPort: string } = { HostPort: port.hostPort ? String(port.hostPort) : '' };
    if (port.hostIp) binding.HostIp = port.hostIp;
    (bindings[key] ??= []).push(binding);
  }
  // Anonymous volumes go in Config.Volumes, like `docker run -v /data`; the rest as Mounts.
  const anonymous: Record<string, object> = {};
  const mounts: Docker.MountSettings[] = [];
  for (const mount of spec.mounts ?? []) {
    if (mount.type === 'volume' && !mount.source) anonymous[mount.target] = {};
    else if (mount.type === 'tmpfs') mounts.push({ Type: 'tmpfs', Target: mount.target, Source: '' });
    else mounts.push({ Type: mount.type, Source: mount.source ?? '', Target: mount.target, ReadOnly: mount.readOnly ?? false });
  }
  const interactive = spec.interactive ?? false;
  const options: Docker.ContainerCreateOptions = {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.command,
    Entrypoint: spec.entrypoint,
    Env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${v}`) : undefined,
    Labels: spec.labels,
    WorkingDir: spec.workingDir,
    User: spec.user,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    Volumes: Object.keys(anonymous).length ? anonymous : undefined,
    Tty: interactive,
    OpenStdin: interactive,
    AttachStdin: interactive,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      PortBindings: Object.keys(bindings).length ? bindings : undefined,
      Mounts: mounts.length ? mounts : undefined,
      NetworkMode: spec.network,
      RestartPolicy: spec.restartPolicy ? { Name: spec.restartPolicy.name === 'no' ? '' : spec.restartPolicy.name, MaximumRetryCount: spec.restartPolicy.maximumRetryCount ?? 0 } : undefined,
      AutoRemove: spec.autoRemove ?? false,
      Runtime: spec.runtime,
    },
  };
  return stripUndefined(options);
}

function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
