// Dockerfile right-click: Build Image (context asked once per Dockerfile, tag prompt, cancellable
// progress, a failing step shown as a diagnostic on its Dockerfile line with what it printed) and
// Build and Run (then the Run flow with the new tag).
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import * as vscode from 'vscode';
import { BuildFailed, buildImage, FrontendUnsupported, parseSecretFlag, type BuildSpec, type FrontendUse } from '../../docker/build';
import { maskText } from '../../docker/secrets';
import { frontendRequirements, SYNTAX_LINE } from '../../lint/rules/FrontendSyntaxRequired';
import { contextCandidates, defaultImageName } from '../../workspace/buildContext';
import { reportError, requireDocker, type WharfContext } from '../context';
import { maskedOutput } from '../maskedOutput';
import { askRunSpec, runWithProgress } from './runFlow';
import { withCancellableProgress } from './progress';
import { formatStepDuration } from '../display/format';
import { DOCKERFILE_GLOB, isDockerfileName } from '../lint/findingShape';
import { builderLine, openBuildTerminal, type BuildTerminal } from '../terminals/buildTerminal';

/**
 * Build options beyond the Dockerfile, context, tag and stage, as the command's last argument (for
 * tests, tasks and other extensions): `docker build`'s flags by their meaning.
 */
export interface BuildCommandOptions {
  buildArgs?: Record<string, string>;
  platform?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  /** `id=NAME,src=FILE` each, as `docker build --secret` takes them; src relative to the context. */
  secrets?: string[];
  /** `--ssh default`: forward the ssh agent of $SSH_AUTH_SOCK. */
  ssh?: boolean;
}

/** What in the Dockerfile needs frontend 1.4+, read by the linter's own rule (one understanding of the file). */
export function frontendUseOf(text: string): FrontendUse {
  const needs = frontendRequirements(DockerfileParser.parse(text));
  return { requirements: needs.requirements.map((r) => ({ feature: r.feature, line: r.range.start.line + 1 })), syntax: needs.syntax };
}

type Handler = (...args: unknown[]) => Promise<unknown>;

export interface DockerfileTools extends vscode.Disposable {
  commands: Record<string, Handler>;
  /** What the last Build terminal showed, escape codes removed (for the host tests). */
  lastBuildTranscript(): readonly string[];
}

