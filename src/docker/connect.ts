// Where the engine is, decided the way the docker CLI decides it, then a dockerode client for it.
// Resolution is a pure function of (settings, environment, files) so it is testable with real
// context folders in temp dirs; only createClient/connectEngine touch the network.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import type { EngineInfo, EngineKind } from './model';
import { WharfError } from './errors';
import { defaultIdentityFiles, isUnencryptedKey, sshConfigFor } from './sshConfig';
import { HostKeyChecker, type AskHostKey } from './knownHosts';
import { maskText } from './secrets';
import { engineRequest, dial, type RequestOptions } from './request';

/** The newest Engine API version Wharf speaks; an older engine lowers it (negotiation). */
export const WHARF_API_VERSION = '1.43';

export interface TlsMaterial {
  /** PEM contents (not paths): what was read is what the client uses. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Verify the server's certificate against `ca` (DOCKER_TLS_VERIFY / !SkipTLSVerify). */
  verify: boolean;
}

export type EndpointSource = 'demo' | 'setting' | 'settingContext' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'currentContext' | 'defaultSocket';

export type EndpointAddress =
  | { protocol: 'unix'; socketPath: string }
  | { protocol: 'npipe'; pipePath: string }
  | { protocol: 'tcp'; host: string; port: number; tls?: TlsMaterial }
  | {
    protocol: 'ssh'; host: string; port: number; username?: string;
    /** SSH_AUTH_SOCK as resolved: the agent that holds the user's keys. */
    agent?: string;
    /** The first usable, unencrypted identity file (~/.ssh/config IdentityFile, else OpenSSH's defaults): tried beside the agent. */
    privateKey?: string;
    /** Checks the engine host's key against known_hosts (ssh2 checks none by itself). */
    hostKeys: HostKeyChecker;
  };

export type Endpoint = EndpointAddress & {
  /** The URL as the user would write it, for display: "unix:///var/run/docker.sock". */
  url: string;
  /** Which rule chose it, for the "why this engine?" line in the UI and for logs. */
  source: EndpointSource;
  /** The docker context it came from, if any. */
  context?: string;
};

/** The readers resolution needs; tests may pass real temp folders through `env`/`homedir` instead. */
export interface ResolveFs {
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
}

export interface ResolveInput {
  /** An engine chosen for this session only (`npm start`'s demo engine): above every setting. */
  demoHost?: string;
  /** The wharf.engine.host setting (overrides everything when non-empty). */
  host?: string;
  /** The wharf.engine.context setting (overrides the environment when non-empty). */
  context?: string;
  env?: NodeJS.ProcessEnv;
  homedir?: string;
  platform?: NodeJS.Platform;
  fs?: ResolveFs;
  /** Asked once about an ssh:// engine's unknown host key; without it such a key is refused. */
  askHostKey?: AskHostKey;
}

/** What parsing a host URL needs beyond the URL: where TLS material and ssh trust come from. */
interface HostSources {
  tls: () => TlsMaterial | undefined;
  /** An ssh:// URL's host, port and user, completed from ~/.ssh/config, with the keys and trust to use. */
  ssh: (alias: string, port: number | undefined, username: string | undefined) => { host: string; port: number; username?: string; agent?: string; privateKey?: string; hostKeys: HostKeyChecker };
}

const realFs: ResolveFs = {
  readFile(file) {
    try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
  },
  exists(file) {
    try { fs.statSync(file); return true; } catch { return false; }
  },
};

/**
 * Docker CLI order (after a session's demo engine): explicit host > explicit context > DOCKER_HOST > DOCKER_CONTEXT >
 * currentContext of $DOCKER_CONFIG/config.json > the usual sockets (first that exists).
 * Throws a WharfError when a named context or a URL is unusable: silently falling back to
 * another engine would be worse than saying so.
 */
