// A Registry HTTP API v2 client (the distribution spec): ping, the WWW-Authenticate challenge
// (Basic, or Bearer with a token fetched from the realm for each scope, as Docker Hub and GHCR
// do), the catalog and tags with Link-header paging, manifests (manifest lists and OCI indexes
// give the platforms), the config blob for the date, and delete by digest.
//
// Transport as the engine does it: HTTPS first; a registry the engine treats as insecure (its
// insecure-registries, 127.0.0.0/8 by default) may fall back to plain HTTP or an unverified
// certificate. Anything else that is not HTTPS with a trusted certificate is refused, with the
// message saying what the engine would need. Credentials and tokens never go into an error.
import { createHash } from 'node:crypto';
import { httpExchange, TransportError, type HttpAnswer, type HttpRequest } from './registryHttp';
import type { RegistryAuth } from './registryAuth';

export type RegistryErrorCode = 'wrongCredentials' | 'unauthorized' | 'denied' | 'notFound' | 'unsupported' | 'insecure' | 'unreachable' | 'timeout' | 'cancelled' | 'malformed' | 'other';

export class RegistryError extends Error {
  constructor(readonly code: RegistryErrorCode, message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"` →
 * { scheme: 'bearer', params }. One left-to-right pass; values may be quoted (with \-escapes) or bare.
 */
export function parseChallenge(header: string): Challenge | undefined {
  const text = header.trim();
  const space = text.search(/\s/);
  const scheme = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  if (!scheme) return undefined;
  const params: Record<string, string> = {};
  let i = space < 0 ? text.length : space;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === ',' || text[i] === '\t')) i++;
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      i++;
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? text.length : end).trim();
      i = end < 0 ? text.length : end;
    }
    if (key) params[key] = value;
  }
  return { scheme, params };
}

/** `</v2/_catalog?last=b&n=2>; rel="next"` → "/v2/_catalog?last=b&n=2". */
export function nextLink(header: string | string[] | undefined): string | undefined {
  for (const part of (Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.split(','))) {
    const open = part.indexOf('<');
    const close = part.indexOf('>', open + 1);
    if (open >= 0 && close > open && /rel="?next"?/i.test(part.slice(close))) return part.slice(open + 1, close);
  }
  return undefined;
}

/** The host the v2 API answers on: Docker Hub's differs from its name. */
export function apiHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** Is this registry on loopback, which dockerd allows insecurely by default? */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface RegistryEndpoint {
  /** "127.0.0.1:5000", "ghcr.io", "docker.io". */
  registry: string;
  auth?: RegistryAuth;
  /** The engine treats it as insecure: plain HTTP or an unverified certificate is allowed. */
  insecure?: boolean;
  /** Certificate authorities to trust for it (certs.d). */
  ca?: string[];
}

export interface CallOptions {
  signal?: AbortSignal;
  deadlineMs?: number;
}

export interface Page<T> {
  items: T[];
  /** The path of the next page, when the registry said there is one. */
  next?: string;
}

export interface PlatformManifest {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
  size?: number;
}

export interface TagDetails {
  tag: string;
  digest: string;
  mediaType: string;
  /** Compressed bytes (config and layers) of the manifest, or of the first platform's for an index. */
  size?: number;
  /** For a manifest list or OCI index: the platforms it holds (attestations left out). */
  platforms: PlatformManifest[];
  /** When the image (the first platform's, for an index) was created, from its config blob. */
  created?: Date;
}

const MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const ACCEPT_MANIFESTS = [OCI_INDEX, MANIFEST_LIST, OCI_MANIFEST, MANIFEST_V2].join(', ');

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^\w[\w.-]{0,127}$/;

function checkRepository(name: string): void {
  if (!REPOSITORY.test(name)) throw new RegistryError('other', `"${name}" is not a repository name.`);
}
function checkReference(reference: string): void {
  if (!TAG.test(reference) && !/^sha256:[a-f0-9]{64}$/.test(reference)) throw new RegistryError('other', `"${reference}" is not a tag or digest.`);
}

