// Which Compose Wharf drives: the user's own, found the way the docker CLI finds its `compose`
// plugin, else a standalone `docker-compose`, else (for a Podman engine) `podman-compose`. Wharf
// runs the plugin binary itself (a plugin run directly works standalone), so no docker CLI is
// needed. Pure over the environment and a file check, so it is testable with real temp folders.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineKind } from './model';

export type ComposeFlavor = 'plugin' | 'standalone' | 'podman-compose';

export interface ComposeTool {
  flavor: ComposeFlavor;
  /** The executable to spawn (absolute). */
  file: string;
}

export interface FindComposeInput {
  env?: NodeJS.ProcessEnv;
  homedir?: string;
  platform?: NodeJS.Platform;
  engineKind?: EngineKind;
  /** Whether `file` is an executable file; defaults to the real file system. */
  isExecutable?: (file: string) => boolean;
  readFile?: (file: string) => string | undefined;
}

function realIsExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch { return false; }
}

function realReadFile(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}

/**
 * The docker CLI's plugin folders, in its order: the user's config folder, `cliPluginsExtraDirs`
 * of its config.json, then the system folders of the platform.
 */
export function cliPluginDirs(input: FindComposeInput = {}): string[] {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const configDir = env.DOCKER_CONFIG || path.join(input.homedir ?? os.homedir(), '.docker');
  const dirs = [path.join(configDir, 'cli-plugins')];
  const config = (input.readFile ?? realReadFile)(path.join(configDir, 'config.json'));
  if (config) {
    try {
      const extra = (JSON.parse(config) as { cliPluginsExtraDirs?: unknown }).cliPluginsExtraDirs;
      if (Array.isArray(extra)) dirs.push(...extra.filter((d): d is string => typeof d === 'string' && d !== ''));
    } catch { /* a config.json the CLI itself could not read adds no folder */ }
  }
  if (platform === 'win32') {
    for (const root of [env.ProgramData, env.ProgramFiles]) if (root) dirs.push(path.win32.join(root, 'Docker', 'cli-plugins'));
  } else {
    dirs.push('/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins');
    if (platform === 'darwin') dirs.push('/Applications/Docker.app/Contents/Resources/cli-plugins');
  }
  return dirs;
}

function exeName(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}

/** The first folder on PATH holding `name` as an executable. */
export function onPath(name: string, input: FindComposeInput = {}): string | undefined {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const isExecutable = input.isExecutable ?? realIsExecutable;
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of (env.PATH ?? env.Path ?? '').split(separator)) {
    if (!dir) continue;
    const file = path.join(dir, exeName(name, platform));
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/** The Compose to drive for this engine, or undefined when none is installed. */
export function findCompose(input: FindComposeInput = {}): ComposeTool | undefined {
  const platform = input.platform ?? process.platform;
  const isExecutable = input.isExecutable ?? realIsExecutable;
  for (const dir of cliPluginDirs(input)) {
    const file = path.join(dir, exeName('docker-compose', platform));
    if (isExecutable(file)) return { flavor: 'plugin', file };
  }
  const standalone = onPath('docker-compose', input);
  if (standalone) return { flavor: 'standalone', file: standalone };
  if (input.engineKind === 'podman') {
    const podmanCompose = onPath('podman-compose', input);
    if (podmanCompose) return { flavor: 'podman-compose', file: podmanCompose };
  }
  return undefined;
}
