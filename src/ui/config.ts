// The one place Wharf reads its settings: a typed getter each, and one change event. Nothing else
// in the extension calls getConfiguration, so defaults and trust rules live here only.
import * as vscode from 'vscode';

export type ContainerSort = 'created' | 'name' | 'status';
export type ContainerGrouping = 'composeProject' | 'none';

const SECTION = 'wharf';

export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the wharf.* keys (without the prefix) that changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      const keys = KNOWN_KEYS.filter((key) => event.affectsConfiguration(`${SECTION}.${key}`));
      if (keys.length > 0) this.changed.fire(keys);
    });
  }

  /** wharf.engine.host; workspace values are ignored in an untrusted workspace (they pick the engine). */
  get engineHost(): string | undefined {
    return this.trustedString('engine.host');
  }

  get engineContext(): string | undefined {
    return this.trustedString('engine.context');
  }

  get containerSort(): ContainerSort {
    const value = this.read<string>('containers.sortBy');
    return value === 'name' || value === 'status' ? value : 'created';
  }

  get containerGrouping(): ContainerGrouping {
    return this.read<string>('containers.groupBy') === 'none' ? 'none' : 'composeProject';
  }

  get showDanglingImages(): boolean {
    return this.read<boolean>('images.showDangling') === true;
  }

  setShowDanglingImages(show: boolean): Thenable<void> {
    return vscode.workspace.getConfiguration(SECTION).update('images.showDangling', show, vscode.ConfigurationTarget.Global);
  }

  /** Host used for "Open in browser" when a port is bound to every address (0.0.0.0 / ::). */
  get browserHost(): string {
    return this.read<string>('containers.browserHost') || '127.0.0.1';
  }

  get statusBarEnabled(): boolean {
    return this.read<boolean>('statusBar.enabled') !== false;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read<T>(key: string): T | undefined {
    return vscode.workspace.getConfiguration(SECTION).get<T>(key);
  }

  private trustedString(key: string): string | undefined {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>(key);
    if (!inspected) return undefined;
    const trusted = vscode.workspace.isTrusted;
    const value = (trusted ? inspected.workspaceFolderValue ?? inspected.workspaceValue : undefined) ?? inspected.globalValue ?? inspected.defaultValue;
    return value ? value : undefined;
  }
}

const KNOWN_KEYS = ['engine.host', 'engine.context', 'containers.sortBy', 'containers.groupBy', 'containers.browserHost', 'images.showDangling', 'statusBar.enabled'];
