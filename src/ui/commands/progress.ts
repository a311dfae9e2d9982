// Long engine operations in a notification with a Cancel button wired to an AbortController, so
// cancelling really closes the engine request (pull, push, build, run's implicit pull).
import * as vscode from 'vscode';
import { mapBounded } from '../../docker/bounded';
import type { OverallProgress } from '../../docker/progress';

export interface ProgressSink {
  signal: AbortSignal;
  /** Reports the engine's folded progress; the bar only moves forward. */
  report(progress: OverallProgress): void;
  message(text: string): void;
}

export function withCancellableProgress<T>(title: string, task: (sink: ProgressSink) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort(new vscode.CancellationError()));
    let shown = 0;
    try {
      return await task({
        signal: controller.signal,
        report: (p) => {
          const increment = Math.max(0, p.percent - shown);
          shown = Math.max(shown, p.percent);
          progress.report({ increment, message: `${Math.round(p.percent)}% ${p.status}` });
        },
        message: (text) => progress.report({ message: text }),
      });
    } finally {
      cancelled.dispose();
    }
  });
}

/** Several quick operations, a few at a time (mapBounded), shown in the status bar; failures reported one by one. */
export async function forEach<T>(title: string, items: readonly T[], run: (item: T) => Promise<unknown>, onError: (item: T, err: unknown) => void): Promise<number> {
  let failed = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () =>
    mapBounded(items, async (item) => {
      try { await run(item); } catch (err) { failed++; onError(item, err); }
    }));
  return failed;
}
