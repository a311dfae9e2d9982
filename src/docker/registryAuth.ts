// Registry credentials the way the docker CLI finds them: $DOCKER_CONFIG/config.json (default
// ~/.docker) with `credHelpers` per registry, then `credsStore`, then inline `auths`. Helpers are
// run with execFile (no shell), the registry host on stdin, as the credential-helper protocol says.
import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** What the engine expects, base64url-encoded, in X-Registry-Auth. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

/** Docker Hub's key in config.json and credential stores. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/**
 * The registry host of an image reference, as the CLI decides it: the first path component is a
 * host when it has a dot or a port, or is "localhost"; otherwise the image lives on Docker Hub.
 */
export function registryOf(reference: string): string {
  const slash = reference.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = reference.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return first === 'index.docker.io' ? 'docker.io' : first;
  return 'docker.io';
}

/** The keys under which a registry's credentials may be stored (the CLI is lenient about scheme). */
function configKeys(registry: string): string[] {
  if (registry === 'docker.io') return [DOCKER_HUB_AUTH_KEY, 'docker.io', 'index.docker.io', 'https://index.docker.io/v1', 'registry-1.docker.io'];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

async function readConfig(configDir: string): Promise<DockerConfigFile> {
  try {
    return JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8')) as DockerConfigFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read ${path.join(configDir, 'config.json')}: ${(err as Error).message}`, { cause: err });
  }
}

// A helper name comes from a file on disk; keep it to a plain program-name suffix.
const HELPER_NAME = /^[A-Z0-9][\w.-]*$/i;

export interface ResolveOptions {
  configDir?: string;
  /** Environment for the helper (PATH decides which docker-credential-* runs). */
  env?: NodeJS.ProcessEnv;
  /** Deadline for a credential helper; a helper waiting for a GUI prompt must not hang a pull. */
  helperTimeoutMs?: number;
}

/**
 * Runs `docker-credential-<helper> <action>` with `input` on stdin (no shell); resolves with its
 * stdout. The protocol's "nothing stored" answer (a failure saying credentials not found) is
 * `undefined`. A helper's own words never carry the secret (it was on stdin, not in arguments),
 * but they are not echoed for `store` anyway.
 */
function runHelper(helper: string, action: 'get' | 'store' | 'erase' | 'list', input: string, options: ResolveOptions): Promise<string | undefined> {
  if (!HELPER_NAME.test(helper)) return Promise.reject(new Error(`invalid credential helper name "${helper}"`));
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, [action], { env: options.env ?? process.env, timeout: options.helperTimeoutMs ?? 10_000 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) {
        if (/credentials not found/i.test(output)) return resolve(undefined);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error(`credential helper docker-credential-${helper} is not on PATH`));
        return reject(new Error(`docker-credential-${helper} ${action} failed: ${action === 'store' ? err.message : output.trim() || err.message}`));
      }
      resolve(stdout);
    });
    child.stdin?.on('error', () => { /* a helper that exits without reading: its exit says why */ });
    child.stdin?.end(input);
  });
}

/** Runs `docker-credential-<helper> get` with the server on stdin; undefined when it has none. */
export async function credentialsFromHelper(helper: string, serverKey: string, options: ResolveOptions = {}): Promise<RegistryAuth | undefined> {
  const stdout = await runHelper(helper, 'get', serverKey, options);
  if (stdout === undefined) return undefined;
  let answer: { ServerURL?: string; Username?: string; Secret?: string };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    throw new Error(`docker-credential-${helper} answered something that is not JSON`);
  }
  if (!answer.Secret) return undefined;
  // "<token>" as the user name marks an identity token rather than a password.
  if (answer.Username === '<token>') return { identitytoken: answer.Secret, serveraddress: serverKey };
  return { username: answer.Username, password: answer.Secret, serveraddress: serverKey };
}

function fromAuthsEntry(entry: NonNullable<DockerConfigFile['auths']>[string], serverKey: string): RegistryAuth | undefined {
  if (entry.identitytoken) {
    const decoded = entry.auth ? Buffer.from(entry.auth, 'base64').toString('utf8') : '';
    const username = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
    return { ...(username ? { username } : {}), identitytoken: entry.identitytoken, serveraddress: serverKey };
  }
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: serverKey };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password, serveraddress: serverKey };
  return undefined;
}

/**
 * The credentials for an image reference's registry, or undefined (anonymous pull/push).
 * Order as in the CLI: a credHelpers entry for the registry, then credsStore, then `auths`.
 */
export async function resolveRegistryAuth(reference: string, options: ResolveOptions = {}): Promise<RegistryAuth | undefined> {
  const env = options.env ?? process.env;
  const config = await readConfig(options.configDir ?? dockerConfigDir(env));
  const registry = registryOf(reference);
  const keys = configKeys(registry);
  const serverKey = registry === 'docker.io' ? DOCKER_HUB_AUTH_KEY : registry;

  const helper = keys.map((k) => config.credHelpers?.[k]).find((h) => h);
  if (helper) return credentialsFromHelper(helper, serverKey, options);
  if (config.credsStore) {
    const stored = await credentialsFromHelper(config.credsStore, serverKey, options);
    if (stored) return stored;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    const auth = entry && fromAuthsEntry(entry, serverKey);
    if (auth) return auth;
  }
  return undefined;
}

