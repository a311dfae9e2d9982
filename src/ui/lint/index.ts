// The editor side of the Dockerfile linter: diagnostics, quick fixes and three commands (Lint
// Dockerfile, Lint Workspace Dockerfiles, and the rule page a diagnostic's code opens).
import * as vscode from 'vscode';
import type { WharfContext } from '../context';
import { LintCodeActions } from './codeActions';
import { Coexistence } from './coexistence';
import { DOCKERFILE_GLOB } from './findingShape';
import { LintDiagnostics } from './lintDiagnostics';
import { lintWorkspaceDockerfiles, type WorkspaceLintResult } from './workspaceLint';

export interface Linting extends vscode.Disposable {
  readonly diagnostics: LintDiagnostics;
  readonly coexistence: Coexistence;
}

const selector: vscode.DocumentSelector = [
  { language: 'dockerfile' },
  { pattern: DOCKERFILE_GLOB },
];

export function createLinting(ctx: WharfContext): Linting {
  const coexistence = new Coexistence(ctx.config, ctx.extension.globalState);
  const diagnostics = new LintDiagnostics(ctx.config, ctx.extension.extensionPath, ctx.log, vscode.workspace, coexistence, ctx.buildContexts);

  const showProblems = () => vscode.commands.executeCommand('workbench.actions.view.problems');

  /** Lint Dockerfile: the file(s) right-clicked, else the active editor's Dockerfile. */
  const lintDockerfile = async (arg?: unknown, selected?: unknown): Promise<vscode.Diagnostic[] | undefined> => {
    const targets = (Array.isArray(selected) && selected.every((s) => s instanceof vscode.Uri) && selected.length > 0 ? selected as vscode.Uri[] : [arg])
      .map((a) => (a instanceof vscode.Uri ? a : undefined));
    let uris = targets.filter((u): u is vscode.Uri => u !== undefined);
    if (uris.length === 0) {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && diagnostics.isDockerfile(doc)) uris = [doc.uri];
    }
    if (uris.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Dockerfile, or right-click one in the Explorer, to lint it.'));
      return undefined;
    }
    const all: vscode.Diagnostic[] = [];
    for (const uri of uris) {
      try {
        all.push(...await diagnostics.lintNow(uri));
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Wharf: cannot lint {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
      }
    }
    if (all.length > 0) void showProblems();
    else void vscode.window.showInformationMessage(uris.length === 1
      ? vscode.l10n.t('No problems found in {0}.', vscode.workspace.asRelativePath(uris[0]))
      : vscode.l10n.t('No problems found in {0} Dockerfiles.', uris.length));
    return all;
  };

  /** Lint Workspace Dockerfiles: every Dockerfile-like file, open or not, into Problems. */
  const lintWorkspace = (): Thenable<WorkspaceLintResult> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Linting Dockerfiles'), cancellable: true }, async (progress, token) => {
      const result = await lintWorkspaceDockerfiles(diagnostics, token,
        (uri, total) => progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / total }),
        (message) => ctx.log.warn(message));
      if (result.cancelled) void vscode.window.showInformationMessage(vscode.l10n.t('Lint cancelled after {0} of {1} Dockerfiles.', result.files, result.found));
      else if (result.found === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfiles found in the workspace.'));
      else {
        void vscode.window.showInformationMessage(vscode.l10n.t('Linted {0} Dockerfiles: {1} problems.', result.files, result.problems));
        if (result.problems > 0) void showProblems();
      }
      return result;
    });

  /** A rule's page from docs/rules, as the rendered Markdown preview (the raw file without it). */
  const showRuleDocs = async (code: unknown): Promise<'preview' | 'text' | undefined> => {
    if (typeof code !== 'string' || !/^[A-Z][A-Z0-9]*$/i.test(code)) return undefined;
    const uri = vscode.Uri.joinPath(ctx.extension.extensionUri, 'docs', 'rules', `${code}.md`);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return 'preview';
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
      return 'text';
    }
  };

  const disposables: vscode.Disposable[] = [
    diagnostics,
    coexistence,
    vscode.languages.registerCodeActionsProvider(selector, new LintCodeActions(diagnostics), { providedCodeActionKinds: LintCodeActions.kinds }),
    vscode.commands.registerCommand('wharf.dockerfile.lint', lintDockerfile),
    vscode.commands.registerCommand('wharf.lintWorkspace', lintWorkspace),
    vscode.commands.registerCommand('wharf.lint.showRuleDocs', showRuleDocs),
  ];
  return { diagnostics, coexistence, dispose: () => { for (const d of disposables) d.dispose(); } };
}