export function resolveEndpoint(input: ResolveInput = {}): Endpoint {
  const env = input.env ?? process.env;
  const home = input.homedir ?? os.homedir();
  const platform = input.platform ?? process.platform;
  const files = input.fs ?? realFs;
  const configDir = env.DOCKER_CONFIG || path.join(home, '.docker');

  const ssh: HostSources['ssh'] = (alias, urlPort, urlUser) => {
    const localUser = env.USER || env.LOGNAME || '';
    const config = sshConfigFor(alias, files.readFile(path.join(home, '.ssh', 'config')), home, localUser);
    const host = config.hostName ?? alias;
    const port = urlPort ?? config.port ?? 22;
    const identities = config.identityFiles.length > 0 ? config.identityFiles : defaultIdentityFiles(home);
    const privateKey = identities.map((file) => files.readFile(file)).find((text): text is string => text !== undefined && isUnencryptedKey(text));
    return {
      host, port, username: urlUser ?? config.user ?? (localUser || undefined),
      agent: env.SSH_AUTH_SOCK || undefined,
      ...(privateKey ? { privateKey } : {}),
      // known_hosts names the real host (HostName), as OpenSSH checks it, not the alias.
      hostKeys: new HostKeyChecker({ host, port, alias, homedir: home, readFile: (file) => files.readFile(file), ask: input.askHostKey }),
    };
  };
  const fromEnvironment: HostSources = { tls: () => tlsFromEnvironment(env, configDir, files), ssh };
  const contextSources = (tls: () => TlsMaterial | undefined): HostSources => ({ tls, ssh });
  const chosen = addressSource(input);
  switch (chosen.source) {
    case 'demo':
    case 'setting':
    case 'DOCKER_HOST':
      return parseHost(chosen.name, chosen.source, fromEnvironment);
    case 'settingContext':
    case 'DOCKER_CONTEXT':
    case 'currentContext':
      return fromContext(chosen.name, chosen.source, env, configDir, platform, home, files, contextSources);
    case 'defaultSocket':
      return defaultSocket(env, home, platform, files);
  }
}

/**
 * Which rule picks the engine, and the address or context name it gives, without reading it:
 * also known when the address turns out to be unusable (the UI says where a typo came from).
 */
export function addressSource(input: ResolveInput = {}): { source: EndpointSource; name: string } {
  const env = input.env ?? process.env;
  if (input.demoHost?.trim()) return { source: 'demo', name: input.demoHost.trim() };
  if (input.host?.trim()) return { source: 'setting', name: input.host.trim() };
  if (input.context?.trim()) return { source: 'settingContext', name: input.context.trim() };
  if (env.DOCKER_HOST) return { source: 'DOCKER_HOST', name: env.DOCKER_HOST };
  if (env.DOCKER_CONTEXT) return { source: 'DOCKER_CONTEXT', name: env.DOCKER_CONTEXT };
  const current = currentContext(env.DOCKER_CONFIG || path.join(input.homedir ?? os.homedir(), '.docker'), input.fs ?? realFs);
  if (current) return { source: 'currentContext', name: current };
  return { source: 'defaultSocket', name: '' };
}

/** The docker contexts the CLI knows (its contexts store), sorted by name, with their Docker address. */
export function listContexts(input: Pick<ResolveInput, 'env' | 'homedir'> = {}): { name: string; host?: string; description?: string }[] {
  const env = input.env ?? process.env;
  const configDir = env.DOCKER_CONFIG || path.join(input.homedir ?? os.homedir(), '.docker');
  const metaDir = path.join(configDir, 'contexts', 'meta');
  let folders: string[];
  try { folders = fs.readdirSync(metaDir); } catch { return []; }
  const contexts = folders.flatMap((folder) => {
    const text = realFs.readFile(path.join(metaDir, folder, 'meta.json'));
    if (!text) return [];
    try {
      const meta = JSON.parse(text) as { Name?: unknown; Metadata?: { Description?: unknown }; Endpoints?: { docker?: { Host?: unknown } } };
      if (typeof meta.Name !== 'string' || !meta.Name) return [];
      const host = meta.Endpoints?.docker?.Host;
      const description = meta.Metadata?.Description;
      return [{ name: meta.Name, host: typeof host === 'string' ? maskText(host) : undefined, description: typeof description === 'string' && description ? description : undefined }];
    } catch {
      return [];
    }
  });
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}

function currentContext(configDir: string, files: ResolveFs): string | undefined {
  const text = files.readFile(path.join(configDir, 'config.json'));
  if (!text) return undefined;
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext ? config.currentContext : undefined;
  } catch {
    return undefined; // the CLI also ignores an unreadable config for this purpose
  }
}