/** The registry a config.json key names: "https://index.docker.io/v1/" → "docker.io", "https://r:5000/v2/" → "r:5000". */
export function registryOfKey(key: string): string {
  const scheme = key.indexOf('://');
  const rest = scheme >= 0 ? key.slice(scheme + 3) : key;
  const slash = rest.indexOf('/');
  const bare = slash >= 0 ? rest.slice(0, slash) : rest;
  return bare === 'index.docker.io' || bare === 'registry-1.docker.io' ? 'docker.io' : bare;
}

/** The key a registry's credentials are stored under, as `docker login` writes it. */
export function serverKeyOf(registry: string): string {
  return registry === 'docker.io' ? DOCKER_HUB_AUTH_KEY : registry;
}

export interface ConfiguredRegistry {
  registry: string;
  /** Where the docker config names it: an `auths` entry, a `credHelpers` entry, the `credsStore`'s list. */
  source: 'auths' | 'credHelpers' | 'credsStore';
  /** The helper that holds its credentials, if one does. */
  helper?: string;
}

/**
 * The registries the docker config knows: `auths` keys, `credHelpers` keys, and what the
 * `credsStore` helper lists (`list` answers {serverURL: username}). A failing `list` (some
 * helpers have none) leaves those out rather than failing the others.
 */
export async function configuredRegistries(options: ResolveOptions = {}): Promise<ConfiguredRegistry[]> {
  const config = await readConfig(options.configDir ?? dockerConfigDir(options.env ?? process.env));
  const found = new Map<string, ConfiguredRegistry>();
  const add = (key: string, entry: Omit<ConfiguredRegistry, 'registry'>): void => {
    const registry = registryOfKey(key);
    if (registry && !found.has(registry)) found.set(registry, { registry, ...entry });
  };
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) add(key, { source: 'credHelpers', helper });
  if (config.credsStore) {
    const listed = await runHelper(config.credsStore, 'list', '', options).catch(() => undefined);
    let servers: Record<string, string> = {};
    try { servers = listed ? JSON.parse(listed) as Record<string, string> : {}; } catch { /* a list that is not JSON names nothing */ }
    for (const key of Object.keys(servers)) add(key, { source: 'credsStore', helper: config.credsStore });
  }
  for (const key of Object.keys(config.auths ?? {})) add(key, { source: 'auths', ...(config.credsStore ? { helper: config.credsStore } : {}) });
  return [...found.values()];
}

export interface StoredWhere {
  /** "helper": in docker-credential-<helper>; "file": base64 in config.json, readable by anyone who can read the file. */
  kind: 'helper' | 'file';
  helper?: string;
  file: string;
}

async function writeConfig(configDir: string, config: DockerConfigFile): Promise<string> {
  const file = path.join(configDir, 'config.json');
  const temp = `${file}.${process.pid}.tmp`;
  // Renamed over the old file, so a reader never sees half of it; 0600 as the CLI writes it.
  await writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  await rename(temp, file);
  return file;
}

/** The helper that stores this registry's credentials: its credHelpers entry, else credsStore. */
function helperFor(config: DockerConfigFile, registry: string): string | undefined {
  return configKeys(registry).map((k) => config.credHelpers?.[k]).find((h) => h) ?? config.credsStore;
}

/**
 * Stores credentials as `docker login` does: in the registry's credential helper when one is
 * configured (config.json then only names the registry in `auths`, with no secret), otherwise
 * base64 in config.json's `auths`. Says where they went.
 */
export async function storeCredentials(registry: string, auth: { username?: string; password?: string; identitytoken?: string }, options: ResolveOptions = {}): Promise<StoredWhere> {
  const configDir = options.configDir ?? dockerConfigDir(options.env ?? process.env);
  const config = await readConfig(configDir);
  const key = serverKeyOf(registry);
  const helper = helperFor(config, registry);
  const auths = { ...(config.auths ?? {}) };
  for (const k of configKeys(registry)) delete auths[k];
  if (helper) {
    const secret = auth.identitytoken ?? auth.password ?? '';
    const username = auth.identitytoken ? '<token>' : auth.username ?? '';
    await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: secret }), options);
    if (!config.credHelpers || !configKeys(registry).some((k) => config.credHelpers?.[k])) auths[key] = {};
    const file = await writeConfig(configDir, { ...config, auths });
    return { kind: 'helper', helper, file };
  }
  // With an identity token the CLI keeps the user name (and no password) beside it.
  auths[key] = auth.identitytoken
    ? { auth: Buffer.from(`${auth.username ?? ''}:`).toString('base64'), identitytoken: auth.identitytoken }
    : { auth: Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64') };
  return { kind: 'file', file: await writeConfig(configDir, { ...config, auths }) };
}

/** Forgets a registry's credentials as `docker logout` does: erased from its helper and from `auths`. */
export async function eraseCredentials(registry: string, options: ResolveOptions = {}): Promise<void> {
  const configDir = options.configDir ?? dockerConfigDir(options.env ?? process.env);
  const config = await readConfig(configDir);
  const helper = helperFor(config, registry);
  if (helper) await runHelper(helper, 'erase', serverKeyOf(registry), options);
  const keys = configKeys(registry).filter((k) => config.auths?.[k] !== undefined);
  if (keys.length === 0) return;
  const auths = { ...(config.auths ?? {}) };
  for (const k of keys) delete auths[k];
  await writeConfig(configDir, { ...config, auths });
}

/** A registry's stored credentials, looked up by registry name ("docker.io", "127.0.0.1:5000"). */
export function credentialsFor(registry: string, options: ResolveOptions = {}): Promise<RegistryAuth | undefined> {
  return resolveRegistryAuth(registry === 'docker.io' ? 'docker.io/library/x' : `${registry}/x`, options);
}
