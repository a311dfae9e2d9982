// Whether the engine will talk to a registry that is not HTTPS with a trusted certificate, decided
// as dockerd decides it: a registry named in its insecure-registries (IndexConfigs, Secure false),
// or whose address falls in InsecureRegistryCIDRs (127.0.0.0/8 unless configured otherwise); and
// the certificate authorities of certs.d/<registry>/ that dockerd trusts for it, read from the same
// folders on this machine for Wharf's own requests.
import { lookup } from 'node:dns/promises';
import { readdir, readFile } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { isLoopbackRegistry } from './registry';

/** /info's RegistryConfig (the fields that decide trust). */
export interface EngineRegistryConfig {
  InsecureRegistryCIDRs?: string[] | null;
  IndexConfigs?: Record<string, { Name?: string; Secure?: boolean }> | null;
}

export function registryConfigOf(info: Record<string, unknown> | undefined): EngineRegistryConfig | undefined {
  const config = info?.RegistryConfig;
  return config && typeof config === 'object' ? config as EngineRegistryConfig : undefined;
}

function hostOf(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(1, registry.indexOf(']'));
  return registry.replace(/:\d+$/, '');
}

function cidrList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    const family = isIP(address);
    if (!family || bits === undefined) continue;
    list.addSubnet(address, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/**
 * Does the engine treat this registry as insecure (plain HTTP or an unverified certificate
 * allowed)? Without the engine's answer (no engine, or one like Podman that reports no
 * RegistryConfig), loopback is, as dockerd's default says, and nothing else.
 */
export async function engineTreatsAsInsecure(config: EngineRegistryConfig | undefined, registry: string, resolve: (host: string) => Promise<string[]> = resolveHost): Promise<boolean> {
  if (!config) return isLoopbackRegistry(registry);
  const indexed = config.IndexConfigs?.[registry];
  if (indexed) return indexed.Secure === false;
  const cidrs = config.InsecureRegistryCIDRs ?? [];
  if (cidrs.length === 0) return false;
  const host = hostOf(registry);
  const list = cidrList(cidrs);
  const addresses = isIP(host) ? [host] : await resolve(host).catch(() => []);
  return addresses.some((a) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}

async function resolveHost(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/** Where dockerd (and rootless dockerd) look for a registry's certificates. */
export function certsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = os.homedir();
  return ['/etc/docker/certs.d', path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'docker', 'certs.d')];
}

/** The CA certificates (*.crt) of certs.d/<registry>/ in those folders; none when there are none. */
export async function registryCertificates(registry: string, dirs: readonly string[] = certsDirs()): Promise<string[]> {
  // A registry name becomes a folder name: keep it to what a host:port can be.
  if (!/^[\w.-]+(?::\d+)?$/.test(registry)) return [];
  const found: string[] = [];
  for (const dir of dirs) {
    const folder = path.join(dir, registry);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.crt')).sort()) found.push(await readFile(path.join(folder, name), 'utf8'));
  }
  return found;
}
