// hadolint-compatible configuration: where .hadolint.yaml is looked for, what it means, and how
// the editor's wharf.lint.* settings are layered on top. Pure: pipeline.ts reads the files.
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { LintSettings, Severity } from './rule';

export type Threshold = Severity | 'none';
export type SeverityOverride = Severity | 'off';

export const severities: readonly Severity[] = ['error', 'warning', 'info', 'style'];
const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1, style: 0 };

/** What a .hadolint.yaml says (hadolint's keys, camelCased). */
export interface HadolintConfig {
  ignored: string[];
  /** code → severity from the `override` lists. */
  override: Record<string, Severity>;
  trustedRegistries: string[];
  labelSchema: Record<string, string>;
  strictLabels: boolean;
  failureThreshold?: Threshold;
  noFail: boolean;
  /** hadolint's `disable-ignore-pragma`: inline `# hadolint ignore=` comments are not honoured. */
  disableIgnorePragma: boolean;
}

/** The editor's wharf.lint.* settings that change findings. */
export interface EditorLintSettings {
  /** code → severity or 'off'. */
  severity: Record<string, SeverityOverride>;
  ignored: string[];
}

/** What lint() applies after every rule ran. */
export interface ResolvedConfig {
  ignored: string[];
  override: Record<string, SeverityOverride>;
  settings: LintSettings;
  failureThreshold: Threshold;
  noFail: boolean;
  disableIgnorePragma: boolean;
}

export const emptyHadolintConfig: HadolintConfig = {
  ignored: [], override: {}, trustedRegistries: [], labelSchema: {}, strictLabels: false, noFail: false, disableIgnorePragma: false,
};

export class ConfigError extends Error {
  constructor(readonly file: string | undefined, message: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses .hadolint.yaml text. Unknown keys are ignored (hadolint ignores them too); a value of
 * the wrong type is reported in `problems` and skipped, so one typo does not disable the file.
 */
export function parseHadolintConfig(text: string, file?: string): { config: HadolintConfig; problems: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, `not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const problems: string[] = [];
  const config: HadolintConfig = { ...emptyHadolintConfig, override: {}, labelSchema: {} };
  if (raw === null || raw === undefined) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(file, 'expected a mapping at the top level');
  const doc = raw as Record<string, unknown>;

  config.ignored = stringList(doc.ignored, 'ignored', problems);
  config.trustedRegistries = stringList(doc.trustedRegistries, 'trustedRegistries', problems);
  if (doc.override !== undefined && doc.override !== null) {
    if (typeof doc.override !== 'object' || Array.isArray(doc.override)) problems.push('override: expected a mapping of error/warning/info/style lists');
    else {
      const override = doc.override as Record<string, unknown>;
      // Lowest first, so a code listed twice ends with the most severe level (hadolint's order).
      for (const level of [...severities].reverse()) {
        for (const code of stringList(override[level], `override.${level}`, problems)) config.override[code] = level;
      }
    }
  }
  const schema = doc['label-schema'];
  if (schema !== undefined && schema !== null) {
    if (typeof schema !== 'object' || Array.isArray(schema)) problems.push('label-schema: expected a mapping of label → type');
    else for (const [label, type] of Object.entries(schema as Record<string, unknown>)) config.labelSchema[label] = String(type);
  }
  config.strictLabels = bool(doc['strict-labels'], 'strict-labels', problems);
  config.noFail = bool(doc['no-fail'], 'no-fail', problems);
  config.disableIgnorePragma = bool(doc['disable-ignore-pragma'], 'disable-ignore-pragma', problems);
  const threshold = doc['failure-threshold'];
  if (threshold !== undefined && threshold !== null) {
    const value = String(threshold).toLowerCase();
    if (isThreshold(value)) config.failureThreshold = value;
    else problems.push(`failure-threshold: expected error, warning, info, style or none, got '${String(threshold)}'`);
  }
  return { config, problems };
}

export function isThreshold(value: string): value is Threshold {
  return value === 'none' || (severities as readonly string[]).includes(value);
}

/** A finding of `severity` fails the run at `threshold`. */
export function meetsThreshold(severity: Severity, threshold: Threshold): boolean {
  return threshold !== 'none' && severityRank[severity] >= severityRank[threshold];
}

export interface LookupEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  home: string;
}

/** Where hadolint looks for its configuration, in its order: the project first, then the user's. */
export function configCandidates({ cwd, env, home }: LookupEnvironment): string[] {
  const names = (dir: string, base: string) => [join(dir, `${base}.yaml`), join(dir, `${base}.yml`)];
  const xdg = env.XDG_CONFIG_HOME;
  return [
    ...names(cwd, '.hadolint'),
    ...(xdg ? names(xdg, 'hadolint') : []),
    ...names(join(home, '.config'), 'hadolint'),
    ...names(join(home, '.hadolint'), 'hadolint'),
    ...names(join(home, 'hadolint'), 'config'),
    ...names(home, '.hadolint'),
  ];
}

/**
 * Layers the editor's settings (or the CLI's flags) over a .hadolint.yaml: ignores add up, a
 * per-rule severity from the editor wins over the file's `override`.
 */
export function mergeConfig(base: HadolintConfig = emptyHadolintConfig, editor: Partial<EditorLintSettings> = {}): ResolvedConfig {
  const override: Record<string, SeverityOverride> = { ...base.override };
  for (const [code, level] of Object.entries(editor.severity ?? {})) {
    if (level === 'off' || (severities as readonly string[]).includes(level)) override[code] = level;
  }
  return {
    ignored: [...new Set([...base.ignored, ...(editor.ignored ?? [])])],
    override,
    settings: { trustedRegistries: base.trustedRegistries, labelSchema: base.labelSchema, strictLabels: base.strictLabels },
    failureThreshold: base.failureThreshold ?? 'info',
    noFail: base.noFail,
    disableIgnorePragma: base.disableIgnorePragma,
  };
}

function stringList(value: unknown, key: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) { problems.push(`${key}: expected a list`); return []; }
  return value.filter((v) => v !== null && v !== undefined).map((v) => String(v).trim()).filter((v) => v !== '');
}

function bool(value: unknown, key: string, problems: string[]): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  problems.push(`${key}: expected true or false`);
  return false;
}
