// Registry credentials the way the docker CLI finds them: $DOCKER_CONFIG/config.json (default
// ~/.docker) with `credHelpers` per registry, then `credsStore`, then inline `auths`. Helpers are
// run with execFile (no shell), the registry host on stdin, as the credential-helper protocol says.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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

/** Runs `docker-credential-<helper> get` with the server on stdin; undefined when it has none. */
export function credentialsFromHelper(helper: string, serverKey: string, options: ResolveOptions = {}): Promise<RegistryAuth | undefined> {
  if (!HELPER_NAME.test(helper)) return Promise.reject(new Error(`invalid credential helper name "${helper}"`));
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { env: options.env ?? process.env, timeout: options.helperTimeoutMs ?? 10_000 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) {
        // The protocol's answer for "nothing stored" is a failure with this text.
        if (/credentials not found/i.test(output)) return resolve(undefined);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error(`credential helper docker-credential-${helper} is not on PATH`));
        return reject(new Error(`docker-credential-${helper} failed: ${output.trim() || err.message}`));
      }
      try {
        const answer = JSON.parse(stdout) as { ServerURL?: string; Username?: string; Secret?: string };
        if (!answer.Secret) return resolve(undefined);
        // "<token>" as the user name marks an identity token rather than a password.
        if (answer.Username === '<token>') return resolve({ identitytoken: answer.Secret, serveraddress: serverKey });
        resolve({ username: answer.Username, password: answer.Secret, serveraddress: serverKey });
      } catch {
        reject(new Error(`docker-credential-${helper} answered something that is not JSON`));
      }
    });
    child.stdin?.end(serverKey);
  });
}

function fromAuthsEntry(entry: NonNullable<DockerConfigFile['auths']>[string], serverKey: string): RegistryAuth | undefined {
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: serverKey };
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
