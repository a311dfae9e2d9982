// The Swarm view and the context key its welcome content and menus read: wharf.swarm.state is
// the connected engine's place in a swarm ('manager', 'worker', 'inactive', 'pending', 'locked',
// 'error'), 'unsupported' for Podman (no Swarm mode), or 'none' while no engine is connected.
import * as vscode from 'vscode';
import type { SwarmSession } from './swarmSession';
import { SwarmTreeProvider, type SwarmTreeNode } from './tree/swarmTree';

export interface SwarmView extends vscode.Disposable {
  readonly provider: SwarmTreeProvider;
  readonly view: vscode.TreeView<SwarmTreeNode>;
  /** The value wharf.swarm.state was last set to (what the when-clauses see; for tests). */
  readonly state: string;
}

export function createSwarmView(swarm: SwarmSession): SwarmView {
  const provider = new SwarmTreeProvider(swarm);
  const view = vscode.window.createTreeView('wharf.swarm', { treeDataProvider: provider, showCollapseAll: true });
  let state = '';
  const update = (): void => {
    const store = swarm.current;
    const next = swarm.podman ? 'unsupported' : store?.membership?.state ?? 'none';
    view.description = store?.error ? vscode.l10n.t('could not read: {0}', store.error) : undefined;
    if (next === state) return;
    state = next;
    void vscode.commands.executeCommand('setContext', 'wharf.swarm.state', state);
  };
  update();
  const subscription = swarm.onDidChange(update);
  // Leaving a swarm outside Wharf sends no event: it is noticed when someone looks.
  const looked = [
    view.onDidChangeVisibility((e) => { if (e.visible) swarm.current?.checkMembership(); }),
    vscode.window.onDidChangeWindowState((e) => { if (e.focused && view.visible) swarm.current?.checkMembership(); }),
  ];
  return {
    provider, view,
    get state() { return state; },
    dispose: () => { subscription.dispose(); for (const d of looked) d.dispose(); view.dispose(); provider.dispose(); },
  };
}
