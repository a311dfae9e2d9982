// Lint Workspace Dockerfiles without its notification: find every Dockerfile-like file in the
// workspace and lint it into Problems, one file after another, until done or cancelled. The
// command wraps this in a cancellable progress notification; the host tier drives it with a
// token of its own, which a test cannot do through the notification's Cancel button.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DOCKERFILE_GLOB, isDockerfileName } from './findingShape';
import type { LintDiagnostics } from './lintDiagnostics';

export interface WorkspaceLintResult {
  /** Dockerfiles found in the workspace. */
  found: number;
  /** Dockerfiles linted (fewer than found when cancelled or a file could not be read). */
  files: number;
  problems: number;
  cancelled: boolean;
}

/** Installed packages are not the user's images: their Dockerfiles are never searched. */
export const WORKSPACE_LINT_EXCLUDE = '**/node_modules/**';

/** Every Dockerfile-like file of the workspace folders, in a stable order. */
export async function findWorkspaceDockerfiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, WORKSPACE_LINT_EXCLUDE, undefined, token);
  return found.filter((uri) => isDockerfileName(path.posix.basename(uri.path))).sort((a, b) => a.toString().localeCompare(b.toString()));
}

/**
 * Lints every Dockerfile of the workspace into the diagnostics collection. `token` is checked
 * before each file: a cancellation stops before the next file, never halfway through one.
 * `onFile` hears of each file before it is linted (the notification's progress).
 */
export async function lintWorkspaceDockerfiles(
  diagnostics: Pick<LintDiagnostics, 'lintNow'>,
  token: vscode.CancellationToken,
  onFile: (uri: vscode.Uri, total: number) => void = () => undefined,
  warn: (message: string) => void = () => undefined,
): Promise<WorkspaceLintResult> {
  const files = token.isCancellationRequested ? [] : await findWorkspaceDockerfiles(token);
  const result: WorkspaceLintResult = { found: files.length, files: 0, problems: 0, cancelled: token.isCancellationRequested };
  for (const uri of files) {
    if (token.isCancellationRequested) { result.cancelled = true; break; }
    onFile(uri, files.length);
    try {
      result.problems += (await diagnostics.lintNow(uri)).length;
      result.files++;
    } catch (error) {
      warn(`lint ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Let the extension host breathe between files: lint itself is synchronous.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}