/** The contexts store names folders by the SHA-256 of the context name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function fromContext(name: string, source: EndpointSource, env: NodeJS.ProcessEnv, configDir: string, platform: NodeJS.Platform, home: string, files: ResolveFs,
  sources: (tls: () => TlsMaterial | undefined) => HostSources): Endpoint {
  // "default" is the CLI's built-in context: DOCKER_HOST (with its TLS variables) or the
  // platform's socket. Only the context setting reaches here with DOCKER_HOST set.
  if (name === 'default') {
    const endpoint = env.DOCKER_HOST ? parseHost(env.DOCKER_HOST, source, sources(() => tlsFromEnvironment(env, configDir, files))) : defaultSocket(env, home, platform, files);
    return { ...endpoint, context: 'default' };
  }
  const digest = contextDigest(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const text = files.readFile(metaFile);
  if (!text) {
    throw new WharfError('unreachable', `Docker context "${name}" does not exist.`, { hint: 'Pick an existing context (`docker context ls`) in the wharf.engine.context setting, or clear it.', reason: 'noContext' });
  }
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(text) as typeof meta;
  } catch (err) {
    throw new WharfError('unreachable', `Docker context "${name}" is unreadable (${metaFile}).`, { cause: err, reason: 'noContext' });
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw new WharfError('unreachable', `Docker context "${name}" has no Docker endpoint.`, { reason: 'noContext' });
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const read = (file: string): string | undefined => files.readFile(path.join(tlsDir, file));
  const ca = read('ca.pem');
  const cert = read('cert.pem');
  const key = read('key.pem');
  // A context uses TLS when its store holds TLS material (that is how `docker context create
  // --docker "host=…,ca=…,cert=…,key=…"` records it).
  const tls: TlsMaterial | undefined = ca || cert || key ? { ca, cert, key, verify: docker.SkipTLSVerify !== true } : undefined;
  const endpoint = parseHost(docker.Host, source, sources(() => tls));
  return { ...endpoint, context: name };
}

/** DOCKER_TLS_VERIFY (verify) or DOCKER_CERT_PATH alone (encrypt, no verify), certs from DOCKER_CERT_PATH or the config dir. */
function tlsFromEnvironment(env: NodeJS.ProcessEnv, configDir: string, files: ResolveFs): TlsMaterial | undefined {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_CERT_PATH) return undefined;
  const certPath = env.DOCKER_CERT_PATH || configDir;
  const read = (file: string): string | undefined => files.readFile(path.join(certPath, file));
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify };
}

function parseHost(raw: string, source: EndpointSource, sources: HostSources): Endpoint {
  const bad = (why: string): WharfError => new WharfError('unreachable', `The engine address "${maskText(raw)}" is not usable: ${why}.`, {
    hint: 'Use unix:///path/to/docker.sock, npipe:////./pipe/docker_engine, tcp://host:port or ssh://user@host.', reason: 'badAddress',
  });
  const match = /^([a-z]+):\/\/(.*)$/i.exec(raw);
  if (!match) throw bad('it has no scheme');
  const scheme = match[1].toLowerCase();
  const rest = match[2];
  if (scheme === 'unix') {
    if (!rest) throw bad('the socket path is empty');
    return { protocol: 'unix', socketPath: rest, url: `unix://${rest}`, source };
  }
  if (scheme === 'npipe') {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine (forward slashes work in Node)
    const pipePath = rest.replace(/\\/g, '/') || '//./pipe/docker_engine';
    return { protocol: 'npipe', pipePath, url: `npipe://${rest}`, source };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    let url: URL;
    try { url = new URL(`http://${rest}`); } catch { throw bad('the host is not valid'); }
    if (!url.hostname) throw bad('the host is empty');
    const tls = sources.tls() ?? (scheme === 'https' ? { verify: true } : undefined);
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { protocol: 'tcp', host, port, tls, url: `tcp://${url.host.includes(':') ? url.host : `${url.host}:${port}`}`, source };
  }
  if (scheme === 'ssh') {
    let url: URL;
    try { url = new URL(`ssh://${rest}`); } catch { throw bad('the host is not valid'); }
    if (!url.hostname) throw bad('the host is empty');
    const username = url.username ? decodeURIComponent(url.username) : undefined;
    // URL keeps an IPv6 address in brackets; ssh wants the bare address.
    const alias = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // The URL is shown and logged: a password in it (which ssh never uses here) is masked.
    return { protocol: 'ssh', ...sources.ssh(alias, url.port ? Number(url.port) : undefined, username), url: maskText(raw), source };
  }
  throw bad(`the scheme "${scheme}" is not supported`);
}

