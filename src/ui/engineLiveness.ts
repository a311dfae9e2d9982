// When someone looks at Wharf, a long-silent engine is asked whether it still answers
// (EngineStore.confirmLive): a Wharf view shown, or the VS Code window focused. A hung engine, or
// one behind a forwarder whose far side vanished, then shows as unreachable instead of as a stale
// list. Nothing is sent while nobody looks: an idle Wharf sends no request at all.
import * as vscode from 'vscode';
import type { SessionHolder } from './session';
import type { WharfViews } from './views';

export function confirmEngineWhenLookedAt(sessions: SessionHolder, views: WharfViews): vscode.Disposable {
  const confirm = (): void => void sessions.current.store.confirmLive();
  const trees = [views.containersView, views.imagesView, views.volumesView, views.networksView];
  return vscode.Disposable.from(
    ...trees.map((tree) => tree.onDidChangeVisibility((event) => { if (event.visible) confirm(); })),
    vscode.window.onDidChangeWindowState((state) => { if (state.focused) confirm(); }),
  );
}
