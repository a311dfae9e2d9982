// How a lint finding looks as an editor diagnostic: its level, tags, source label and where its
// code links to. Free of `vscode` (names, not enum values) so the unit tier checks the mapping.
import type { RuleSource, Severity } from '../../lint/rule';

export type DiagnosticLevel = 'Error' | 'Warning' | 'Information' | 'Hint';
export type DiagnosticTagName = 'Deprecated' | 'Unnecessary';

const levels: Record<Severity, DiagnosticLevel> = { error: 'Error', warning: 'Warning', info: 'Information', style: 'Hint' };

/** hadolint's four levels onto the editor's four. */
export function diagnosticLevel(severity: Severity): DiagnosticLevel {
  return levels[severity];
}

// Deprecated draws a strike-through: MAINTAINER is deprecated syntax. Unnecessary fades the
// text: a `--platform=$TARGETPLATFORM` flag changes nothing and can go.
const tags: Record<string, DiagnosticTagName[]> = {
  DL4000: ['Deprecated'],
  MaintainerDeprecated: ['Deprecated'],
  RedundantTargetPlatform: ['Unnecessary'],
  DL3065: ['Unnecessary'],
};

export function diagnosticTags(code: string): DiagnosticTagName[] {
  return tags[code] ?? [];
}

/**
 * The Problems panel's source column. Wharf's own rules say "wharf" (they are Wharf's
 * implementation of hadolint's and BuildKit's checks, the code tells which); ShellCheck findings
 * say "shellcheck" because the shellcheck program produced them.
 */
export function diagnosticSource(source: RuleSource): string {
  return source === 'shellcheck' ? 'shellcheck' : 'wharf';
}

export type RuleDocLink =
  | { kind: 'bundled'; code: string }
  | { kind: 'web'; url: string }
  | { kind: 'none' };

/** A rule's page: the bundled docs/rules/<CODE>.md, ShellCheck's wiki for SC codes. */
export function ruleDocLink(code: string, hasBundledDoc: (code: string) => boolean): RuleDocLink {
  if (/^SC\d+$/.test(code)) return { kind: 'web', url: `https://www.shellcheck.net/wiki/${code}` };
  if (/^[A-Z][A-Z0-9]*$/i.test(code) && hasBundledDoc(code)) return { kind: 'bundled', code };
  return { kind: 'none' };
}

/** File names treated as Dockerfiles whatever language the editor gave them. */
export function isDockerfileName(name: string): boolean {
  if (isIgnoreFileName(name)) return false;
  return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(name) || /\.(?:dockerfile|containerfile)$/i.test(name);
}

/** `.dockerignore`, `Dockerfile.dockerignore`: build-context ignore files, never Dockerfiles. */
export function isIgnoreFileName(name: string): boolean {
  return /\.(?:dockerignore|containerignore)$/i.test(name);
}

/** `[Dd][Oo]…`: globs match case-sensitively on Linux, and isDockerfileName does not. */
function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}

/**
 * The glob findFiles and the quick-fix selector use for the same names, in any case: without it
 * `dockerfile` or `web.Containerfile` were linted when opened but missed by Lint Workspace.
 */
export const DOCKERFILE_GLOB = `**/{${['Dockerfile', 'Containerfile'].flatMap((name) => [anyCase(name), `${anyCase(name)}.*`, `*.${anyCase(name)}`]).join(',')}}`;