function defaultSocket(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform, files: ResolveFs): Endpoint {
  if (platform === 'win32') return { protocol: 'npipe', pipePath: '//./pipe/docker_engine', url: 'npipe:////./pipe/docker_engine', source: 'defaultSocket' };
  const candidates = [
    '/var/run/docker.sock',
    path.join(home, '.docker', 'run', 'docker.sock'),
    ...(env.XDG_RUNTIME_DIR ? [path.join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : []),
    '/run/podman/podman.sock',
  ];
  // None exists: keep Docker's own default so the error names the path people expect.
  const socketPath = candidates.find((candidate) => files.exists(candidate)) ?? candidates[0];
  return { protocol: 'unix', socketPath, url: `unix://${socketPath}`, source: 'defaultSocket' };
}

export interface ClientOptions {
  /** Engine API version to speak, without the "v" ("1.41"); unset = unversioned paths. */
  apiVersion?: string;
}

/**
 * A dockerode client for the endpoint. It has no modem-level timeout on purpose: that timer is
 * an idle-socket timeout and would kill a quiet /events stream. Deadlines are per request
 * (request.ts: engineRequest) so streams get a first-byte deadline and live on afterwards.
 */
export function createClient(endpoint: Endpoint, options: ClientOptions = {}): Docker {
  const version = options.apiVersion ? `v${options.apiVersion}` : undefined;
  switch (endpoint.protocol) {
    case 'unix':
      return new Docker({ socketPath: endpoint.socketPath, version });
    case 'npipe':
      return new Docker({ socketPath: endpoint.pipePath, version });
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return new Docker({ host: endpoint.host, port: endpoint.port, protocol: 'http', version });
      return new Docker({
        host: endpoint.host,
        port: endpoint.port,
        protocol: 'https',
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        version,
        // Without verification (SkipTLSVerify, or DOCKER_CERT_PATH without DOCKER_TLS_VERIFY)
        // the connection is still encrypted and still presents the client certificate.
        ...(tls.verify ? {} : { agent: new https.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) }),
      });
    }
    case 'ssh':
      return new Docker({
        protocol: 'ssh',
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username,
        version,
        sshOptions: {
          agent: endpoint.agent,
          ...(endpoint.privateKey ? { privateKey: endpoint.privateKey } : {}),
          // ssh2 accepts any host key unless given a verifier. The known key types go first in
          // the offer, so a host known by its RSA key is not taken for changed by its ED25519 key.
          hostVerifier: endpoint.hostKeys.verifier,
          algorithms: { serverHostKey: endpoint.hostKeys.preferredAlgorithms() },
        },
      } as Docker.DockerOptions);
  }
}

export interface VersionAnswer {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  Components?: { Name?: string; Version?: string }[];
}

/** "1.41" vs "1.43" → the older; unknown → ours. */
export function negotiateApiVersion(engineApi: string | undefined, ours = WHARF_API_VERSION): string {
  if (!engineApi || !/^\d+\.\d+$/.test(engineApi)) return ours;
  const [a1, a2] = engineApi.split('.').map(Number);
  const [b1, b2] = ours.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 < b2) ? engineApi : ours;
}

/** Podman's compatible API names itself in /version Components. */
export function engineKindOf(version: VersionAnswer): EngineKind {
  return (version.Components ?? []).some((component) => /podman/i.test(component.Name ?? '')) ? 'podman' : 'docker';
}

export interface EngineConnection {
  endpoint: Endpoint;
  /** Speaks the negotiated API version. */
  docker: Docker;
  engine: EngineInfo;
}

/**
 * Asks /version within the deadline on an unversioned path (any engine answers that), and checks
 * that the answer is from a container engine.
 */
export async function readVersion(endpoint: Endpoint, options: RequestOptions = {}): Promise<VersionAnswer> {
  const probe = createClient(endpoint);
  const version = await engineRequest('connect', (signal) => dial<VersionAnswer>(probe, { path: '/version', method: 'GET', statusCodes: { 200: true, 500: 'server error' } }, signal),
    { deadlineMs: options.deadlineMs ?? 10_000, signal: options.signal }, { endpoint: endpoint.url }).catch((err: unknown) => { throw tlsFailure(endpoint, err) ?? hostKeyFailure(endpoint, err) ?? err; });
  if (typeof version !== 'object' || version === null || !version.ApiVersion) {
    throw new WharfError('engine', `The service at ${endpoint.url} does not look like a container engine (no API version in /version).`);
  }
  return version;
}

/**
 * A failed TLS handshake says it in OpenSSL's words ("…:ssl3_read_bytes:tlsv13 alert certificate
 * required:…") or, when the engine drops a client certificate it does not trust after a TLS 1.3
 * handshake, only as a reset connection. Both are rewritten to say which side's certificate is
 * the problem and where the certificates come from; other failures are left as they are.
 */
