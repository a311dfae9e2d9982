// A compose file read as a stack for the API route of Deploy Stack: its services (image, command,
// environment, ports, volumes, deploy.replicas/mode/placement/labels, secrets), its file secrets,
// and the stack's default overlay network, named and labelled as `docker stack deploy` does.
// Keys outside these are reported, not silently dropped.
import * as path from 'node:path';
import { parse } from 'yaml';
import { WharfError } from '../errors';
import { STACK_NAMESPACE_LABEL } from './model';
import type { MountSpec, PortSpec, ServiceSpecInput } from './services';

export interface PlannedSecret { key: string; name: string; file: string }
export interface PlannedService { spec: ServiceSpecInput; secrets: { key: string; target?: string }[] }
export interface StackPlan { networks: string[]; secrets: PlannedSecret[]; services: PlannedService[]; ignored: string[] }

const SUPPORTED = new Set(['image', 'command', 'environment', 'ports', 'volumes', 'deploy', 'labels', 'secrets']);

/* eslint-disable @typescript-eslint/no-explicit-any -- YAML read field by field */

/** Splits a compose string command as a shell would split words (quotes, no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined; else current += ch;
    } else if (ch === '"' || ch === '\'') {
      quote = ch; started = true;
    } else if (/\s/.test(ch)) {
      if (started) { words.push(current); current = ''; started = false; }
    } else {
      current += ch; started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

export function parsePort(entry: unknown): PortSpec {
  if (typeof entry === 'number') return { target: entry };
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as any;
    return { target: Number(e.target), published: e.published ? Number(e.published) : undefined, protocol: e.protocol ?? 'tcp' };
  }
  const match = /^(?:(?:[\d.]+:)?(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(String(entry));
  if (!match) throw new WharfError('badRequest', `The port "${String(entry)}" is not one Wharf can publish (write "published:target" or "target").`);
  return { published: match[1] ? Number(match[1]) : undefined, target: Number(match[2]), protocol: (match[3] as PortSpec['protocol']) ?? 'tcp' };
}

function parseVolume(entry: unknown, stack: string, dir: string): MountSpec {
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as any;
    const type = e.type === 'bind' ? 'bind' : e.type === 'tmpfs' ? 'tmpfs' : 'volume';
    return { type, source: type === 'volume' && e.source ? `${stack}_${e.source}` : type === 'bind' ? path.resolve(dir, e.source) : undefined, target: e.target, readOnly: !!e.read_only };
  }
  const [source, target, mode] = String(entry).split(':');
  if (!target) return { type: 'volume', target: source };
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source: bind ? path.resolve(dir, source) : `${stack}_${source}`, target, readOnly: mode === 'ro' };
}

function environment(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => (v === null || v === undefined ? k : `${k}=${String(v)}`));
  return [];
}

export function planStack(stack: string, text: string, dir: string): StackPlan {
  const doc = parse(text) as any;
  if (!doc || typeof doc.services !== 'object' || doc.services === null) throw new WharfError('badRequest', 'The compose file has no services.');
  const labels = { [STACK_NAMESPACE_LABEL]: stack };
  const network = `${stack}_default`;
  const ignored: string[] = [];
  const secrets: PlannedSecret[] = Object.entries(doc.secrets ?? {}).map(([key, value]) => {
    const v = value as any;
    if (!v?.file) throw new WharfError('badRequest', `The secret ${key} has no "file": the API route creates secrets from files only.`);
    return { key, name: v.name ?? `${stack}_${key}`, file: path.resolve(dir, v.file) };
  });
  const services: PlannedService[] = Object.entries(doc.services).map(([name, value]) => {
    const s = (value ?? {}) as any;
    if (!s.image) throw new WharfError('badRequest', `The service ${name} has no image: a stack deploys images, it does not build them.`);
    for (const key of Object.keys(s)) if (!SUPPORTED.has(key)) ignored.push(`${name}.${key}`);
    const deploy = s.deploy ?? {};
    const command = typeof s.command === 'string' ? shellWords(s.command) : Array.isArray(s.command) ? s.command.map(String) : undefined;
    return {
      spec: {
        name: `${stack}_${name}`,
        image: String(s.image),
        replicas: deploy.replicas ?? 1,
        global: deploy.mode === 'global',
        command,
        env: environment(s.environment),
        ports: (s.ports ?? []).map(parsePort),
        mounts: (s.volumes ?? []).map((v: unknown) => parseVolume(v, stack, dir)),
        constraints: deploy.placement?.constraints ?? [],
        labels: { ...environmentMap(deploy.labels), ...labels },
        containerLabels: { ...environmentMap(s.labels), ...labels },
        networks: [network],
      },
      secrets: (s.secrets ?? []).map((entry: unknown) => (typeof entry === 'string' ? { key: entry } : { key: (entry as any).source, target: (entry as any).target })),
    };
  });
  return { networks: [network], secrets, services, ignored };
}

function environmentMap(value: unknown): Record<string, string> {
  return Object.fromEntries(environment(value).map((pair) => { const i = pair.indexOf('='); return i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)]; }));
}
