// Living beside the other Docker extensions. Docker's (docker.docker, whose language server runs
// BuildKit's checks) and Microsoft's (ms-azuretools.vscode-docker / vscode-containers, whose
// validator is dockerfile-utils) report Dockerfile problems of their own, some of them the same as
// Wharf's. What shows that they do is in the window itself: diagnostics on Dockerfiles from a
// source that is not Wharf. When such diagnostics overlap Wharf's rules, Wharf asks once whether
// to leave those rules to the other extension or keep its own, remembers the answer (globalState;
// wharf.lint.otherExtensions changes it later) and lints without them if so.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { overlappingCode } from '../../lint/overlaps';
import { allRules } from '../../lint/rules/index';
import type { Config } from '../config';
import { isDockerfileName } from './findingShape';

export type OtherExtensionsChoice = 'leaveOverlapping' | 'keepAll';

/** The extensions known to lint Dockerfiles, and the validator behind their diagnostics. */
export const OTHER_DOCKER_EXTENSIONS: readonly { id: string; name: string; validator: 'buildkit' | 'dockerfile-utils' }[] = [
  { id: 'docker.docker', name: 'Docker DX', validator: 'buildkit' },
  { id: 'ms-azuretools.vscode-docker', name: 'Docker (Microsoft)', validator: 'dockerfile-utils' },
  { id: 'ms-azuretools.vscode-containers', name: 'Container Tools', validator: 'dockerfile-utils' },
];

const wharfCodes = new Set(allRules.map((rule) => rule.meta.code));
const builderCodes = allRules.filter((rule) => rule.meta.source === 'builder').map((rule) => rule.meta.code);

/**
 * Wharf's rules each validator also checks. BuildKit's language server: every BuildKit check and
 * the builder's errors. dockerfile-utils (its ValidationCode list): MAINTAINER, empty
 * continuation lines, duplicate stage names, repeated CMD/ENTRYPOINT/HEALTHCHECK, relative
 * WORKDIR, instruction casing, and the builder's errors (unknown instructions and flags, argument
 * counts, ports, the escape directive).
 */
const coveredBy: Record<'buildkit' | 'dockerfile-utils', readonly string[]> = {
  buildkit: [...allRules.filter((rule) => rule.meta.source === 'buildkit').map((rule) => rule.meta.code), ...builderCodes],
  'dockerfile-utils': ['MaintainerDeprecated', 'NoEmptyContinuation', 'DuplicateStageName', 'MultipleInstructionsDisallowed', 'DL4003', 'DL4004', 'DL3012',
    'WorkdirRelativePath', 'ConsistentInstructionCasing', ...builderCodes],
};

/** Diagnostics from sources that are Wharf's own: its linter, ShellCheck through it, its builds. */
function isWharfSource(source: string | undefined): boolean {
  return source === undefined || source === '' || source === 'shellcheck' || source === 'wharf' || source.startsWith('wharf ');
}

export interface OtherLinters {
  /** Who reports: the known extensions installed, else the diagnostics' source names. */
  names: string[];
  /** Wharf rule codes they also report (with each one's hadolint/BuildKit twin). */
  codes: Set<string>;
}

/**
 * What the window shows of other Dockerfile linters: from each non-Wharf diagnostic on a
 * Dockerfile, its code when it is one of Wharf's rules (BuildKit check names are the same
 * everywhere), and, for the validators the known extensions use, the rules those validators cover.
 */
export function detectOtherLinters(
  diagnostics: readonly [vscode.Uri, readonly vscode.Diagnostic[]][],
  installed: (id: string) => boolean = (id) => vscode.extensions.getExtension(id) !== undefined,
  isDockerfile: (uri: vscode.Uri) => boolean = isDockerfileUri,
): OtherLinters {
  const sources = new Set<string>();
  const codes = new Set<string>();
  for (const [uri, list] of diagnostics) {
    if (!isDockerfile(uri)) continue;
    for (const diagnostic of list) {
      if (isWharfSource(diagnostic.source)) continue;
      sources.add(diagnostic.source as string);
      const code = String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code ?? '');
      if (wharfCodes.has(code)) codes.add(code);
    }
  }
  if (sources.size === 0) return { names: [], codes };
  const known = OTHER_DOCKER_EXTENSIONS.filter((extension) => installed(extension.id));
  for (const extension of known) for (const code of coveredBy[extension.validator]) codes.add(code);
  if (sources.has('dockerfile-utils')) for (const code of coveredBy['dockerfile-utils']) codes.add(code);
  for (const code of [...codes]) {
    const twin = overlappingCode(code);
    if (twin) codes.add(twin);
  }
  return { names: known.length > 0 ? known.map((extension) => extension.name) : [...sources].sort(), codes };
}

