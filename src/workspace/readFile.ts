// Reading a file that a workspace supplies (a Dockerfile, .dockerignore, .hadolint.yaml): a cloned
// repository decides what these names are. A symlink to /dev/zero would fill the heap, a FIFO
// would block the read forever, so only regular files are read (a symlink to one is fine), up to
// a size cap, asynchronously. Used by the CLI, the editor and the build alike.
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** .hadolint.yaml and .dockerignore: real ones are a few KB; a megabyte is far past any. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * Dockerfiles: the linter reads 512 KB (lint.ts maxLintLength) and only counts the lines past
 * it to say where it stopped, so eight times that is plenty.
 */
export const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;

/** Why a workspace file was not read: "cannot read PATH: DETAIL". */
export class UnreadableFileError extends Error {
  constructor(readonly path: string, readonly reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable', readonly detail: string) {
    super(`cannot read ${path}: ${detail}`);
    this.name = 'UnreadableFileError';
  }
}

/**
 * The text of a regular file of at most `maxBytes` (UTF-8). Rejects with UnreadableFileError for
 * a missing file, anything but a regular file (after following symlinks), or a larger file.
 */
export async function readWorkspaceFile(path: string, maxBytes: number): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UnreadableFileError(path, error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'missing' : 'unreadable', error.code ?? error.message);
  });
  check(path, info, maxBytes);
  // Non-blocking, in case the name was swapped for a FIFO after the stat: opening a FIFO for
  // reading otherwise waits for a writer. The handle itself is checked again.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((error: NodeJS.ErrnoException) => {
    throw new UnreadableFileError(path, 'unreadable', error.code ?? error.message);
  });
  try {
    const opened = await handle.stat();
    check(path, opened, maxBytes);
    // Never more than one byte past the cap, however much the file grows while it is read.
    let buffer = Buffer.alloc(Math.min(maxBytes, opened.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(path, maxBytes);
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(path, maxBytes);
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** Like readWorkspaceFile, but undefined when the file does not exist. */
export async function readWorkspaceFileIfPresent(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readWorkspaceFile(path, maxBytes);
  } catch (error) {
    if (error instanceof UnreadableFileError && error.reason === 'missing') return undefined;
    throw error;
  }
}

function check(path: string, info: Stats, maxBytes: number): void {
  if (!info.isFile()) throw new UnreadableFileError(path, 'not-a-file', `not a regular file (${kindOf(info)})`);
  if (info.size > maxBytes) throw tooLarge(path, maxBytes);
}

function tooLarge(path: string, maxBytes: number): UnreadableFileError {
  return new UnreadableFileError(path, 'too-large', `larger than ${formatBytes(maxBytes)}`);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}
