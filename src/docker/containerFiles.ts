// A container's files through the engine's archive API: stat (HEAD …/archive and its
// X-Docker-Container-Path-Stat header), read (GET …/archive, one tar entry), write and mkdir
// (PUT …/archive with a tar built here). The archive API works on a stopped container too (the
// engine mounts its filesystem for the request), which is what lets Wharf browse and edit files an
// exec-based browser cannot reach. Only deletion needs a process in the container (`rm` by exec,
// argv only), so it is offered on a running container whose image has `rm`.
//
// Everything is streamed: reads untar as the engine sends, writes tar as the source is read.
import { posix } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import * as tar from 'tar-stream';
import { execCollect, inspectContainer } from './containers';
import { isWharfError } from './errors';
import { engineRequest, type RequestOptions } from './request';

export type PathKind = 'file' | 'directory' | 'symlink' | 'other';

export interface ContainerPathStat {
  /** Absolute, normalised path in the container. */
  path: string;
  name: string;
  kind: PathKind;
  size: number;
  /** Permission bits (0o777 and setuid/setgid/sticky). */
  mode: number;
  /** Epoch ms. */
  mtime: number;
  /** For a symlink: the path it points to, resolved by the engine inside the container. */
  linkTarget?: string;
}

/** Why a file operation cannot be done, for the UI to map to its own errors. */
export type ContainerPathProblem = 'notFound' | 'isDirectory' | 'notDirectory' | 'exists' | 'readOnly' | 'needsRunning' | 'noTool' | 'loop';

export class ContainerPathError extends Error {
  constructor(readonly problem: ContainerPathProblem, message: string) {
    super(message);
    this.name = 'ContainerPathError';
  }
}

export function isContainerPathError(err: unknown, problem?: ContainerPathProblem): err is ContainerPathError {
  return err instanceof ContainerPathError && (problem === undefined || err.problem === problem);
}

