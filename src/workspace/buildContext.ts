// What a build of a Dockerfile sends: the one place that says which folder is the build context
// and which .dockerignore applies to it. Build Image packs the context with these answers and
// CopyIgnoredFile (in the editor and in wharf-lint) warns with the same ones, so the warning is
// always about the build it describes.
import { dirname, join } from 'node:path';
import { parseDockerignore, type DockerIgnore } from './dockerignore';
import { MAX_CONFIG_BYTES, readWorkspaceFileIfPresent, UnreadableFileError } from './readFile';

/** The build context when the user names none: the Dockerfile's folder (`docker build -f X dir-of-X`). */
export function defaultContextDir(dockerfilePath: string): string {
  return dirname(dockerfilePath);
}

/**
 * The ignore files that may apply, first match wins: `<Dockerfile>.dockerignore` beside the
 * Dockerfile (BuildKit's per-Dockerfile file), then `.dockerignore` at the context's root.
 */
export function ignoreFileCandidates(dockerfilePath: string, contextDir: string): string[] {
  return [`${dockerfilePath}.dockerignore`, join(contextDir, '.dockerignore')];
}

export interface ContextIgnore {
  /** The ignore file that applies, when one exists. */
  file?: string;
  /** Its text, when it was read. */
  text?: string;
  /** Its matcher; one that ignores nothing when there is no file or it cannot be read. */
  matcher: DockerIgnore;
  /** Why an existing ignore file was not read (not a regular file, too large…). */
  error?: UnreadableFileError;
}

/**
 * A file's text, undefined when there is none, UnreadableFileError when it is no regular file or
 * too large: the disk by default, the editor's open documents first when the linter asks.
 */
export type ReadIfPresent = (path: string, maxBytes: number) => Promise<string | undefined>;

/** Reads the ignore file that applies to a build of `dockerfilePath` in `contextDir`. */
export async function loadContextIgnore(dockerfilePath: string, contextDir: string, read: ReadIfPresent = readWorkspaceFileIfPresent): Promise<ContextIgnore> {
  for (const file of ignoreFileCandidates(dockerfilePath, contextDir)) {
    try {
      const text = await read(file, MAX_CONFIG_BYTES);
      if (text !== undefined) return { file, text, matcher: parseDockerignore(text) };
    } catch (error) {
      // The file is there but is no file to read: it still decides, so nothing is ignored and
      // the caller says why.
      if (error instanceof UnreadableFileError) return { file, matcher: parseDockerignore(''), error };
      throw error;
    }
  }
  return { matcher: parseDockerignore('') };
}