function tlsFailure(endpoint: Endpoint, err: unknown): WharfError | undefined {
  if (endpoint.protocol !== 'tcp' || !endpoint.tls || !(err instanceof WharfError) || err.code === 'timeout' || err.code === 'cancelled') return undefined;
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const words = typeof cause?.message === 'string' ? cause.message : '';
  const where = `the engine at ${endpoint.url}`;
  const certificates = endpoint.context ? `the TLS material of context "${endpoint.context}" (contexts/tls in the docker config folder)` : 'DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem)';
  const make = (message: string, hint: string): WharfError => new WharfError('unreachable', message, { hint, cause: err });
  if (/CERTIFICATE_REQUIRED/.test(code) || /alert certificate required/i.test(words)) {
    return make(`Could not connect: ${where} requires a client certificate, and none was given.`, `Provide cert.pem and key.pem signed by the engine's CA in ${certificates}.`);
  }
  if (/ALERT_(?:UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|DECRYPT_ERROR|ACCESS_DENIED)/.test(code)) {
    return make(`Could not connect: ${where} does not accept the client certificate.`, `Check that cert.pem and key.pem in ${certificates} are signed by the CA the engine trusts.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return make(`Could not connect: ${where} closed the TLS connection; it may not accept the client certificate.`, `Check that cert.pem and key.pem in ${certificates} are signed by the CA the engine trusts, and that the engine is running.`);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME/.test(code)) {
    return make(`Could not connect: the certificate of ${where} is not trusted (${words || code}).`, `Check that ca.pem in ${certificates} is the CA that signed the engine's certificate, and that the certificate names the host you connect to.`);
  }
  return undefined;
}

/**
 * An ssh:// connection that failed because its host key was refused says why (changed, revoked,
 * not trusted) with the key's fingerprint, instead of ssh2's "Host denied (verification failed)".
 */
function hostKeyFailure(endpoint: Endpoint, err: unknown): WharfError | undefined {
  if (endpoint.protocol !== 'ssh' || !endpoint.hostKeys.refusal || (err instanceof WharfError && (err.code === 'timeout' || err.code === 'cancelled'))) return undefined;
  const refusal = endpoint.hostKeys.refusal;
  return new WharfError('unreachable', refusal.message, { hint: refusal.hint, cause: err });
}

/** What the UI shows about the engine, from its /version answer. */
export function engineInfoOf(version: VersionAnswer, apiVersion: string, endpoint: Endpoint): EngineInfo {
  const kind = engineKindOf(version);
  const podman = version.Components?.find((component) => /podman/i.test(component.Name ?? ''));
  return {
    kind,
    version: (kind === 'podman' ? podman?.Version : undefined) ?? version.Version ?? 'unknown',
    apiVersion,
    os: version.Os ?? 'unknown',
    arch: version.Arch ?? 'unknown',
    endpoint: endpoint.url,
  };
}

/**
 * The engine's API version from the API-Version header of /_ping (what the docker CLI negotiates
 * from), negotiated down to ours; undefined when the engine does not send the header. /_ping is
 * answered at once, while dockerd's /version asks containerd and runs runc and docker-init for
 * their versions (~8 ms): a caller can start its reads at this version while /version is asked
 * in parallel for the engine's identity.
 */
export async function pingApiVersion(endpoint: Endpoint, options: RequestOptions = {}): Promise<string | undefined> {
  const probe = createClient(endpoint);
  const response = await engineRequest('connect', (signal) => dial<NodeJS.ReadableStream & { headers?: Record<string, string | string[] | undefined> }>(probe, {
    path: '/_ping', method: 'GET', statusCodes: { 200: true, 500: 'server error' }, isStream: true,
  }, signal), { deadlineMs: options.deadlineMs ?? 10_000, signal: options.signal }, { endpoint: endpoint.url }).catch((err: unknown) => { throw tlsFailure(endpoint, err) ?? hostKeyFailure(endpoint, err) ?? err; });
  response.resume();
  const header = response.headers?.['api-version'];
  const engineApi = Array.isArray(header) ? header[0] : header;
  return engineApi && /^\d+\.\d+$/.test(engineApi) ? negotiateApiVersion(engineApi) : undefined;
}

/**
 * Resolves nothing (give it an endpoint), asks /version on an unversioned path within the
 * deadline, then returns a client pinned to the negotiated API version.
 */
export async function connectEngine(endpoint: Endpoint, options: RequestOptions = {}): Promise<EngineConnection> {
  const version = await readVersion(endpoint, options);
  const apiVersion = negotiateApiVersion(version.ApiVersion);
  return { endpoint, docker: createClient(endpoint, { apiVersion }), engine: engineInfoOf(version, apiVersion, endpoint) };
}
