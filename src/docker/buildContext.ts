// Packs a build context folder into the tar stream the engine's /build expects, honouring
// .dockerignore the way the docker CLI does (@balena/dockerignore implements its matcher).
import dockerignore from '@balena/dockerignore';
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-fs';

export interface ContextFilter {
  /** True when the context-relative path (forward slashes) is sent to the engine. */
  includes(relativePath: string): boolean;
  /** True when a directory excluded itself may still hold re-included (`!pattern`) files. */
  mayHoldExceptions(relativeDir: string): boolean;
}

/**
 * The filter for a context folder. The Dockerfile and .dockerignore are always sent, even when
 * ignored, because the engine needs the Dockerfile and the CLI sends both (its
 * TrimBuildFilesFromExcludes does the same).
 */
export function contextFilter(ignoreText: string, dockerfile = 'Dockerfile'): ContextFilter {
  const lines = ignoreText.split(/\r?\n/);
  const ignore = dockerignore({ ignorecase: false }).add(lines);
  const alwaysSent = new Set([toPosix(dockerfile), '.dockerignore']);
  const exceptions = lines.map((l) => l.trim()).filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/^\/+/, ''));
  return {
    includes: (relativePath) => alwaysSent.has(relativePath) || !ignore.ignores(relativePath),
    mayHoldExceptions: (relativeDir) =>
      [...alwaysSent].some((p) => p.startsWith(`${relativeDir}/`)) ||
      exceptions.some((e) => e.startsWith(`${relativeDir}/`) || /^[*?[]/.test(e) || e.startsWith('**')),
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/').replace(/^\.\//, '');
}

function readIgnoreFile(contextDir: string): string {
  try {
    return readFileSync(path.join(contextDir, '.dockerignore'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * A readable tar of the context folder. Excluded directories are not walked unless an exception
 * pattern could re-include something below them (then the directory entry itself goes along, as
 * with the CLI).
 */
export function packBuildContext(contextDir: string, dockerfile = 'Dockerfile'): NodeJS.ReadableStream {
  const root = path.resolve(contextDir);
  const filter = contextFilter(readIgnoreFile(root), dockerfile);
  return tar.pack(root, {
    ignore: (absolute) => {
      const relative = toPosix(path.relative(root, absolute));
      if (filter.includes(relative)) return false;
      // Only excluded names get this extra stat: whether to walk into them for exceptions.
      return !(filter.mayHoldExceptions(relative) && isDirectory(absolute));
    },
  });
}

function isDirectory(absolute: string): boolean {
  try {
    return lstatSync(absolute).isDirectory();
  } catch {
    return false;
  }
}