/** An absolute container path, normalised ("/etc/../etc/hosts" → "/etc/hosts"). */
export function containerPath(path: string): string {
  const normal = posix.normalize(`/${path}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

// Go's os.FileMode type bits, as the engine reports them in the stat header.
const MODE_DIR = 1 << 31;
const MODE_SYMLINK = 1 << 27;
const MODE_TYPE = MODE_DIR | MODE_SYMLINK | (1 << 26) | (1 << 25) | (1 << 24) | (1 << 21) | (1 << 19);
const MODE_SETUID = 1 << 23;
const MODE_SETGID = 1 << 22;
const MODE_STICKY = 1 << 20;

/** The engine's stat header (base64 JSON: name, size, mode as Go's FileMode, mtime, linkTarget). */
export function parsePathStat(path: string, header: string): ContainerPathStat {
  const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { name?: string; size?: number; mode?: number; mtime?: string; linkTarget?: string };
  const mode = raw.mode ?? 0;
  const kind: PathKind = (mode & MODE_DIR) !== 0 ? 'directory' : (mode & MODE_SYMLINK) !== 0 ? 'symlink' : (mode & MODE_TYPE) !== 0 ? 'other' : 'file';
  const special = ((mode & MODE_SETUID) !== 0 ? 0o4000 : 0) | ((mode & MODE_SETGID) !== 0 ? 0o2000 : 0) | ((mode & MODE_STICKY) !== 0 ? 0o1000 : 0);
  return {
    path,
    name: raw.name ?? posix.basename(path),
    kind,
    size: raw.size ?? 0,
    mode: (mode & 0o777) | special,
    mtime: Date.parse(raw.mtime ?? '') || 0,
    ...(raw.linkTarget ? { linkTarget: raw.linkTarget } : {}),
  };
}

/**
 * The engine answers 404 both for a missing container and a missing path (HEAD has no body to
 * tell them apart): a missing path is a ContainerPathError, a missing container stays the
 * engine's notFound error.
 */
async function missing(docker: Docker, id: string, path: string, err: unknown, options: RequestOptions): Promise<unknown> {
  if (!isWharfError(err, 'notFound')) return err;
  if (/could not find the file|no such file|not found/i.test(err.engineMessage ?? '') && !/no such container/i.test(err.engineMessage ?? '')) {
    return new ContainerPathError('notFound', `${path} does not exist in the container.`);
  }
  try {
    await inspectContainer(docker, id, options);
  } catch (inspectErr) {
    return inspectErr;
  }
  return new ContainerPathError('notFound', `${path} does not exist in the container.`);
}

/** What a path is (lstat: a symlink is reported as one, with the target the engine resolved). */
export async function statPath(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<ContainerPathStat> {
  const at = containerPath(path);
  try {
    const response = await engineRequest(`read ${at} in ${id}`, (abortSignal) => docker.getContainer(id).infoArchive({ path: at, abortSignal }) as Promise<IncomingMessage>, options);
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string') throw new ContainerPathError('notFound', `The engine did not describe ${at}.`);
    return parsePathStat(at, header);
  } catch (err) {
    throw await missing(docker, id, at, err, options);
  }
}

const MAX_LINKS = 16;

/** stat that follows symlinks (as `stat`, not `lstat`); `linkTarget` says where it went. */
export async function statResolved(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<ContainerPathStat & { symlink: boolean }> {
  let stat = await statPath(docker, id, path, options);
  const symlink = stat.kind === 'symlink';
  for (let hops = 0; stat.kind === 'symlink'; hops++) {
    if (hops >= MAX_LINKS || !stat.linkTarget) throw new ContainerPathError('loop', `${containerPath(path)} is a symbolic link that does not resolve.`);
    const target = stat.linkTarget.startsWith('/') ? stat.linkTarget : posix.join(posix.dirname(stat.path), stat.linkTarget);
    stat = await statPath(docker, id, target, options);
  }
  return { ...stat, path: containerPath(path), name: posix.basename(containerPath(path)) || '/', symlink, ...(symlink ? { linkTarget: stat.path } : {}) };
}

/** The raw tar stream of a path (a folder: with everything under it), for the caller to read to its end or destroy. */
export async function openArchive(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<Readable> {
  const at = containerPath(path);
  try {
    return await engineRequest(`read ${at} in ${id}`, (abortSignal) => docker.getContainer(id).getArchive({ path: at, abortSignal }) as Promise<Readable>, options);
  } catch (err) {
    throw await missing(docker, id, at, err, options);
  }
}

/** The entries of a folder's archive, one call per entry header (the bodies are skipped). */
async function walkArchive(archive: Readable, onEntry: (header: tar.Headers, body: Readable) => Promise<boolean | void>): Promise<void> {
  const extract = tar.extract();
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      if (stopped) { body.resume(); next(); return; }
      onEntry(header, body).then((stop) => {
        if (stop) {
          stopped = true;
          archive.destroy();
          resolve();
        }
        body.resume();
        body.on('end', () => next());
      }, (err: unknown) => { archive.destroy(); reject(err); });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    archive.on('error', (err) => { if (!stopped) reject(err); });
  });
  archive.pipe(extract);
  await done;
}

/**
 * The children of a folder. The archive API has no listing: the engine sends the folder's whole
 * subtree and only the entry headers are read (the file contents pass through unread). A large
 * folder (the root of a big image) therefore takes as long as the engine needs to tar it.
 */
export async function listDirectory(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<ContainerPathStat[]> {
  const folder = await statResolved(docker, id, path, options);
  if (folder.kind !== 'directory') throw new ContainerPathError('notDirectory', `${folder.path} is not a folder.`);
  const source = folder.linkTarget ?? folder.path;
  const archive = await openArchive(docker, id, source, options);
  const children = new Map<string, ContainerPathStat>();
  await walkArchive(archive, async (header) => {
    // Entry names start with the folder's own name ("etc/hosts"), except the root's ("bin/sh").
    const parts = header.name.split('/').filter((p) => p !== '' && p !== '.');
    const depth = source === '/' ? 1 : 2;
    if (parts.length !== depth) return;
    const name = parts[depth - 1];
    const kind: PathKind = header.type === 'directory' ? 'directory' : header.type === 'symlink' ? 'symlink' : header.type === 'file' || header.type === 'contiguous-file' ? 'file' : header.type === 'link' ? 'file' : 'other';
    children.set(name, {
      path: posix.join(folder.path, name),
      name,
      kind,
      size: header.size ?? 0,
      mode: (header.mode ?? 0) & 0o7777,
      mtime: header.mtime?.getTime() ?? 0,
      ...(header.linkname ? { linkTarget: header.linkname } : {}),
    });
  });
  return [...children.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Streams a file's content into `sink` (symlinks followed); resolves with its size once written. */
export async function readFileTo(docker: Docker, id: string, path: string, sink: Writable, options: RequestOptions = {}): Promise<number> {
  const file = await statResolved(docker, id, path, options);
  if (file.kind === 'directory') throw new ContainerPathError('isDirectory', `${file.path} is a folder.`);
  const archive = await openArchive(docker, id, file.linkTarget ?? file.path, options);
  let size = -1;
  await walkArchive(archive, async (header, body) => {
    if (header.type !== 'file' && header.type !== 'contiguous-file') throw new ContainerPathError('notFound', `${file.path} is not a regular file.`);
    size = header.size ?? 0;
    await pipeline(body, sink, { end: true });
    return true;
  });
  if (size < 0) throw new ContainerPathError('notFound', `${file.path} does not exist in the container.`);
  return size;
}

/** A whole file's content (symlinks followed). Binary-safe: the bytes as they are. */
export async function readFile(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await readFileTo(docker, id, path, sink, options);
  return Buffer.concat(chunks);
}

/** The owner and permissions a file has, from its tar header (the stat header has no owner). */
async function ownership(docker: Docker, id: string, path: string, options: RequestOptions): Promise<{ mode: number; uid: number; gid: number } | undefined> {
  const archive = await openArchive(docker, id, path, options);
  let found: { mode: number; uid: number; gid: number } | undefined;
  // Only the first header is wanted: the request is closed before the content is sent on.
  await walkArchive(archive, async (header) => {
    found = { mode: (header.mode ?? 0o644) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0 };
    return true;
  });
  return found;
}

/** The engine's refusals of a write, said in terms of the path. */
function writeRefused(at: string, err: unknown): unknown {
  if (!isWharfError(err)) return err;
  const words = err.engineMessage ?? '';
  if (err.statusCode === 403 || /read-only|marked read-only/i.test(words)) return new ContainerPathError('readOnly', `${at} is on a read-only file system (${words || 'the engine refused the write'}).`);
  if (err.statusCode === 404 && /could not find|no such file|not found/i.test(words) && !/no such container/i.test(words)) return new ContainerPathError('notFound', `The folder of ${at} does not exist in the container.`);
  if (/not a directory/i.test(words)) return new ContainerPathError('notDirectory', `A part of ${at} is not a folder.`);
  return err;
}

export interface WriteOptions extends RequestOptions {
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  /** Replace the file when it exists (default true). */
  overwrite?: boolean;
}

/** A file's content: bytes, or a stream of known size (an upload from disk). */
export type FileContent = Buffer | Uint8Array | { stream: Readable; size: number };

/**
 * Writes a file: a one-entry tar PUT into its folder. An existing file keeps its owner and
 * permissions; a new one is created like `docker cp` creates it (root-owned, mode 0644).
 */
export async function writeFile(docker: Docker, id: string, path: string, content: FileContent, options: WriteOptions = {}): Promise<void> {
  const at = containerPath(path);
  let existing: ContainerPathStat | undefined;
  try {
    existing = await statResolved(docker, id, at, options);
  } catch (err) {
    if (!isContainerPathError(err, 'notFound')) throw err;
  }
  if (existing?.kind === 'directory') throw new ContainerPathError('isDirectory', `${at} is a folder.`);
  if (existing && options.overwrite === false) throw new ContainerPathError('exists', `${at} already exists.`);
  if (!existing && options.create === false) throw new ContainerPathError('notFound', `${at} does not exist in the container.`);
  // Writing through a symlink writes the file it points to, as an editor saving it would.
  const target = existing?.linkTarget ?? at;
  const owner = existing ? await ownership(docker, id, target, options) : undefined;
  const size = 'stream' in content ? content.size : content.byteLength;
  const pack = tar.pack();
  const header: tar.Headers = { name: posix.basename(target), size, mode: owner?.mode ?? 0o644, uid: owner?.uid ?? 0, gid: owner?.gid ?? 0, mtime: new Date(), type: 'file' };
  if ('stream' in content) {
    const entry = pack.entry(header, (err) => { if (err) pack.destroy(err); else pack.finalize(); });
    content.stream.on('error', (err) => pack.destroy(err));
    content.stream.pipe(entry);
  } else {
    pack.entry(header, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    pack.finalize();
  }
  await putArchive(docker, id, posix.dirname(target), pack, at, options);
}

/** Creates a folder (its parent must exist), on a running or a stopped container. */
export async function makeDirectory(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<void> {
  const at = containerPath(path);
  const existing = await statPath(docker, id, at, options).catch((err: unknown) => { if (isContainerPathError(err, 'notFound')) return undefined; throw err; });
  if (existing) throw new ContainerPathError('exists', `${at} already exists.`);
  const parent = await statResolved(docker, id, posix.dirname(at), options);
  if (parent.kind !== 'directory') throw new ContainerPathError('notDirectory', `${parent.path} is not a folder.`);
  const pack = tar.pack();
  pack.entry({ name: posix.basename(at), type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: new Date() });
  pack.finalize();
  await putArchive(docker, id, parent.linkTarget ?? parent.path, pack, at, options);
}

async function putArchive(docker: Docker, id: string, folder: string, archive: Readable, at: string, options: RequestOptions): Promise<void> {
  try {
    // The whole upload is bounded by the deadline only until the engine answers; a large file
    // streams for as long as it takes (the caller's signal still cancels it).
    await engineRequest(`write ${at} in ${id}`, (abortSignal) => docker.getContainer(id).putArchive(archive, { path: folder, abortSignal }) as Promise<unknown>, { ...options, deadlineMs: options.deadlineMs ?? 10 * 60_000 });
  } catch (err) {
    const refused = writeRefused(at, err);
    throw refused === err ? await missing(docker, id, at, err, options) : refused;
  }
}

/**
 * Unpacks a tar (a folder packed from disk, an upload) into `folder` in the container, as
 * `docker cp` does; the tar is streamed as it is read.
 */
export async function extractArchive(docker: Docker, id: string, folder: string, archive: Readable, options: RequestOptions = {}): Promise<void> {
  const at = containerPath(folder);
  await putArchive(docker, id, at, archive, at, options);
}

/** The folders searched for a tool Wharf runs by exec (argv, no shell, no PATH lookup of the image's). */
const TOOL_FOLDERS = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin'];

/**
 * Where a tool is in the container's filesystem, found by stat through the archive API (works in a
 * stopped container, and in images without a shell), or undefined when the image has none.
 */
export async function findTool(docker: Docker, id: string, name: string, options: RequestOptions = {}): Promise<string | undefined> {
  for (const folder of TOOL_FOLDERS) {
    try {
      const stat = await statResolved(docker, id, posix.join(folder, name), options);
      if (stat.kind === 'file') return posix.join(folder, name);
    } catch (err) {
      if (!isContainerPathError(err)) throw err;
    }
  }
  return undefined;
}

/**
 * Deletes a file or folder (with what it holds) by running the image's own `rm` by exec, with
 * argv only. The archive API cannot delete, and exec needs a running container: a stopped one,
 * or an image without `rm`, gets a ContainerPathError saying so.
 */
export async function deletePath(docker: Docker, id: string, path: string, options: RequestOptions = {}): Promise<void> {
  const at = containerPath(path);
  if (at === '/') throw new ContainerPathError('readOnly', 'The root folder cannot be deleted.');
  await statPath(docker, id, at, options);
  const info = await inspectContainer(docker, id, options);
  if (!info.State.Running || info.State.Paused) throw new ContainerPathError('needsRunning', `Deleting ${at} needs the container to be running: the engine can only remove files with a command in the container.`);
  const rm = await findTool(docker, id, 'rm', options);
  if (!rm) throw new ContainerPathError('noTool', `The container has no rm to delete ${at} with.`);
  const result = await execCollect(docker, id, { command: [rm, '-rf', '--', at], user: '0' }, options);
  if (result.exitCode !== 0) {
    const words = result.stderr.trim();
    throw /read-only/i.test(words) ? new ContainerPathError('readOnly', `${at} is on a read-only file system.`) : new Error(`rm ${at} failed (exit ${result.exitCode}): ${words}`);
  }
}
