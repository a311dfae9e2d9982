// What a build of a Dockerfile sends: the one place that says which folder is the build context
// and which .dockerignore applies to it. Build Image packs the context with these answers and
// CopyIgnoredFile (in the editor and in wharf-lint) warns with the same ones, so the warning is
// always about the build it describes.
import { basename, dirname, join, relative, isAbsolute, sep } from 'node:path';
import { parseDockerignore, type DockerIgnore } from './dockerignore';
import { MAX_CONFIG_BYTES, readWorkspaceFileIfPresent, UnreadableFileError } from './readFile';

/** The build context when the user names none: the Dockerfile's folder (`docker build -f X dir-of-X`). */
export function defaultContextDir(dockerfilePath: string): string {
  return dirname(dockerfilePath);
}

/**
 * Where the user's choice of context for each Dockerfile is kept (VS Code's workspaceState in the
 * extension, so the choice belongs to the workspace; a Map in tests).
 */
export interface ContextMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const memoryKey = (dockerfilePath: string): string => `wharf.buildContext:${dockerfilePath}`;

/**
 * The build context each Dockerfile was given. The Dockerfile's folder is the answer until the
 * user picks another (once per Dockerfile); the pick is remembered, and forgetting it brings the
 * default back.
 */
export class BuildContexts {
  private readonly listeners = new Set<(dockerfilePath: string) => void>();

  constructor(private readonly memory: ContextMemory) {}

  /** Called with the Dockerfile whose context was picked or forgotten (the linter re-reads its .dockerignore). */
  onDidChange(listener: (dockerfilePath: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The folder the user chose for this Dockerfile, if they were asked and it still holds the Dockerfile. */
  chosen(dockerfilePath: string): string | undefined {
    const dir = this.memory.get<string>(memoryKey(dockerfilePath));
    return typeof dir === 'string' && contains(dir, dockerfilePath) ? dir : undefined;
  }

  /** The context a build of this Dockerfile sends. */
  contextFor(dockerfilePath: string): string {
    return this.chosen(dockerfilePath) ?? defaultContextDir(dockerfilePath);
  }

  async remember(dockerfilePath: string, contextDir: string): Promise<void> {
    if (!contains(contextDir, dockerfilePath)) throw new Error(`${contextDir} does not contain ${dockerfilePath}`);
    await this.memory.update(memoryKey(dockerfilePath), contextDir);
    for (const listener of this.listeners) listener(dockerfilePath);
  }

  async forget(dockerfilePath: string): Promise<void> {
    await this.memory.update(memoryKey(dockerfilePath), undefined);
    for (const listener of this.listeners) listener(dockerfilePath);
  }
}

/** Whether `dir` holds `file` (the engine only reads a Dockerfile that is inside the context it is sent). */
export function contains(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The folders that can be a Dockerfile's context without leaving `root` (its workspace folder):
 * its own folder first, then each enclosing one up to `root`. Empty when the Dockerfile is not
 * inside `root`.
 */
export function contextCandidates(dockerfilePath: string, root: string): string[] {
  if (!contains(root, dockerfilePath)) return [];
  const dirs: string[] = [];
  for (let dir = dirname(dockerfilePath); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === root || dirname(dir) === dir) break;
  }
  return dirs;
}

/**
 * The image name a build of this Dockerfile suggests: its folder's name made a valid repository
 * name (lowercase letters and digits, single separators inside, at most 128 characters), "image"
 * when nothing of it is left.
 */
export function defaultImageName(dockerfilePath: string): string {
  const name = basename(dirname(dockerfilePath)).toLowerCase()
    .replace(/[^a-z0-9]+/g, (run) => (run === '.' || run === '_' || run === '__' ? run : '-'))
    .slice(0, 128);
  const alnum = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);
  let start = 0;
  let end = name.length;
  while (start < end && !alnum(name[start])) start++;
  while (end > start && !alnum(name[end - 1])) end--;
  return name.slice(start, end) || 'image';
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
