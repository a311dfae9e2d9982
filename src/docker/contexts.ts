// The docker CLI's context store, read and written the way the CLI does, so that `docker context
// ls` and Wharf always agree: $DOCKER_CONFIG (else ~/.docker)/contexts/meta/<sha256(name)>/meta.json
// for each context, its TLS files under contexts/tls/<sha256(name)>/docker/, and the current one
// in config.json's currentContext ("default", the built-in context, when absent). Writes are
// whole-file replacements (a temp file renamed over), and config.json keeps every other key.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextDigest } from './connect';
import { WharfError } from './errors';

export interface DockerContext {
  name: string;
  description?: string;
  /** The Docker endpoint's address (unset only for a malformed entry). */
  host?: string;
  /** Whether the store holds TLS material for it. */
  tls: boolean;
  current: boolean;
}

export interface NewContext {
  name: string;
  description?: string;
  /** unix:///path, tcp://host:port or ssh://user@host[:port]. */
  host: string;
  /** For tcp: the PEM files to copy into the store (their contents, as read by the caller). */
  tls?: { ca?: string; cert?: string; key?: string; skipVerify?: boolean };
}

/** The CLI's rule for a context name (cli/context/store: restrictedNamePattern). */
const NAME = /^[a-z0-9][\w.+-]*$/i;
const DEFAULT = 'default';

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

const metaDir = (configDir: string, name: string): string => path.join(configDir, 'contexts', 'meta', contextDigest(name));
const tlsDir = (configDir: string, name: string): string => path.join(configDir, 'contexts', 'tls', contextDigest(name));

function readJson(file: string): Record<string, unknown> | undefined {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return undefined; }
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** config.json's currentContext, "default" when it names none. */
export function currentDockerContext(configDir: string): string {
  const current = readJson(path.join(configDir, 'config.json'))?.currentContext;
  return typeof current === 'string' && current ? current : DEFAULT;
}

/** Every context, "default" first, then by name, the current one marked. */
export function readDockerContexts(configDir: string, defaultHost?: string): DockerContext[] {
  const current = currentDockerContext(configDir);
  let folders: string[];
  try { folders = fs.readdirSync(path.join(configDir, 'contexts', 'meta')); } catch { folders = []; }
  const stored = folders.flatMap((folder): DockerContext[] => {
    const meta = readJson(path.join(configDir, 'contexts', 'meta', folder, 'meta.json')) as { Name?: unknown; Metadata?: { Description?: unknown }; Endpoints?: { docker?: { Host?: unknown } } } | undefined;
    if (!meta || typeof meta.Name !== 'string' || !meta.Name || meta.Name === DEFAULT) return [];
    const host = meta.Endpoints?.docker?.Host;
    const description = meta.Metadata?.Description;
    const tls = fs.existsSync(path.join(configDir, 'contexts', 'tls', folder, 'docker'));
    return [{ name: meta.Name, host: typeof host === 'string' ? host : undefined, description: typeof description === 'string' && description ? description : undefined, tls, current: meta.Name === current }];
  }).sort((a, b) => a.name.localeCompare(b.name));
  return [{ name: DEFAULT, host: defaultHost, description: 'Current DOCKER_HOST based configuration', tls: false, current: current === DEFAULT }, ...stored];
}