function isDockerfileUri(uri: vscode.Uri): boolean {
  if (isDockerfileName(path.posix.basename(uri.path))) return true;
  return vscode.workspace.textDocuments.some((doc) => doc.languageId === 'dockerfile' && doc.uri.toString() === uri.toString());
}

/** The question, asked once; undefined when the user dismissed it (asked again next session). */
export type AskOtherExtensions = (names: string[]) => Thenable<OtherExtensionsChoice | undefined>;

export const askWithNotification: AskOtherExtensions = async (names) => {
  const leave = vscode.l10n.t('Leave Them to {0}', names.join(', '));
  const keep = vscode.l10n.t("Keep Wharf's");
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t("{0} also reports problems in Dockerfiles, some the same as Wharf's. Leave those rules to it, or keep Wharf's own? (Setting: wharf.lint.otherExtensions)", names.join(', ')),
    leave, keep);
  return answer === leave ? 'leaveOverlapping' : answer === keep ? 'keepAll' : undefined;
};

/** The globalState key of the remembered answer. */
export const CHOICE_KEY = 'wharf.lint.otherExtensions.choice';

export class Coexistence implements vscode.Disposable {
  private others: OtherLinters = { names: [], codes: new Set() };
  private asking = false;
  private asked = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the rules left to other extensions change (the linter re-lints). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly config: Config,
    private readonly memento: vscode.Memento,
    private readonly ask: AskOtherExtensions = askWithNotification,
  ) {
    this.disposables.push(
      // Only the files whose diagnostics changed are read again: Wharf's own change as you type.
      vscode.languages.onDidChangeDiagnostics((event) => this.check(event.uris)),
      vscode.extensions.onDidChange(() => this.check()),
      config.onDidChange((keys) => {
        if (!keys.includes('lint.otherExtensions')) return;
        this.check();
        this.changed.fire();
      }),
    );
    this.check();
  }

  /** The user's answer: the setting when it is not `ask`, else the remembered one. */
  choice(): OtherExtensionsChoice | undefined {
    const setting = this.config.lintOtherExtensions();
    return setting !== 'ask' ? setting : this.memento.get<OtherExtensionsChoice>(CHOICE_KEY);
  }

  /** Wharf rule codes not to report: those the other extensions report, when the user left them. */
  leftToOthers(): string[] {
    return this.choice() === 'leaveOverlapping' ? [...this.others.codes].sort() : [];
  }

  /** What was last seen of the other linters. */
  detected(): OtherLinters {
    return this.others;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private check(uris?: readonly vscode.Uri[]): void {
    // Keeping everything: nothing to find out (a change of the setting looks again).
    if (this.choice() === 'keepAll') return;
    const diagnostics = uris
      ? uris.filter(isDockerfileUri).map((uri): [vscode.Uri, vscode.Diagnostic[]] => [uri, vscode.languages.getDiagnostics(uri)])
      : vscode.languages.getDiagnostics();
    const seen = detectOtherLinters(diagnostics);
    const before = [...this.others.codes].sort().join(',');
    // Once seen, an extension's rules stay known: its diagnostics come and go with its files.
    for (const code of this.others.codes) seen.codes.add(code);
    if (seen.names.length === 0) seen.names = this.others.names;
    this.others = seen;
    if ([...seen.codes].sort().join(',') !== before && this.choice() === 'leaveOverlapping') this.changed.fire();
    if (seen.codes.size > 0 && this.choice() === undefined && !this.asking && !this.asked) void this.offer(seen.names);
  }

  private async offer(names: string[]): Promise<void> {
    this.asking = true;
    try {
      const answer = await this.ask(names);
      // Dismissed: not asked again in this window, asked again in the next one.
      this.asked = true;
      if (!answer) return;
      await this.memento.update(CHOICE_KEY, answer);
      this.changed.fire();
    } finally {
      this.asking = false;
    }
  }
}