export function dockerfileCommands(ctx: WharfContext): DockerfileTools {
  const diagnostics = vscode.languages.createDiagnosticCollection('wharf-build');
  const buildOutput = maskedOutput(vscode.window.createOutputChannel(vscode.l10n.t('Wharf Build')));
  // One Build terminal per Dockerfile: a new build of it replaces the previous one's.
  const terminals = new Map<string, BuildTerminal>();
  let lastTerminal: BuildTerminal | undefined;

  const pickDockerfile = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.file(arg);
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && isDockerfileName(path.basename(active.fsPath))) return active;
    // The same names, in any case, that the linter and the right-click menus know; not `.dockerignore` files.
    const found = (await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200)).filter((uri) => isDockerfileName(path.basename(uri.fsPath))).slice(0, 50);
    if (found.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile found in the workspace.')); return undefined; }
    const picked = await ctx.prompts.pick(found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { placeHolder: vscode.l10n.t('Build which Dockerfile?') });
    return picked?.uri;
  };

  const contexts = ctx.buildContexts;

  /** A folder as the user knows it: relative to its workspace folder, named after that folder. */
  const folderLabel = (dir: string): string => {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
    if (!folder) return dir;
    const rel = path.relative(folder.uri.fsPath, dir);
    return rel ? `${folder.name}/${rel.split(path.sep).join('/')}` : folder.name;
  };

  /** The folders this Dockerfile's build could send: its own, then the enclosing ones in its workspace folder. */
  const candidatesFor = (dockerfile: vscode.Uri): string[] => {
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    return folder ? contextCandidates(dockerfile.fsPath, folder.uri.fsPath) : [];
  };

  /**
   * The context for a build. Asked the first time a Dockerfile is built, and only when there is a
   * choice: a Dockerfile below its workspace folder's root may be built from its own folder (what
   * `docker build -f app/Dockerfile app` and CopyIgnoredFile assume, first and pre-selected) or
   * from an enclosing folder (a Dockerfile that COPYs files from beside its folder). The answer is
   * remembered per Dockerfile in the workspace state; *Change Build Context…* after a failure asks
   * again. A Dockerfile at a root, or outside the workspace, builds from its own folder unasked.
   */
  const chooseContext = async (dockerfile: vscode.Uri): Promise<string | undefined> => {
    const remembered = contexts.chosen(dockerfile.fsPath);
    if (remembered) return remembered;
    const candidates = candidatesFor(dockerfile);
    if (candidates.length < 2) return contexts.contextFor(dockerfile.fsPath);
    const picked = await ctx.prompts.pick(candidates.map((dir, i) => ({
      label: folderLabel(dir),
      description: i === 0 ? vscode.l10n.t('the Dockerfile\'s folder') : vscode.l10n.t('an enclosing folder'),
      iconPath: new vscode.ThemeIcon('folder'),
      dir,
    })), {
      title: vscode.l10n.t('Build context for {0}', vscode.workspace.asRelativePath(dockerfile)),
      placeHolder: vscode.l10n.t('The folder sent to the engine: COPY and ADD read their files from it. Wharf remembers the answer for this Dockerfile.'),
    });
    if (!picked) return undefined;
    await contexts.remember(dockerfile.fsPath, picked.dir);
    return picked.dir;
  };

  /** The failure said where the user looks: notification, with the output a click away. */
  const reportBuildFailure = (err: BuildFailed, dockerfile: vscode.Uri, tag: string, contextDir: string, rebuild: () => unknown): void => {
    const where = err.location ? vscode.l10n.t('line {0} of {1}', err.location.line, vscode.workspace.asRelativePath(dockerfile)) : vscode.workspace.asRelativePath(dockerfile);
    const lastLines = err.lastOutput.length > 0 ? ` ${vscode.l10n.t('Last output: {0}', err.lastOutput.slice(-3).join(' | '))}` : '';
    // A COPY or ADD that fails is most often a file outside the context, not a wrong line.
    const copying = err.location?.keyword === 'COPY' || err.location?.keyword === 'ADD'
      ? ` ${vscode.l10n.t('{0} reads its files from the build context, {1}.', err.location.keyword, folderLabel(contextDir))}`
      : '';
    const message = maskText(vscode.l10n.t('Wharf: building {0} from {1} failed at {2}: {3}', tag, folderLabel(contextDir), where, err.engineMessage ?? err.message) + copying + lastLines);
    const show = vscode.l10n.t('Show Build Output');
    const change = vscode.l10n.t('Change Build Context…');
    const buttons = candidatesFor(dockerfile).length > 1 ? [show, change] : [show];
    ctx.log.error(message);
    void ctx.prompts.notify(message, buttons, 'error').then(async (answer) => {
      if (answer === show) buildOutput.show(true);
      if (answer === change) { await contexts.forget(dockerfile.fsPath); await rebuild(); }
    });
  };

  /**
   * Builds (up to the stage `targetArg` when given: the code lens above a FROM … AS); resolves
   * with the tag, or undefined when cancelled or failed (already reported). The context is the
   * one a caller names, else the one chosen for this Dockerfile (chooseContext).
   */
  /** Adds the `# syntax=` line (the linter's quick fix), for the frontend-too-old explanation's button. */
  const addSyntaxLine = async (dockerfile: vscode.Uri): Promise<void> => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(dockerfile, new vscode.Position(0, 0), `${SYNTAX_LINE}\n`);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(dockerfile);
  };

  /** The Dockerfile's 1.4+ syntax on an engine whose builder rejects it: said on its line and in a notification. */
  const reportFrontend = (err: FrontendUnsupported, dockerfile: vscode.Uri): void => {
    const range = new vscode.Range(err.line - 1, 0, err.line - 1, Number.MAX_SAFE_INTEGER);
    const diagnostic = new vscode.Diagnostic(range, `${err.message} ${err.hint ?? ''}`.trim(), vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'wharf build';
    diagnostics.set(dockerfile, [diagnostic]);
    const add = vscode.l10n.t('Add "{0}"', SYNTAX_LINE);
    const message = vscode.l10n.t('Wharf: {0} was not sent to the engine: {1} {2}', vscode.workspace.asRelativePath(dockerfile), err.message, err.hint ?? '');
    ctx.log.error(message);
    void ctx.prompts.notify(message, err.syntaxLineHelps ? [add] : [], 'error').then(async (answer) => { if (answer === add) await addSyntaxLine(dockerfile); });
  };

  /**
   * Builds (up to the stage `targetArg` when given: the code lens above a FROM … AS); resolves
   * with the tag, or undefined when cancelled or failed (already reported). The context is the
   * one a caller names, else the one chosen for this Dockerfile (chooseContext).
   */
  const build = async (arg: unknown, tagArg?: unknown, targetArg?: unknown, contextArg?: unknown, optionsArg?: unknown): Promise<string | undefined> => {
    const target = typeof targetArg === 'string' && targetArg ? targetArg : undefined;
    const dockerfile = await pickDockerfile(arg);
    if (!dockerfile) return undefined;
    const contextDir = contextArg instanceof vscode.Uri ? contextArg.fsPath : typeof contextArg === 'string' ? contextArg : await chooseContext(dockerfile);
    if (!contextDir) return undefined;
    const tag = typeof tagArg === 'string' ? tagArg : (await ctx.prompts.input({ prompt: vscode.l10n.t('Tag for the image built from {0}', vscode.workspace.asRelativePath(dockerfile)), value: `${defaultImageName(dockerfile.fsPath)}:latest` }))?.trim();
    if (!tag) return undefined;
    const extra = (optionsArg && typeof optionsArg === 'object' ? optionsArg : {}) as BuildCommandOptions;
    diagnostics.delete(dockerfile);
    const contextText = folderLabel(contextDir);
    buildOutput.appendLine(`── ${new Date().toISOString()} build ${dockerfile.fsPath}${target ? ` --target ${target}` : ''} (context ${contextDir}) → ${tag}`);
    // Unsaved edits would not be what the engine builds: save first.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfile.toString());
    if (open?.isDirty) await open.save();
    const text = open?.getText() ?? Buffer.from(await vscode.workspace.fs.readFile(dockerfile)).toString('utf8');
    const title = target ? vscode.l10n.t('Building {0} (stage {1}) from {2}', tag, target, contextText) : vscode.l10n.t('Building {0} from {1}', tag, contextText);
    terminals.get(dockerfile.toString())?.dispose();
    const terminal = openBuildTerminal(vscode.l10n.t('Build: {0}', tag), title);
    terminals.set(dockerfile.toString(), terminal);
    lastTerminal = terminal;
    terminal.terminal.show(true);
    const started = Date.now();
    return withCancellableProgress(title, async (sink) => {
      try {
        const spec: BuildSpec = {
          contextDir, dockerfile: path.relative(contextDir, dockerfile.fsPath), tags: [tag], target,
          buildArgs: extra.buildArgs, platform: extra.platform, labels: extra.labels, noCache: extra.noCache, pull: extra.pull,
          secrets: extra.secrets?.map(parseSecretFlag),
          sshAgentSocket: extra.ssh ? sshAgentSocket() : undefined,
          frontend: frontendUseOf(text),
        };
        const result = await buildImage(requireDocker(ctx), spec, {
          signal: sink.signal,
          deadlineMs: 120_000,
          onBuilder: (builder) => { terminal.builder(builder); buildOutput.appendLine(builderLine(builder)); },
          onOutput: (line) => buildOutput.appendLine(line),
          onStep: (step) => { terminal.step(step); if (step.state === 'running' && !step.internal) sink.message(step.name); },
          onLog: (step, line) => terminal.log(step, line),
        });
        terminal.note(vscode.l10n.t('Built {0} ({1}) in {2}.', tag, result.imageId.replace(/^sha256:/, '').slice(0, 12), formatStepDuration(Date.now() - started)));
        return tag;
      } catch (err) {
        buildOutput.appendLine(err instanceof Error ? err.message : String(err));
        terminal.note(sink.signal.aborted ? vscode.l10n.t('Cancelled.') : vscode.l10n.t('Failed: {0}', err instanceof Error ? err.message : String(err)));
        if (err instanceof FrontendUnsupported) { reportFrontend(err, dockerfile); return undefined; }
        if (!(err instanceof BuildFailed)) {
          reportError(ctx, `build ${tag} from ${contextText}`, err);
          return undefined;
        }
        if (err.location) {
          const range = new vscode.Range(err.location.line - 1, 0, err.location.endLine - 1, Number.MAX_SAFE_INTEGER);
          const printed = err.lastOutput.length > 0 ? `\n${err.lastOutput.join('\n')}` : '';
          const diagnostic = new vscode.Diagnostic(range, maskText(vscode.l10n.t('Build failed at this step (context {0}): {1}', contextText, err.engineMessage ?? err.message) + printed), vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'wharf build';
          diagnostics.set(dockerfile, [diagnostic]);
        }
        reportBuildFailure(err, dockerfile, tag, contextDir, () => build(dockerfile, tag, target, undefined, optionsArg));
        return undefined;
      }
    });
  };

  const testing = ctx.extension.extensionMode !== vscode.ExtensionMode.Production;
  return {
    commands: {
      // Not contributed, and only outside production: what the last Build terminal showed, for the host tests.
      ...(testing ? { 'wharf.dockerfile.lastBuildTranscript': async () => lastTerminal?.transcript ?? [] } : {}),
      'wharf.dockerfile.build': (arg, _selected, tag, target, context, options) => build(arg, tag, target, context, options),
      'wharf.dockerfile.buildAndRun': async (arg, _selected, tag, context) => {
        const built = await build(arg, tag, undefined, context);
        if (!built) return undefined;
        try {
          const spec = await askRunSpec(ctx, built);
          return spec ? await runWithProgress(ctx, spec) : undefined;
        } catch (err) {
          reportError(ctx, `run ${built}`, err);
          return undefined;
        }
      },
    },
    dispose: () => { diagnostics.dispose(); buildOutput.dispose(); for (const t of terminals.values()) t.dispose(); },
    lastBuildTranscript: () => lastTerminal?.transcript ?? [],
  };
}

/** The agent `--ssh default` forwards: the one ssh and the docker CLI use. */
function sshAgentSocket(): string {
  const socket = process.env.SSH_AUTH_SOCK;
  if (!socket) throw new Error(vscode.l10n.t('--ssh default forwards the ssh agent, but SSH_AUTH_SOCK is not set: start ssh-agent, or build without ssh.'));
  return socket;
}

/** For tests: the diagnostics Wharf set on a Dockerfile after a failed build. */
export function buildDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'wharf build');
}
