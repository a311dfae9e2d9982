// Image operations: one function each; pull and push stream per-layer progress folded into one
// percentage and are cancellable through the caller's signal.
import type Docker from 'dockerode';
import { isManifestUnknown } from './engineErrors';
import { toWharfError, WharfError } from './errors';
import { ProgressFolder, type OverallProgress } from './progress';
import { registryOf, resolveRegistryAuth, type RegistryAuth, type ResolveOptions } from './registryAuth';
import { dial, engineRequest, type RequestOptions } from './request';
import { readJsonLines, StreamError } from './streams';
import { labelFilter, type PruneOptions } from './containers';

/** A reference with its tag made explicit: pulling "x" without a tag would fetch every tag. */
export function withDefaultTag(reference: string): string {
  if (reference.includes('@')) return reference;
  const lastSlash = reference.lastIndexOf('/');
  return reference.slice(lastSlash + 1).includes(':') ? reference : `${reference}:latest`;
}

/** Splits "host:5000/repo/name:tag" into repository and tag (or digest). */
export function splitReference(reference: string): { repository: string; tag: string } {
  const full = withDefaultTag(reference);
  const at = full.indexOf('@');
  if (at >= 0) return { repository: full.slice(0, at), tag: full.slice(at + 1) };
  const colon = full.lastIndexOf(':');
  return { repository: full.slice(0, colon), tag: full.slice(colon + 1) };
}

/**
 * A failure reported inside a pull/push stream (after the engine answered 200) has no HTTP status;
 * give it the one the registry meant, so errors.ts maps it like the same failure answered upfront.
 */
function streamFailure(err: unknown, action: string, image: string): WharfError {
  if (!(err instanceof StreamError)) return toWharfError(err, { action, image });
  const words = err.message;
  const statusCode = isManifestUnknown(err) ? 404 : /unauthorized|authentication required|denied/i.test(words) ? 401 : 500;
  return toWharfError({ statusCode, json: { message: words }, message: words }, { action, image });
}

export function listImages(docker: Docker, options: PruneOptions & { all?: boolean; danglingOnly?: boolean } = {}): Promise<Docker.ImageInfo[]> {
  const filters = { ...(options.danglingOnly ? { dangling: ['true'] } : {}), ...labelFilter(options) };
  return engineRequest('list images', (abortSignal) => docker.listImages({ all: options.all ?? false, filters, abortSignal }), options);
}

export function inspectImage(docker: Docker, reference: string, options: RequestOptions = {}): Promise<Docker.ImageInspectInfo> {
  return engineRequest(`inspect image ${reference}`, (signal) =>
    dial<Docker.ImageInspectInfo>(docker, { path: `/images/${encodeURIComponent(reference)}/json`, method: 'GET', statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } }, signal), options);
}

export interface ImageLayer {
  /** The image id of this step, or "<missing>" for layers built elsewhere. */
  id: string;
  createdAt: number;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

/** The layers, newest first, as `docker history` shows them. */
export async function imageHistory(docker: Docker, reference: string, options: RequestOptions = {}): Promise<ImageLayer[]> {
  const history = await engineRequest(`read the history of ${reference}`, (signal) =>
    dial<Array<{ Id: string; Created: number; CreatedBy: string; Size: number; Tags: string[] | null; Comment: string }>>(
      docker, { path: `/images/${encodeURIComponent(reference)}/history`, method: 'GET', statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } }, signal), options);
  return history.map((h) => ({ id: h.Id, createdAt: h.Created * 1000, createdBy: h.CreatedBy, size: h.Size, tags: h.Tags ?? [], comment: h.Comment }));
}

export interface PullOptions extends RequestOptions {
  onProgress?: (progress: OverallProgress) => void;
  /** Where to look for registry credentials (default: $DOCKER_CONFIG or ~/.docker). */
  auth?: ResolveOptions;
  /** Credentials given directly (they win over the docker config). */
  credentials?: RegistryAuth;
  /** Fail when the engine sends no progress for this long (default 2 minutes). */
  idleMs?: number;
}

/** Pull/push progress arrives several times a second; two silent minutes means a stuck transfer. */
const DEFAULT_TRANSFER_IDLE_MS = 120_000;

async function authFor(reference: string, options: PullOptions): Promise<RegistryAuth | undefined> {
  return options.credentials ?? resolveRegistryAuth(reference, options.auth);
}

/**
 * Pulls one image (its tag defaults to latest). Resolves once the engine has it; rejects with
 * a WharfError 'registryNotFound' ("Image X not found in registry Y.") when the registry has no
 * such repository or tag.
 */
export async function pullImage(docker: Docker, reference: string, options: PullOptions = {}): Promise<void> {
  const full = withDefaultTag(reference);
  const { repository, tag } = splitReference(full);
  const authconfig = await authFor(full, options);
  const folder = new ProgressFolder();
  const stream = await engineRequest(`pull ${full}`, (abortSignal) =>
    docker.createImage(authconfig ?? {}, { fromImage: repository, tag, abortSignal }) as Promise<NodeJS.ReadableStream>, options, { image: full });
  await readJsonLines(stream, (event) => options.onProgress?.(folder.add(event)), options.signal, options.idleMs ?? DEFAULT_TRANSFER_IDLE_MS).catch((err) => {
    throw streamFailure(err, `pull ${full}`, full);
  });
  options.onProgress?.(folder.complete());
}

/** Pushes a tag to its registry with credentials from the docker config. */
export async function pushImage(docker: Docker, reference: string, options: PullOptions = {}): Promise<{ digest?: string }> {
  const full = withDefaultTag(reference);
  const { repository, tag } = splitReference(full);
  const authconfig = (await authFor(full, options)) ?? { serveraddress: registryOf(full) };
  const folder = new ProgressFolder();
  const stream = await engineRequest(`push ${full}`, (abortSignal) =>
    docker.getImage(repository).push({ tag, authconfig, abortSignal }) as Promise<NodeJS.ReadableStream>, options, { image: full });
  const events = await readJsonLines(stream, (event) => options.onProgress?.(folder.add(event)), options.signal, options.idleMs ?? DEFAULT_TRANSFER_IDLE_MS).catch((err) => {
    throw streamFailure(err, `push ${full}`, full);
  });
  options.onProgress?.(folder.complete());
  const digest = events.map((e) => (e.aux as { Digest?: string } | undefined)?.Digest).find((d) => d);
  return { digest };
}

/** Adds a reference to an existing image (docker tag source target). */
export async function tagImage(docker: Docker, source: string, target: string, options: RequestOptions = {}): Promise<void> {
  const { repository, tag } = splitReference(target);
  await engineRequest(`tag ${source} as ${target}`, (abortSignal) => docker.getImage(source).tag({ repo: repository, tag, abortSignal }), options);
}

export interface RemoveImageOptions extends RequestOptions {
  /** Remove even when a container uses it or it has several tags. Default false. */
  force?: boolean;
  /** Keep untagged parent images. Default false (the engine removes them, like the CLI). */
  noPrune?: boolean;
}

/** Removes an image (or just one of its tags); returns what the engine untagged and deleted. */
export async function removeImage(docker: Docker, reference: string, options: RemoveImageOptions = {}): Promise<{ untagged: string[]; deleted: string[] }> {
  const result = (await engineRequest(`remove image ${reference}`, (abortSignal) =>
    docker.getImage(reference).remove({ force: options.force ?? false, noprune: options.noPrune ?? false, abortSignal }), options)) as Array<{ Untagged?: string; Deleted?: string }>;
  return {
    untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
    deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
  };
}
