// Packs a build context folder into the tar stream the engine's /build expects, leaving out what
// the .dockerignore that applies excludes. Which folder and which ignore file are decided in one
// place, src/workspace/buildContext.ts, which CopyIgnoredFile uses too.
import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { loadContextIgnore } from '../workspace/buildContext';
import type { DockerIgnore } from '../workspace/dockerignore';
import { WharfError } from './errors';

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
export function contextFilter(ignore: DockerIgnore, dockerfile = 'Dockerfile'): ContextFilter {
  const alwaysSent = new Set([toPosix(dockerfile), '.dockerignore']);
  return {
    includes: (relativePath) => alwaysSent.has(relativePath) || !ignore.ignores(relativePath),
    mayHoldExceptions: (relativeDir) => [...alwaysSent].some((p) => p.startsWith(`${relativeDir}/`)) || ignore.mayHoldExceptions(relativeDir),
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/').replace(/^\.\//, '');
}

/**
 * A readable tar of the context folder. Excluded directories are not walked unless an exception
 * pattern could re-include something below them (then the directory entry itself goes along, as
 * with the CLI). The walk follows no symlink (each is sent as a link, as the CLI does) and reads
 * regular files only, each no further than the size it had when listed; FIFOs, sockets and
 * devices are left out (the CLI would send a FIFO as an empty entry; tar-fs cannot), so nothing in the folder can make packing block or grow without end.
 * A .dockerignore the engine would reject, or one that cannot be read, fails the build here.
 */
export async function packBuildContext(contextDir: string, dockerfile = 'Dockerfile'): Promise<NodeJS.ReadableStream> {
  const root = path.resolve(contextDir);
  const { file, matcher, error } = await loadContextIgnore(path.join(root, dockerfile), root);
  if (error) throw new WharfError('badRequest', error.message, { hint: 'Make it a regular file, or remove it.' });
  const problem = matcher.problems[0];
  if (problem) {
    throw new WharfError('badRequest', `${file}:${problem.line}: ${problem.message}: ${problem.pattern}`, { hint: 'Fix or remove the pattern; docker build rejects it too.' });
  }
  const filter = contextFilter(matcher, dockerfile);
  return tar.pack(root, {
    // Not strict: a FIFO, socket or device is skipped instead of failing the whole pack.
    strict: false,
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
