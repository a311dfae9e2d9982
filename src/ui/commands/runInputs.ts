// Reading what the user types in the Run flow, checked at the step where it is typed. Pure:
// unit-tested without VS Code or an engine; problems are data, worded (and translated) by the flow.
import type { ContainerModel, RuntimeInfo } from '../../docker/model';
import type { PortSpec } from '../../docker/runOptions';

const PORT = /^(?:(?:\[([0-9a-fA-F:]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):)?(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

export type PortProblem =
  | { kind: 'syntax'; entry: string }
  | { kind: 'range'; entry: string }
  /** Another container already publishes this host port on an address that overlaps. */
  | { kind: 'taken'; entry: string; container: string };

export type PortsParse = { ok: true; ports: PortSpec[] } | { ok: false; problem: PortProblem };

/** "8080:80, 127.0.0.1:8443:443/tcp 53/udp" → port specs, or the first bad entry. */
export function parsePorts(text: string): PortsParse {
  const ports: PortSpec[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const match = PORT.exec(entry);
    if (!match) return { ok: false, problem: { kind: 'syntax', entry } };
    const [, ipv6, ipv4, host, container, protocol] = match;
    const spec: PortSpec = { containerPort: Number(container) };
    if (host) spec.hostPort = Number(host);
    if (ipv4 || ipv6) spec.hostIp = ipv4 ?? ipv6;
    if (protocol) spec.protocol = protocol as PortSpec['protocol'];
    for (const n of [spec.containerPort, spec.hostPort]) if (n !== undefined && (n < 1 || n > 65535)) return { ok: false, problem: { kind: 'range', entry } };
    ports.push(spec);
  }
  return { ok: true, ports };
}

const WILDCARDS = new Set(['', '0.0.0.0', '::']);

/**
 * The first requested host port that a running container already publishes (same protocol, and
 * addresses that overlap: equal, or either side bound to every address). The engine would refuse
 * it only after every step was answered; the store knows it now. A port typed without an address
 * lands on the engine's default address (dockerd's --ip), unknown here, so it counts as every one.
 */
export function takenPort(ports: readonly PortSpec[], containers: readonly ContainerModel[]): PortProblem | undefined {
  for (const port of ports) {
    if (!port.hostPort) continue;
    const protocol = port.protocol ?? 'tcp';
    const ip = port.hostIp ?? '';
    for (const c of containers) {
      if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') continue;
      const clash = c.ports.some((p) => p.hostPort === port.hostPort && p.protocol === protocol
        && (WILDCARDS.has(ip) || WILDCARDS.has(p.hostIp ?? '') || p.hostIp === ip));
      if (clash) return { kind: 'taken', entry: `${port.hostIp ? `${port.hostIp}:` : ''}${port.hostPort}`, container: c.name };
    }
  }
  return undefined;
}

export type NameProblem = { kind: 'syntax'; name: string } | { kind: 'taken'; name: string };

/**
 * The engine's rule for container names, [a-zA-Z0-9][a-zA-Z0-9_.-]+ (two characters at least),
 * and no other container of that name. Empty is fine: the engine picks one.
 */
export function containerNameProblem(name: string, containers: readonly ContainerModel[]): NameProblem | undefined {
  if (!name) return undefined;
  if (!/^[a-z0-9][\w.-]+$/i.test(name)) return { kind: 'syntax', name };
  return containers.some((c) => c.name === name) ? { kind: 'taken', name } : undefined;
}

/** The engine's default runtime first (DefaultRuntime from /info), then the others by name. */
export function orderRuntimes(runtimes: readonly RuntimeInfo[], defaultRuntime: string | undefined): RuntimeInfo[] {
  const isDefault = (r: RuntimeInfo): boolean => r.name === defaultRuntime || (defaultRuntime === undefined && r.isDefault);
  return [...runtimes].sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || a.name.localeCompare(b.name));
}