function writeAtomically(file: string, content: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.wharf-${process.pid}-${Date.now().toString(36)}`;
  fs.writeFileSync(temp, content, { mode });
  fs.renameSync(temp, file);
}

/** `docker context use`: config.json's currentContext (removed for "default"), every other key kept. */
export function useDockerContext(configDir: string, name: string): void {
  if (name !== DEFAULT && !readJson(path.join(metaDir(configDir, name), 'meta.json'))) {
    throw new WharfError('notFound', `Docker context "${name}" does not exist.`, { hint: 'Pick one of `docker context ls`.' });
  }
  const file = path.join(configDir, 'config.json');
  const config = readJson(file) ?? {};
  if (fs.existsSync(file) && !readJson(file)) throw new WharfError('badRequest', `${file} is not valid JSON: Wharf leaves it as it is.`);
  if (name === DEFAULT) delete config.currentContext; else config.currentContext = name;
  let mode = 0o600;
  try { mode = fs.statSync(file).mode & 0o777; } catch { /* a new file: private, as the CLI makes it */ }
  writeAtomically(file, `${JSON.stringify(config, null, '\t')}\n`, mode);
}

/** `docker context create NAME --docker host=…[,ca=…,cert=…,key=…,skip-tls-verify=…] --description …`. */
export function createDockerContext(configDir: string, context: NewContext): void {
  const name = context.name.trim();
  if (!NAME.test(name)) throw new WharfError('badRequest', `"${name}" is not a valid context name.`, { hint: 'Letters, digits, and _ . + - (not first).' });
  if (name === DEFAULT || readJson(path.join(metaDir(configDir, name), 'meta.json'))) throw new WharfError('conflictName', `Docker context "${name}" already exists.`);
  if (!/^(?:unix|tcp|ssh|npipe):\/\/./.test(context.host)) throw new WharfError('badRequest', `"${context.host}" is not an engine address.`, { hint: 'unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host.' });
  const tls = context.tls;
  const hasTls = Boolean(tls && (tls.ca || tls.cert || tls.key));
  const meta = {
    Name: name,
    Metadata: context.description ? { Description: context.description } : {},
    Endpoints: { docker: { Host: context.host, SkipTLSVerify: Boolean(tls?.skipVerify) } },
  };
  if (hasTls) {
    const dir = path.join(tlsDir(configDir, name), 'docker');
    if (tls?.ca) writeAtomically(path.join(dir, 'ca.pem'), tls.ca, 0o600);
    if (tls?.cert) writeAtomically(path.join(dir, 'cert.pem'), tls.cert, 0o600);
    if (tls?.key) writeAtomically(path.join(dir, 'key.pem'), tls.key, 0o600);
  }
  // The meta file last: a context appears (and the watcher fires) with its TLS files in place.
  writeAtomically(path.join(metaDir(configDir, name), 'meta.json'), JSON.stringify(meta), 0o644);
}

/** `docker context rm NAME`: not "default", not the current one (switch away first, as the CLI asks). */
export function removeDockerContext(configDir: string, name: string): void {
  if (name === DEFAULT) throw new WharfError('badRequest', 'The default context cannot be removed.');
  if (!readJson(path.join(metaDir(configDir, name), 'meta.json'))) throw new WharfError('notFound', `Docker context "${name}" does not exist.`);
  if (currentDockerContext(configDir) === name) {
    throw new WharfError('inUse', `Docker context "${name}" is the current context.`, { hint: 'Switch to another context first.' });
  }
  fs.rmSync(tlsDir(configDir, name), { recursive: true, force: true });
  fs.rmSync(metaDir(configDir, name), { recursive: true, force: true });
}

/**
 * Calls `onChange` when config.json or the context store changes (the CLI writing either); fs
 * watches, no polling. Folders that do not exist yet are watched from their nearest parent.
 */
export function watchDockerConfig(configDir: string, onChange: () => void): { dispose(): void } {
  const watchers: fs.FSWatcher[] = [];
  const watch = (dir: string, recursive: boolean): void => {
    try {
      const watcher = fs.watch(dir, { recursive, persistent: false }, () => onChange());
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch { /* absent: its parent's watch sees it appear */ }
  };
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  watch(configDir, false);
  watch(path.join(configDir, 'contexts'), true);
  let rewatched = false;
  const parentWatch = (): void => {
    // contexts/ created after the watch began (the first `docker context create`): watch it now.
    if (rewatched || !fs.existsSync(path.join(configDir, 'contexts'))) return;
    rewatched = true;
    watch(path.join(configDir, 'contexts'), true);
  };
  const first = watchers[0];
  if (watchers.length === 1 && first) first.on('change', parentWatch);
  return { dispose: () => { for (const w of watchers) w.close(); } };
}
