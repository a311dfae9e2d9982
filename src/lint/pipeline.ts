// The lint pipeline: (Dockerfile text, folder, options) → findings, the one entry both wharf-lint
// and the editor call. It finds the .hadolint.yaml the way hadolint does, reads the .dockerignore
// the build would use (src/workspace/buildContext.ts), parses the Dockerfile once, runs every
// rule on that parse with ShellCheck as one more, and applies the configuration and the pragmas.
// All file access goes through LintFiles, so the editor can answer from its open documents.
import { homedir } from 'node:os';
import { configCandidates, ConfigError, mergeConfig, parseHadolintConfig, type EditorLintSettings, type HadolintConfig, type ResolvedConfig } from './config';
import { analyze, finish, ruleSetIncludes, type LintState } from './lint';
import type { Finding, RuleSet } from './rule';
import { checkShellcheck, findShellcheck } from './shellcheck';
import { defaultContextDir, loadContextIgnore, type ReadIfPresent } from '../workspace/buildContext';
import { MAX_CONFIG_BYTES, readWorkspaceFileIfPresent } from '../workspace/readFile';

/** How the pipeline reads files: undefined for a file that is not there. */
export interface LintFiles {
  read: ReadIfPresent;
}

export const diskFiles: LintFiles = { read: readWorkspaceFileIfPresent };

/** Reads each file once (one wharf-lint run; the editor until a watched file changes). */
export class CachedFiles implements LintFiles {
  private readonly reads = new Map<string, Promise<string | undefined>>();
  constructor(private readonly inner: LintFiles = diskFiles) {}
  read(path: string, maxBytes: number): Promise<string | undefined> {
    let reading = this.reads.get(path);
    if (!reading) { reading = this.inner.read(path, maxBytes); this.reads.set(path, reading); }
    return reading;
  }
  clear(): void {
    this.reads.clear();
  }
}

export interface PipelineOptions {
  files?: LintFiles;
  /** A configuration file to use instead of the one found (wharf-lint --config). */
  configFile?: string;
  /** For the user's configuration locations (XDG_CONFIG_HOME) and the home directory. */
  env?: Record<string, string | undefined>;
  home?: string;
  /** Settings layered over the .hadolint.yaml: the editor's wharf.lint.*, the CLI's --ignore. */
  overrides?: Partial<EditorLintSettings> & { trustedRegistries?: string[] };
  ruleSet?: RuleSet;
  /** The ShellCheck binary; undefined looks for it on PATH, false does not run it. */
  shellcheck?: string | false;
  shellcheckTimeoutMs?: number;
  /** The document's incremental state (the editor keeps one per document). */
  state?: LintState;
}

export interface LintRequest {
  text: string;
  /** The Dockerfile's path, when it is a file: the .dockerignore of its build is found from it. */
  file?: string;
  /** The build context the user chose for it (src/workspace/buildContext.ts); default its own folder. */
  contextDir?: string;
  /**
   * Where .hadolint.yaml is looked for first (hadolint: the working directory; the editor: the
   * workspace folder). Undefined: only the user's locations.
   */
  folder?: string;
}

/** Something that did not stop the lint but the user should hear of. */
export interface LintWarning { kind: 'config' | 'dockerignore' | 'shellcheck'; file?: string; message: string }

export interface LintResult {
  findings: Finding[];
  config: ResolvedConfig;
  /** The .hadolint.yaml that applied, if any. */
  configFile?: string;
  /** Problems in it: a key of the wrong type (skipped), or why it was not used at all. */
  configProblems: string[];
  /**
   * The configuration file exists but could not be used (not YAML, not a regular file, or the
   * named one missing): the findings were computed without it. wharf-lint stops on it.
   */
  configError?: ConfigError;
  warnings: LintWarning[];
}

/** Lints one Dockerfile. Never throws for a missing or broken file: the result says what happened. */
export async function lintDockerfile(request: LintRequest, options: PipelineOptions = {}): Promise<LintResult> {
  const files = options.files ?? diskFiles;
  const warnings: LintWarning[] = [];
  const [loaded, dockerignore] = await Promise.all([loadConfig(request.folder, options, files), dockerignoreFor(request.file, request.contextDir, files, warnings)]);
  const config = mergeConfig(loaded.config, options.overrides);
  const registries = options.overrides?.trustedRegistries ?? [];
  if (registries.length > 0) config.settings = { ...config.settings, trustedRegistries: [...new Set([...config.settings.trustedRegistries, ...registries])] };
  const lintOptions = { settings: { ...config.settings, dockerignore }, config, ruleSet: options.ruleSet, state: options.state };
  const analysis = analyze(request.text, lintOptions);
  let extra: Finding[] = [];
  const binary = options.shellcheck === false || !ruleSetIncludes(options.ruleSet, 'shellcheck') ? undefined : options.shellcheck ?? findShellcheck(options.env);
  if (binary) {
    // ShellCheck is an extra: when it fails the other findings still stand.
    extra = await checkShellcheck(analysis, binary, options.shellcheckTimeoutMs).catch((error: unknown) => {
      warnings.push({ kind: 'shellcheck', message: `shellcheck: ${error instanceof Error ? error.message : String(error)}` });
      return [];
    });
  }
  if (loaded.problems.length > 0) warnings.push(...loaded.problems.map((message) => ({ kind: 'config' as const, file: loaded.file, message })));
  return { findings: finish(analysis, lintOptions, extra), config, configFile: loaded.file, configProblems: loaded.problems, configError: loaded.error, warnings };
}

interface LoadedConfig { file?: string; config?: HadolintConfig; problems: string[]; error?: ConfigError }

/**
 * The first configuration file hadolint would read (the folder's, then the user's) or the one
 * named. One that cannot be used is reported in `problems` and `error`; lint goes on without it.
 */
async function loadConfig(folder: string | undefined, options: PipelineOptions, files: LintFiles): Promise<LoadedConfig> {
  const candidates = options.configFile !== undefined
    ? [options.configFile]
    : configCandidates({ cwd: folder ?? '', env: options.env ?? process.env, home: options.home ?? homedir() }).slice(folder === undefined ? 2 : 0);
  for (const file of candidates) {
    let text: string | undefined;
    try {
      text = await files.read(file, MAX_CONFIG_BYTES);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { file, problems: [message], error: new ConfigError(undefined, message) };
    }
    if (text === undefined) {
      if (options.configFile === undefined) continue;
      const error = new ConfigError(undefined, `cannot read ${file}: no such file`);
      return { file, problems: [error.message], error };
    }
    try {
      const parsed = parseHadolintConfig(text, file);
      return { file, config: parsed.config, problems: parsed.problems };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { file, problems: [error.message.replace(`${file}: `, '')], error };
    }
  }
  return { problems: [] };
}

/** The lines of the .dockerignore a `docker build` of `file` in `contextDir` (default: its own folder) would use. */
async function dockerignoreFor(file: string | undefined, contextDir: string | undefined, files: LintFiles, warnings: LintWarning[]): Promise<string[] | undefined> {
  if (file === undefined) return undefined;
  try {
    const ignore = await loadContextIgnore(file, contextDir ?? defaultContextDir(file), (path, maxBytes) => files.read(path, maxBytes));
    if (ignore.error) warnings.push({ kind: 'dockerignore', file: ignore.file, message: ignore.error.message });
    return ignore.text?.split('\n');
  } catch (error) {
    warnings.push({ kind: 'dockerignore', message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

