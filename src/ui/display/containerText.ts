// How a container is shown: label, description, icon, context value and tooltip, as pure
// functions of the model (lazydocker's split: display strings never talk to the engine).
import { isIP } from 'node:net';
import type { ContainerModel, PortBinding } from '../../docker/model';
import { maskKeyedValue, maskText } from '../../docker/secrets';
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
 * Space-separated tokens that menus match with `viewItem =~ /^container running\b/`: the kind,
 * the state, and whether a port is published. While Wharf waits for a Stop it issued the state is
 * `stopping` (the engine has no such state): the menus then offer Kill now instead of Stop.
 */
export function containerContextValue(container: ContainerModel, stopping = false): string {
  const tokens = ['container', stopping ? 'stopping' : container.state];
  if (publishedPorts(container).length > 0) tokens.push('hasPorts');
  return tokens.join(' ');
}

/** Status first: a narrow sidebar cuts the end of a description, and the image is the lesser loss. */
export function containerDescription(container: ContainerModel, status: string): string {
  return `${status} · ${container.image}`;
}

export function publishedPorts(container: ContainerModel): PortBinding[] {
  return container.ports.filter((p) => p.hostPort !== undefined && p.hostPort > 0);
}

/** An IPv4 or IPv6 address literal (no zone: "%eth0" has no place in a link). */
export function isIpLiteral(text: string): boolean {
  return !text.includes('%') && isIP(text) !== 0;
}

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46 /* . */) {
      const length = i - labelStart;
      if (length === 0 || length > 63 || text[labelStart] === '-' || text[i - 1] === '-') return false;
      labelStart = i + 1;
      continue;
    }
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!alnum && code !== 45 /* - */) return false;
  }
  return true;
}

/** wharf.containers.browserHost as written ("[::1]" allowed), or undefined when it is no host name or address. */
export function browserHostOf(setting: string): string | undefined {
  const value = setting.trim();
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIpLiteral(bare)) return bare;
  return bare === value && isHostName(value) ? value : undefined;
}

/**
 * The address to open for a published port: `wildcardHost` (a validated setting) when bound to
 * every address, else the bound address. The engine's HostIp becomes part of a link only when it
 * is an IP literal; anything else falls back to `wildcardHost`. Undefined for a port no URL can have.
 */
export function portUrl(port: PortBinding, wildcardHost: string): string | undefined {
  if (port.hostPort === undefined || !Number.isInteger(port.hostPort) || port.hostPort < 1 || port.hostPort > 65535) return undefined;
  const bound = port.hostIp && isIpLiteral(port.hostIp) && port.hostIp !== '0.0.0.0' && port.hostIp !== '::' ? port.hostIp : undefined;
  const ip = bound ?? wildcardHost;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `http://${host}:${port.hostPort}`;
}

/**
 * As `docker ps` shows a binding: the address it is bound on, every address (0.0.0.0, [::])
 * included, so a port open to the network never reads as a loopback one.
 */
export function portLabel(port: PortBinding): string {
  const address = port.hostIp ? `${port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp}:` : '';
  const host = port.hostPort ? `${address}${port.hostPort}→` : '';
  return `${host}${port.containerPort}/${port.protocol}`;
}

/** Markdown for the row's hover; every engine value is escaped or in a code span, secrets masked. */
export function containerTooltip(container: ContainerModel, status: string, wildcardHost: string, now = Date.now()): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(container.name)}** — ${escapeMarkdown(status)}`, '');
  lines.push(`ID: ${markdownCode(shortId(container.id))}  `);
  lines.push(`Image: ${markdownCode(container.image)}  `);
  if (container.command) lines.push(`Command: ${markdownCode(maskText(container.command))}  `);
  if (container.health) lines.push(`Health: ${escapeMarkdown(container.health)}  `);
  lines.push(`Created: ${escapeMarkdown(new Date(container.createdAt).toISOString())} (${escapeMarkdown(formatAge(container.createdAt, now))})  `);
  const ports = container.ports;
  if (ports.length > 0) {
    lines.push('', 'Ports:');
    for (const port of ports) {
      const url = portUrl(port, wildcardHost);
      lines.push(url ? `- [${escapeMarkdown(portLabel(port))}](${url})` : `- ${escapeMarkdown(portLabel(port))}`);
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
    for (const [key, value] of labels.slice(0, 20)) lines.push(`- ${markdownCode(maskText(key))} = ${markdownCode(maskKeyedValue(key, value))}`);
    if (labels.length > 20) lines.push(`- … ${labels.length - 20} more`);
  }
  return lines.join('\n');
}

/** Text the filter box matches against: name, image, id, state and label values as the hover shows them (masked). */
export function containerSearchText(container: ContainerModel): string {
  const labels = Object.entries(container.labels).map(([key, value]) => maskKeyedValue(key, value));
  return [container.name, container.image, container.id, container.state, container.composeProject ?? '', ...labels].join('\n').toLowerCase();
}

export type SortKey = 'created' | 'name' | 'status';

const STATE_ORDER: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, removing: 4, exited: 5, dead: 6 };

const byId = (a: ContainerModel, b: ContainerModel): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Newest first by the creation second, then by name, then by id. The engine's list gives creation
 * in whole seconds and an inspect gives it exactly; ordering by the exact time would swap two
 * containers made in one second as their inspects come in (under the pointer), so both count
 * alike and the name decides.
 */
export function compareContainers(sort: SortKey): (a: ContainerModel, b: ContainerModel) => number {
  const second = (c: ContainerModel): number => Math.floor(c.createdAt / 1000);
  const byNewest = (a: ContainerModel, b: ContainerModel): number => second(b) - second(a) || a.name.localeCompare(b.name) || byId(a, b);
  if (sort === 'name') return (a, b) => a.name.localeCompare(b.name) || byId(a, b);
  if (sort === 'status') return (a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || byNewest(a, b);
  return byNewest;
}

/** The STATUS column of `docker ps`, computed now from the model's timestamps. */
export function containerStatus(container: ContainerModel, now = Date.now()): string {
  return containerStatusText(container, now);
}
