// Dockerfile right-click: Build Image (tag prompt, cancellable progress, a failing step shown as
// a diagnostic on its Dockerfile line) and Build and Run (then the Run flow with the new tag).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BuildFailed, buildImage } from '../../docker/build';
import { defaultContextDir } from '../../workspace/buildContext';
import { reportError, requireDocker, type WharfContext } from '../context';
import { maskedOutput } from '../maskedOutput';
import { askRunSpec, runWithProgress } from './runFlow';
import { withCancellableProgress } from './progress';
import { DOCKERFILE_GLOB, isDockerfileName } from '../lint/findingShape';

type Handler = (...args: unknown[]) => Promise<unknown>;

export interface DockerfileTools extends vscode.Disposable {
  commands: Record<string, Handler>;
}

/** The tag suggested for a build: the context folder's name, as a valid repository name. */
export function suggestedTag(contextDir: string): string {
  const base = path.basename(contextDir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'image';
  return `${base}:latest`;
}

export function dockerfileCommands(ctx: WharfContext): DockerfileTools {
  const diagnostics = vscode.languages.createDiagnosticCollection('wharf-build');
  const output = maskedOutput(vscode.window.createOutputChannel(vscode.l10n.t('Wharf Build')));

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

  /**
   * Builds (up to the stage `targetArg` when given: the code lens above a FROM … AS); resolves
   * with the tag, or undefined when cancelled or failed (already reported). The context is the
   * Dockerfile's folder (what CopyIgnoredFile assumes too) unless a caller names another.
   */
  const build = async (arg: unknown, tagArg?: unknown, targetArg?: unknown, contextArg?: unknown): Promise<string | undefined> => {
    const target = typeof targetArg === 'string' && targetArg ? targetArg : undefined;
    const dockerfile = await pickDockerfile(arg);
    if (!dockerfile) return undefined;
    const contextDir = contextArg instanceof vscode.Uri ? contextArg.fsPath : typeof contextArg === 'string' ? contextArg : defaultContextDir(dockerfile.fsPath);
    const tag = typeof tagArg === 'string' ? tagArg : (await ctx.prompts.input({ prompt: vscode.l10n.t('Tag for the image built from {0}', vscode.workspace.asRelativePath(dockerfile)), value: suggestedTag(contextDir) }))?.trim();
    if (!tag) return undefined;
    diagnostics.delete(dockerfile);
    output.appendLine(`── ${new Date().toISOString()} build ${dockerfile.fsPath}${target ? ` --target ${target}` : ''} → ${tag}`);
    // Unsaved edits would not be what the engine builds: save first.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfile.toString());
    if (open?.isDirty) await open.save();
    return withCancellableProgress(target ? vscode.l10n.t('Building {0} (stage {1})', tag, target) : vscode.l10n.t('Building {0}', tag), async (sink) => {
      try {
        await buildImage(requireDocker(ctx), { contextDir, dockerfile: path.relative(contextDir, dockerfile.fsPath), tags: [tag], target }, {
          signal: sink.signal,
          deadlineMs: 120_000,
          onOutput: (line) => output.appendLine(line),
          onStep: (step) => sink.message(`${step.step}/${step.total}: ${step.text}`),
        });
        return tag;
      } catch (err) {
        if (err instanceof BuildFailed && err.location) {
          const range = new vscode.Range(err.location.line - 1, 0, err.location.endLine - 1, Number.MAX_SAFE_INTEGER);
          const diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('Build failed at this step: {0}', err.engineMessage ?? err.message), vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'wharf build';
          diagnostics.set(dockerfile, [diagnostic]);
        }
        output.appendLine(err instanceof Error ? err.message : String(err));
        reportError(ctx, `build ${tag}`, err);
        return undefined;
      }
    });
  };

  return {
    commands: {
      'wharf.dockerfile.build': (arg, _selected, tag, target, context) => build(arg, tag, target, context),
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
    dispose: () => { diagnostics.dispose(); output.dispose(); },
  };
}

/** For tests: the diagnostics Wharf set on a Dockerfile after a failed build. */
export function buildDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'wharf build');
}
