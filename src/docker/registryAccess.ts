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
  /** The registry's token server gave a refresh token, stored instead of the password. */
  identityToken: boolean;
}

/**
 * `docker login`: the credentials are checked with the registry (a wrong password fails here,
 * with a RegistryError 'wrongCredentials', and nothing is stored), then stored where docker keeps
 * them. A token server that hands out a refresh (identity) token gets that stored instead of the
 * password, as docker does.
 */
export async function logIn(registry: string, credentials: { username: string; password: string }, options: RegistryAccessOptions & CallOptions = {}): Promise<LoginResult> {
  const client = new RegistryClient(await registryEndpoint(registry, { ...credentials, serveraddress: registry }, options));
  const { auth, identityToken } = await client.login(options);
  const stored = await storeCredentials(registry, identityToken ? { username: credentials.username, identitytoken: identityToken } : credentials, options);
  return { stored, auth, identityToken: identityToken !== undefined };
}

/** `docker logout`. */
export function logOut(registry: string, options: ResolveOptions = {}): Promise<void> {
  return eraseCredentials(registry, options);
}
