// A Compose project as the files describe it: which files make it, which folder it works in,
// and what Compose will call it. The name follows Compose's own rules, in its order: -p, then
// COMPOSE_PROJECT_NAME (the environment, then the project's env file), then the top-level `name:`
// of the files, then the working folder's name; whatever was chosen is normalised as Compose does
// (lower case; only a-z, 0-9, `_` and `-`; starting with a letter or digit).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The default files Compose looks for in a folder, in its order of preference. */
export const COMPOSE_DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

/** What kind of Compose file a base name is: a project file, an override (`compose.prod.yaml`) or neither. */
export function composeFileKind(baseName: string): 'base' | 'override' | undefined {
  const name = baseName.toLowerCase();
  if ((COMPOSE_DEFAULT_FILES as readonly string[]).includes(name)) return 'base';
  const match = /^(?:docker-)?compose\.[^.]+\.ya?ml$/.exec(name);
  return match ? 'override' : undefined;
}

/** Lower case, only [a-z0-9_-], beginning with a letter or digit: Compose's normalisation. */
export function normalizeProjectName(name: string): string {
  const kept = [...name.toLowerCase()].filter((ch) => /^[a-z0-9_-]$/.test(ch)).join('');
  let start = 0;
  while (start < kept.length && (kept[start] === '_' || kept[start] === '-')) start++;
  return kept.slice(start);
}

export interface ComposeSource {
  /** Absolute paths of the compose files, in the order they apply (-f … -f …). */
  files: string[];
  /** Absolute paths of --env-file files (empty: Compose reads the working folder's .env). */
  envFiles: string[];
  /** An explicit -p, above every other rule. */
  projectName?: string;
}

export interface ResolvedProject extends ComposeSource {
  name: string;
  /** The folder of the first file: Compose's project directory. */
  workingDir: string;
  /** Which rule gave the name, for tooltips and tests. */
  nameFrom: 'flag' | 'environment' | 'envFile' | 'file' | 'folder';
}

export interface ProjectReaders {
  env?: NodeJS.ProcessEnv;
  readFile?: (file: string) => string | undefined;
}

function realReadFile(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}

/** KEY=VALUE lines of a .env file (quotes removed, comments and blank lines skipped). */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).replace(/^export\s+/, '').trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    values.set(key, value);
  }
  return values;
}

/** The top-level mapping of a compose file, or undefined when it is not YAML or not a mapping. */
export function readComposeDocument(text: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = parseYaml(text, { uniqueKeys: false, logLevel: 'silent' });
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? doc as Record<string, unknown> : undefined;
  } catch { return undefined; }
}

/** The service names the files define together (a later file may add services), sorted. */
export function serviceNames(files: string[], readers: ProjectReaders = {}): string[] {
  const read = readers.readFile ?? realReadFile;
  const names = new Set<string>();
  for (const file of files) {
    const services = readComposeDocument(read(file) ?? '')?.services;
    if (services && typeof services === 'object') for (const name of Object.keys(services)) names.add(name);
  }
  return [...names].sort();
}

/** The profiles the files' services name, sorted. */
export function profileNames(files: string[], readers: ProjectReaders = {}): string[] {
  const read = readers.readFile ?? realReadFile;
  const profiles = new Set<string>();
  for (const file of files) {
    const services = readComposeDocument(read(file) ?? '')?.services;
    if (!services || typeof services !== 'object') continue;
    for (const service of Object.values(services as Record<string, unknown>)) {
      const list = (service as { profiles?: unknown } | null)?.profiles;
      if (Array.isArray(list)) for (const p of list) if (typeof p === 'string') profiles.add(p);
    }
  }
  return [...profiles].sort();
}

/** Name, folder and files of the project `source` describes, by Compose's rules. */
export function resolveProject(source: ComposeSource, readers: ProjectReaders = {}): ResolvedProject {
  if (source.files.length === 0) throw new Error('a Compose project needs at least one file');
  const env = readers.env ?? process.env;
  const read = readers.readFile ?? realReadFile;
  const workingDir = path.dirname(source.files[0]);
  const named = (name: string, nameFrom: ResolvedProject['nameFrom']): ResolvedProject => ({ ...source, name: normalizeProjectName(name), workingDir, nameFrom });
  if (source.projectName) return named(source.projectName, 'flag');
  if (env.COMPOSE_PROJECT_NAME) return named(env.COMPOSE_PROJECT_NAME, 'environment');
  const envFiles = source.envFiles.length > 0 ? source.envFiles : [path.join(workingDir, '.env')];
  for (const file of [...envFiles].reverse()) {
    const value = parseEnvFile(read(file) ?? '').get('COMPOSE_PROJECT_NAME');
    if (value) return named(value, 'envFile');
  }
  // The last file that sets `name:` wins, as later files override earlier ones.
  for (const file of [...source.files].reverse()) {
    const name = readComposeDocument(read(file) ?? '')?.name;
    if (typeof name === 'string' && name.trim()) return named(name, 'file');
  }
  return named(path.basename(workingDir), 'folder');
}

/**
 * The files Compose would read for a file the user pointed at: a base file brings its folder's
 * override (compose.override.yaml …) as Compose does without -f; an override file comes after
 * the folder's base file.
 */
export function filesFor(file: string, exists: (file: string) => boolean = fs.existsSync): string[] {
  const dir = path.dirname(file);
  const kind = composeFileKind(path.basename(file));
  if (kind === 'override') {
    const base = COMPOSE_DEFAULT_FILES.map((f) => path.join(dir, f)).find(exists);
    return base && base !== file ? [base, file] : [file];
  }
  const stem = path.basename(file).replace(/\.ya?ml$/i, '');
  const override = ['yaml', 'yml'].map((ext) => path.join(dir, `${stem}.override.${ext}`)).find(exists);
  return override ? [file, override] : [file];
}

/** The global arguments that pin a run to the project: -p, every -f, every --env-file. */
export function projectArgs(project: ResolvedProject): string[] {
  return [
    '-p', project.name,
    ...project.files.flatMap((f) => ['-f', f]),
    ...project.envFiles.flatMap((f) => ['--env-file', f]),
  ];
}
