// Reaching a registry as the user would through the engine: the credentials docker keeps for it,
// the engine's verdict on plain HTTP and unverified certificates, and certs.d's authorities. Log in
// checks the credentials with the registry before anything is stored; log out forgets them.
import { RegistryClient, type CallOptions, type RegistryEndpoint } from './registry';
import { credentialsFor, eraseCredentials, storeCredentials, type RegistryAuth, type ResolveOptions, type StoredWhere } from './registryAuth';
import { engineTreatsAsInsecure, registryCertificates, type EngineRegistryConfig } from './registryTrust';

export interface RegistryAccessOptions extends ResolveOptions {
  /** The engine's /info RegistryConfig: which registries it lets speak plain HTTP. */
  engineRegistryConfig?: EngineRegistryConfig;
  /** Where certs.d folders are (default: dockerd's). */
  certsDirs?: string[];
}

export async function registryEndpoint(registry: string, auth: RegistryAuth | undefined, options: RegistryAccessOptions = {}): Promise<RegistryEndpoint> {
  return {
    registry,
    auth,
    insecure: await engineTreatsAsInsecure(options.engineRegistryConfig, registry),
    ca: await registryCertificates(registry, options.certsDirs),
  };
}

/** A client for `registry` with the credentials docker keeps for it (anonymous when none). */
export async function openRegistry(registry: string, options: RegistryAccessOptions = {}): Promise<RegistryClient> {
  return new RegistryClient(await registryEndpoint(registry, await credentialsFor(registry, options), options));
}

export interface LoginResult {
  stored: StoredWhere;
  /** What the registry asked for: "basic", "bearer" or "none". */
  auth: string;
}

/**
 * `docker login`: the credentials are checked with the registry (a wrong password fails here,
 * with a RegistryError 'wrongCredentials', and nothing is stored), then stored where docker keeps
 * them.
 */
export async function logIn(registry: string, credentials: { username: string; password: string }, options: RegistryAccessOptions & CallOptions = {}): Promise<LoginResult> {
  const client = new RegistryClient(await registryEndpoint(registry, { ...credentials, serveraddress: registry }, options));
  const auth = await client.login(options);
  return { stored: await storeCredentials(registry, credentials, options), auth };
}

/** `docker logout`. */
export function logOut(registry: string, options: ResolveOptions = {}): Promise<void> {
  return eraseCredentials(registry, options);
}