function errorFromAnswer(answer: HttpAnswer, what: string, registry: string): RegistryError {
  let said = '';
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    said = (body.errors ?? []).map((e) => e.message ?? e.code).filter(Boolean).join('; ');
  } catch { /* not the spec's error body */ }
  const detail = said ? ` (${said})` : '';
  switch (answer.status) {
    case 401: return new RegistryError('unauthorized', `${registry} requires you to log in to ${what}${detail}.`, 'Log in to the registry from the Registries view, then try again.');
    case 403: return new RegistryError('denied', `${registry} denied access to ${what}${detail}.`, 'Your account may not have that permission on this repository.');
    case 404: return new RegistryError('notFound', `${registry} has no ${what}${detail}.`, 'It may have been deleted meanwhile.');
    case 405: return new RegistryError('unsupported', `${registry} does not allow ${what}${detail}.`, 'The registry has this operation turned off (for distribution: storage.delete.enabled).');
    default: return new RegistryError('other', `${registry} answered ${answer.status} to ${what}${detail}.`);
  }
}

export class RegistryClient {
  private base?: URL;
  private insecureTls = false;
  private challenge?: Challenge;
  private readonly tokens = new Map<string, string>();

  constructor(readonly endpoint: RegistryEndpoint) {}

  /** Where the API was found (https:// or http://), once something was asked. */
  get baseUrl(): string | undefined {
    return this.base?.origin;
  }

  /**
   * GET /v2/ (the version check) and the auth scheme the registry asks for. Finds the transport:
   * HTTPS, then for an insecure registry plain HTTP or HTTPS without verification.
   */
  async ping(options: CallOptions = {}): Promise<{ auth: 'none' | 'basic' | 'bearer' | string; url: string }> {
    const answer = await this.locate(options);
    this.challenge = answer.status === 401 ? parseChallenge(String(answer.headers['www-authenticate'] ?? '')) : undefined;
    if (answer.status !== 200 && answer.status !== 401) throw new RegistryError('other', `${this.endpoint.registry} is not a Docker registry (GET /v2/ answered ${answer.status}).`);
    return { auth: this.challenge?.scheme ?? 'none', url: this.base!.origin };
  }

  /**
   * Checks the credentials the way `docker login` does: Basic against /v2/, Bearer against the
   * token realm with no scope, asking for an offline (refresh) token. A wrong user name or password
   * is a `wrongCredentials` error. `identityToken`: the refresh token the token server gave, which
   * docker stores instead of the password.
   */
  async login(options: CallOptions = {}): Promise<{ auth: string; identityToken?: string }> {
    const { auth } = await this.ping(options);
    const credentials = this.endpoint.auth;
    if (auth === 'none') return { auth };
    if (!credentials?.username && !credentials?.identitytoken) throw new RegistryError('wrongCredentials', 'No user name given.');
    if (auth === 'basic') {
      const answer = await this.exchange({ url: new URL('/v2/', this.base), headers: this.basicHeader() }, options);
      if (answer.status === 401) throw this.wrongCredentials();
      if (answer.status !== 200) throw errorFromAnswer(answer, 'a login', this.endpoint.registry);
      return { auth };
    }
    if (auth === 'bearer') {
      const { refreshToken } = await this.fetchToken([], options, true);
      return { auth, identityToken: refreshToken };
    }
    throw new RegistryError('unsupported', `${this.endpoint.registry} asks for "${auth}" authentication, which Wharf does not speak.`);
  }

  async catalog(options: CallOptions & { pageSize?: number; next?: string } = {}): Promise<Page<string>> {
    const path = options.next ?? `/v2/_catalog?n=${options.pageSize ?? 100}`;
    const answer = await this.get(path, 'registry:catalog:*', 'its catalog', options);
    const body = this.json<{ repositories?: string[] }>(answer, 'the catalog');
    return { items: body.repositories ?? [], next: nextLink(answer.headers.link) };
  }

  async tags(repository: string, options: CallOptions & { pageSize?: number; next?: string } = {}): Promise<Page<string>> {
    checkRepository(repository);
    const path = options.next ?? `/v2/${repository}/tags/list?n=${options.pageSize ?? 100}`;
    const answer = await this.get(path, `repository:${repository}:pull`, `repository ${repository}`, options);
    const body = this.json<{ tags?: string[] | null }>(answer, 'the tag list');
    return { items: body.tags ?? [], next: nextLink(answer.headers.link) };
  }

