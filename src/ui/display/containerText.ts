// How a container is shown: label, description, icon, context value and tooltip, as pure
// functions of the model (lazydocker's split: display strings never talk to the engine).
import type { ContainerModel, PortBinding } from '../../docker/model';
import { containerStatusText } from '../../docker/statusText';
import { escapeMarkdown, formatAge, markdownCode, shortId } from './format';

export interface IconSpec { id: string; color?: string }

export function containerIcon(container: ContainerModel): IconSpec {
  if (container.state === 'running') {
    if (container.health === 'unhealthy') return { id: 'warning', color: 'charts.red' };
    if (container.health === 'starting') return { id: 'pulse', color: 'charts.yellow' };
    return { id: 'vm-running', color: 'charts.green' };
  }
  switch (container.state) {
    case 'paused': return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting': return { id: 'sync', color: 'charts.orange' };
    case 'removing': return { id: 'trash', color: 'disabledForeground' };
    case 'dead': return { id: 'error', color: 'charts.red' };
    case 'created': return { id: 'vm-outline', color: 'disabledForeground' };
    default: return container.exitCode ? { id: 'vm-outline', color: 'charts.red' } : { id: 'vm-outline', color: 'disabledForeground' };
  }
}

/**
 * Space-separated tokens that menus match with `viewItem =~ /\bcontainer\b/` and
 * `/\brunning\b/`: the kind, the state, and whether a port is published.
 */
export function containerContextValue(container: ContainerModel): string {
  const tokens = ['container', container.state];
  if (publishedPorts(container).length > 0) tokens.push('hasPorts');
  return tokens.join(' ');
}

export function containerDescription(container: ContainerModel, status: string): string {
  return `${container.image} · ${status}`;
}

export function publishedPorts(container: ContainerModel): PortBinding[] {
  return container.ports.filter((p) => p.hostPort !== undefined && p.hostPort > 0);
}

/** The address to open for a published port: loopback when bound to every address. */
export function portUrl(port: PortBinding, wildcardHost: string): string {
  const ip = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? wildcardHost : port.hostIp;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `http://${host}:${port.hostPort}`;
}

export function portLabel(port: PortBinding): string {
  const host = port.hostPort ? `${port.hostIp && port.hostIp !== '0.0.0.0' ? `${port.hostIp}:` : ''}${port.hostPort}→` : '';
  return `${host}${port.containerPort}/${port.protocol}`;
}

/** Markdown for the row's hover; every engine value is escaped or in a code span. */
export function containerTooltip(container: ContainerModel, status: string, wildcardHost: string, now = Date.now()): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(container.name)}** — ${escapeMarkdown(status)}`, '');
  lines.push(`ID: ${markdownCode(shortId(container.id))}  `);
  lines.push(`Image: ${markdownCode(container.image)}  `);
  if (container.command) lines.push(`Command: ${markdownCode(container.command)}  `);
  if (container.health) lines.push(`Health: ${escapeMarkdown(container.health)}  `);
  lines.push(`Created: ${escapeMarkdown(new Date(container.createdAt).toISOString())} (${escapeMarkdown(formatAge(container.createdAt, now))})  `);
  const ports = container.ports;
  if (ports.length > 0) {
    lines.push('', 'Ports:');
    for (const port of ports) {
      lines.push(port.hostPort ? `- [${escapeMarkdown(portLabel(port))}](${portUrl(port, wildcardHost)})` : `- ${escapeMarkdown(portLabel(port))}`);
    }
  }
  if (container.mounts.length > 0) {
    lines.push('', 'Mounts:');
    for (const mount of container.mounts) {
      const source = mount.type === 'volume' && mount.name ? mount.name : mount.source;
      lines.push(`- ${escapeMarkdown(mount.type)} ${markdownCode(source)} → ${markdownCode(mount.destination)}${mount.readOnly ? ' (read-only)' : ''}`);
    }
  }
  const labels = Object.entries(container.labels).filter(([key]) => !key.startsWith('com.docker.compose.'));
  if (labels.length > 0) {
    lines.push('', 'Labels:');
    for (const [key, value] of labels.slice(0, 20)) lines.push(`- ${markdownCode(key)} = ${markdownCode(value)}`);
    if (labels.length > 20) lines.push(`- … ${labels.length - 20} more`);
  }
  return lines.join('\n');
}

/** Text the filter box matches against: name, image, id, state and label values. */
export function containerSearchText(container: ContainerModel): string {
  return [container.name, container.image, container.id, container.state, container.composeProject ?? '', ...Object.values(container.labels)].join('\n').toLowerCase();
}

export type SortKey = 'created' | 'name' | 'status';

const STATE_ORDER: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, removing: 4, exited: 5, dead: 6 };

export function compareContainers(sort: SortKey): (a: ContainerModel, b: ContainerModel) => number {
  const byNewest = (a: ContainerModel, b: ContainerModel): number => b.createdAt - a.createdAt || a.name.localeCompare(b.name);
  if (sort === 'name') return (a, b) => a.name.localeCompare(b.name);
  if (sort === 'status') return (a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || byNewest(a, b);
  return byNewest;
}

/** The STATUS column of `docker ps`, computed now from the model's timestamps. */
export function containerStatus(container: ContainerModel, now = Date.now()): string {
  return containerStatusText(container, now);
}
