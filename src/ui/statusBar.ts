// The status bar item: which engine, and how many containers run out of how many. A click
// focuses the Containers view. Recomputed only when the store reports a change. With several
// engines it speaks of the focused one (the engine of the item last selected) and names it.
import * as vscode from 'vscode';
import type { Config } from './config';
import type { EngineSet } from './session';

export function createStatusBar(engines: EngineSet, config: Config): vscode.Disposable {
  const sessions = engines.sessions;
  const item = vscode.window.createStatusBarItem('wharf.status', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Wharf engine');
  item.command = 'wharf.containers.focus';
  const update = (): void => {
    if (!config.statusBarEnabled) { item.hide(); return; }
    const store = sessions.current.store;
    const connection = store.connection;
    if (connection.status === 'connected') {
      const all = store.containers();
      const running = all.filter((c) => c.state === 'running').length;
      const name = connection.engine.kind === 'podman' ? 'Podman' : 'Docker';
      const named = engines.multiple ? `${engines.focused.name}: ` : '';
      item.text = `$(vm) ${named}${name} ${running}/${all.length}`;
      item.tooltip = vscode.l10n.t('{0} {1}: {2} of {3} containers running. Click to show the containers.', name, connection.engine.version, running, all.length);
      item.backgroundColor = undefined;
    } else if (connection.status === 'connecting') {
      item.text = engines.multiple ? `$(sync~spin) ${engines.focused.name}` : '$(sync~spin) Wharf';
      item.tooltip = vscode.l10n.t('Connecting to the container engine…');
      item.backgroundColor = undefined;
    } else {
      item.text = engines.multiple ? `$(debug-disconnect) ${engines.focused.name}` : '$(debug-disconnect) Wharf';
      item.tooltip = connection.message;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    item.show();
  };
  let storeSubscription = sessions.current.store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'container' || c.kind === 'connection')) update(); });
  const sessionSubscription = sessions.onDidChange(() => {
    storeSubscription.dispose();
    storeSubscription = sessions.current.store.onDidChange(() => update());
    update();
  });
  const configSubscription = config.onDidChange(update);
  update();
  return { dispose: () => { storeSubscription.dispose(); sessionSubscription.dispose(); configSubscription.dispose(); item.dispose(); } };
}