  /** The digest a tag points at (HEAD, so nothing is downloaded). */
  async digestOf(repository: string, tag: string, options: CallOptions = {}): Promise<string> {
    checkRepository(repository);
    checkReference(tag);
    const answer = await this.call(`/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull`, `tag ${repository}:${tag}`, { ...options, method: 'HEAD', accept: ACCEPT_MANIFESTS });
    const digest = answer.headers['docker-content-digest'];
    if (typeof digest !== 'string' || !digest.startsWith('sha256:')) throw new RegistryError('malformed', `${this.endpoint.registry} gave no digest for ${repository}:${tag}.`);
    return digest;
  }

  async tagDetails(repository: string, tag: string, options: CallOptions = {}): Promise<TagDetails> {
    const top = await this.manifest(repository, tag, options);
    if (top.mediaType === MANIFEST_LIST || top.mediaType === OCI_INDEX) {
      const platforms = (top.body.manifests ?? [])
        .filter((m) => m.platform && m.platform.os !== 'unknown' && m.platform.architecture !== 'unknown')
        .map((m) => ({ os: m.platform!.os, architecture: m.platform!.architecture, variant: m.platform!.variant, digest: m.digest, size: m.size }));
      const first = platforms[0] ? await this.manifest(repository, platforms[0].digest, options) : undefined;
      return { tag, digest: top.digest, mediaType: top.mediaType, platforms, size: first && sizeOf(first.body), created: first && await this.created(repository, first.body, options) };
    }
    return { tag, digest: top.digest, mediaType: top.mediaType, platforms: [], size: sizeOf(top.body), created: await this.created(repository, top.body, options) };
  }

  /**
   * Deletes the manifest a tag points at (the API deletes by digest only): every tag of that
   * digest goes with it. Returns the digest deleted.
   */
  async deleteTag(repository: string, tag: string, options: CallOptions = {}): Promise<string> {
    const digest = await this.digestOf(repository, tag, options);
    await this.call(`/v2/${repository}/manifests/${digest}`, `repository:${repository}:delete`, `deleting ${repository}:${tag}`, { ...options, method: 'DELETE', okStatus: [200, 202] });
    return digest;
  }

  private async manifest(repository: string, reference: string, options: CallOptions): Promise<{ digest: string; mediaType: string; body: ManifestBody }> {
    checkRepository(repository);
    checkReference(reference);
    const answer = await this.get(`/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, `manifest ${repository}:${reference}`, { ...options, accept: ACCEPT_MANIFESTS });
    const body = this.json<ManifestBody>(answer, 'the manifest');
    const header = answer.headers['docker-content-digest'];
    const digest = typeof header === 'string' && header ? header : `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
    const mediaType = body.mediaType ?? String(answer.headers['content-type'] ?? '').split(';')[0];
    return { digest, mediaType, body };
  }

  private async created(repository: string, manifest: ManifestBody, options: CallOptions): Promise<Date | undefined> {
    const config = manifest.config?.digest;
    if (!config) return undefined;
    const answer = await this.get(`/v2/${repository}/blobs/${config}`, `repository:${repository}:pull`, `the config of ${repository}`, options);
    const created = this.json<{ created?: string }>(answer, 'the image config').created;
    const date = created ? new Date(created) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  }

  private get(path: string, scope: string, what: string, options: CallOptions & { accept?: string }): Promise<HttpAnswer> {
    return this.call(path, scope, what, { ...options, method: 'GET' });
  }

  /**
   * One API call with the auth the registry asked for: Basic credentials, or a Bearer token for
   * the scope (the challenge's own scope wins when a 401 names one). Redirects (blob storage) are
   * followed without the Authorization header when they leave the registry's host.
   */
  private async call(path: string, scope: string, what: string, options: CallOptions & { method: HttpRequest['method']; accept?: string; okStatus?: number[] }): Promise<HttpAnswer> {
    if (!this.base) await this.ping(options);
    const send = async (auth: Record<string, string>): Promise<HttpAnswer> => {
      let url = new URL(path, this.base);
      let headers: Record<string, string> = { ...auth, ...(options.accept ? { Accept: options.accept } : {}) };
      for (let hop = 0; ; hop++) {
        const answer = await this.exchange({ url, method: options.method, headers }, options);
        const location = answer.headers.location;
        if (hop >= 3 || answer.status < 300 || answer.status >= 400 || !location || options.method !== 'GET') return answer;
        const target = new URL(location, url);
        if (target.host !== url.host) headers = options.accept ? { Accept: options.accept } : {};
        url = target;
      }
    };
    let answer = await send(await this.authHeader([scope], options));
    if (answer.status === 401) {
      const asked = parseChallenge(String(answer.headers['www-authenticate'] ?? ''));
      // A registry whose /v2/ was open may still guard a repository: its challenge there counts.
      const adopted = !this.challenge && asked && (asked.scheme === 'bearer' || (asked.scheme === 'basic' && this.endpoint.auth?.username));
      if (adopted) this.challenge = asked;
      if (this.challenge?.scheme === 'bearer') {
        // An expired token, or one for too little: a fresh one for what the registry says it wants.
        const scopes = asked?.params.scope ? asked.params.scope.split(' ') : [scope];
        answer = await send(await this.authHeader(scopes, options, true));
      } else if (adopted) {
        answer = await send(await this.authHeader([scope], options));
      }
    }
    if ((options.okStatus ?? [200]).includes(answer.status)) return answer;
    throw errorFromAnswer(answer, what, this.endpoint.registry);
  }

  private async authHeader(scopes: string[], options: CallOptions, fresh = false): Promise<Record<string, string>> {
    if (!this.challenge) return {};
    if (this.challenge.scheme === 'basic') return this.endpoint.auth?.username ? this.basicHeader() : {};
    if (this.challenge.scheme !== 'bearer') return {};
    const key = scopes.join(' ');
    let token = fresh ? undefined : this.tokens.get(key);
    if (!token) {
      token = (await this.fetchToken(scopes, options)).token;
      this.tokens.set(key, token);
    }
    return { Authorization: `Bearer ${token}` };
  }

  private basicHeader(): Record<string, string> {
    const { username = '', password = '' } = this.endpoint.auth ?? {};
    return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  }

  /**
   * A token from the challenge's realm: an identity token as an OAuth2 refresh token, else Basic
   * credentials (or none, anonymously). `offline` asks for a refresh token too, as docker login does.
   */
  private async fetchToken(scopes: string[], options: CallOptions, offline = false): Promise<{ token: string; refreshToken?: string }> {
    const realm = this.challenge?.params.realm;
    if (!realm) throw new RegistryError('malformed', `${this.endpoint.registry} asked for a token but named no realm to get it from.`);
    let url: URL;
    try { url = new URL(realm); } catch { throw new RegistryError('malformed', `${this.endpoint.registry} named a token realm that is not a URL.`); }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (this.endpoint.insecure || isLoopbackRegistry(url.host)))) {
      throw new RegistryError('insecure', `${this.endpoint.registry} wants credentials sent to ${url.origin} over plain HTTP; Wharf does not send them there.`);
    }
    const service = this.challenge?.params.service;
    const auth = this.endpoint.auth;
    let answer: HttpAnswer;
    if (auth?.identitytoken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: auth.identitytoken, client_id: 'wharf', ...(service ? { service } : {}), ...(scopes.length ? { scope: scopes.join(' ') } : {}) });
      answer = await this.exchange({ url, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() }, options);
    } else {
      if (service) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      if (auth?.username) url.searchParams.set('account', auth.username);
      if (offline && auth?.username) url.searchParams.set('offline_token', 'true');
      url.searchParams.set('client_id', 'wharf');
      answer = await this.exchange({ url, headers: auth?.username ? this.basicHeader() : {} }, options);
    }
    if (answer.status === 401 || answer.status === 403) {
      if (auth?.username || auth?.identitytoken) throw this.wrongCredentials();
      throw new RegistryError('unauthorized', `${this.endpoint.registry} gives no anonymous access.`, 'Log in to the registry from the Registries view, then try again.');
    }
    if (answer.status !== 200) throw errorFromAnswer(answer, 'a token', url.host);
    const body = this.json<{ token?: string; access_token?: string; refresh_token?: string }>(answer, 'the token answer');
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError('malformed', `The token server of ${this.endpoint.registry} answered without a token.`);
    return { token, refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined };
  }

  private wrongCredentials(): RegistryError {
    return new RegistryError('wrongCredentials', `${this.endpoint.registry} refused the user name or password.`, 'Check them (a registry that uses access tokens wants the token as the password) and log in again.');
  }

  /** Finds the transport on the first call; every later call uses it. */
  private async locate(options: CallOptions): Promise<HttpAnswer> {
    const host = apiHost(this.endpoint.registry);
    const insecure = this.endpoint.insecure ?? false;
    const https = new URL(`https://${host}/v2/`);
    try {
      const answer = await this.exchange({ url: https }, options, false);
      this.base = https;
      return answer;
    } catch (err) {
      if (!(err instanceof TransportError) || (err.kind !== 'tls' && err.kind !== 'certificate' && err.kind !== 'refused')) throw this.transportFailure(err);
      if (!insecure) throw this.transportFailure(err);
      if (err.kind === 'certificate') {
        this.insecureTls = true;
        const answer = await this.exchange({ url: https }, options, false).catch((e: unknown) => { throw this.transportFailure(e); });
        this.base = https;
        return answer;
      }
      const plain = new URL(`http://${host}/v2/`);
      const answer = await this.exchange({ url: plain }, options, false).catch((e: unknown) => { throw this.transportFailure(e); });
      this.base = plain;
      return answer;
    }
  }

  private async exchange(request: HttpRequest, options: CallOptions, mapErrors = true): Promise<HttpAnswer> {
    try {
      return await httpExchange({ ...request, ca: this.endpoint.ca, insecureTls: this.insecureTls, signal: options.signal, deadlineMs: options.deadlineMs });
    } catch (err) {
      throw mapErrors ? this.transportFailure(err) : err;
    }
  }

  private transportFailure(err: unknown): RegistryError {
    if (err instanceof RegistryError) return err;
    const registry = this.endpoint.registry;
    if (!(err instanceof TransportError)) return new RegistryError('other', `${registry}: ${(err as Error).message}`, undefined, { cause: err });
    switch (err.kind) {
      case 'cancelled': return new RegistryError('cancelled', 'Cancelled.', undefined, { cause: err });
      case 'timeout': return new RegistryError('timeout', `${registry} did not answer in time.`, 'Check the address and your connection, then try again.', { cause: err });
      case 'refused': return new RegistryError('unreachable', `Cannot reach ${registry}.`, 'Check the address (host and port) and that the registry is running.', { cause: err });
      case 'tls': return new RegistryError('insecure', `${registry} answers over plain HTTP, and the engine does not list it as an insecure registry: the engine will refuse to push to or pull from it.`,
        `Add "${registry}" to "insecure-registries" in the engine's daemon.json and restart the engine (loopback addresses are allowed already), or serve the registry over HTTPS.`, { cause: err });
      case 'certificate': return new RegistryError('insecure', `The certificate of ${registry} is not trusted, and the engine does not list it as an insecure registry: the engine will refuse it too.`,
        `Put the registry's CA certificate in /etc/docker/certs.d/${registry}/ca.crt on the engine's machine (Wharf reads the same folder on this one), or add "${registry}" to "insecure-registries" in daemon.json.`, { cause: err });
      default: return new RegistryError('other', `${registry}: ${err.message}`, undefined, { cause: err });
    }
  }

  private json<T>(answer: HttpAnswer, what: string): T {
    try {
      return JSON.parse(answer.body.toString('utf8')) as T;
    } catch {
      throw new RegistryError('malformed', `${this.endpoint.registry} sent ${what} in a form that is not JSON.`);
    }
  }
}

interface ManifestBody {
  mediaType?: string;
  manifests?: { digest: string; size?: number; platform?: { os: string; architecture: string; variant?: string } }[];
  config?: { digest: string; size?: number };
  layers?: { size?: number }[];
}

function sizeOf(manifest: ManifestBody): number | undefined {
  if (!manifest.config && !manifest.layers) return undefined;
  return (manifest.config?.size ?? 0) + (manifest.layers ?? []).reduce((n, l) => n + (l.size ?? 0), 0);
}
