// The one place Wharf reads its settings: a typed getter each, and one change event. Nothing else
// in the extension calls getConfiguration, so defaults and trust rules live here only.
import * as vscode from 'vscode';
import { browserHostOf } from './display/containerText';
import { ruleSets, type RuleSet } from '../lint/rule';

export type ContainerSort = 'created' | 'name' | 'status';
export type ContainerGrouping = 'composeProject' | 'none';
export type LintRun = 'onType' | 'onSave';
export type LintLevel = 'error' | 'warning' | 'info' | 'style' | 'off';
/** The Dockerfile editing features that a setting each turns off (wharf.editing.<group>.enable). */
export const EDITING_FEATURES = ['completion', 'hover', 'signatureHelp', 'outline', 'navigation', 'formatting', 'engine', 'codeLens'] as const;
export type EditingFeature = (typeof EDITING_FEATURES)[number];
const LINT_LEVELS: readonly string[] = ['error', 'warning', 'info', 'style', 'off'];

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

  /**
   * wharf.engines: the engines shown side by side (context names, host URLs); empty: the one engine
   * of engine.host / engine.context. Workspace values are ignored in an untrusted workspace, as for
   * the other settings that pick an engine.
   */
  get engines(): string[] {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('engines');
    const value = (vscode.workspace.isTrusted ? inspected?.workspaceFolderValue ?? inspected?.workspaceValue : undefined) ?? inspected?.globalValue;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  }

  /** Where the value of an engine setting in effect comes from (the Settings tab to open for it). */
  engineSettingScope(key: 'engine.host' | 'engine.context'): 'workspace' | 'user' | undefined {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>(key);
    if (vscode.workspace.isTrusted && (inspected?.workspaceFolderValue || inspected?.workspaceValue)) return 'workspace';
    return inspected?.globalValue ? 'user' : undefined;
  }

  /**
   * Uses docker context `name` (undefined: the environment's choice): the context setting is
   * written where its value in effect lives (the user settings when none), and an engine host
   * setting, which would outrank it, is cleared wherever it is set.
   */
  async useEngineContext(name: string | undefined): Promise<void> {
    const settings = vscode.workspace.getConfiguration(SECTION);
    const target = this.engineSettingScope('engine.context') === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const host = settings.inspect<string>('engine.host');
    if (host?.workspaceFolderValue && vscode.workspace.workspaceFolders?.[0]) {
      await vscode.workspace.getConfiguration(SECTION, vscode.workspace.workspaceFolders[0].uri).update('engine.host', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    if (host?.workspaceValue) await settings.update('engine.host', undefined, vscode.ConfigurationTarget.Workspace);
    if (host?.globalValue) await settings.update('engine.host', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('engine.context', name, target);
  }

  get containerSort(): ContainerSort {
    const value = this.read<string>('containers.sortBy');
    return value === 'name' || value === 'status' ? value : 'created';
  }

  get containerGrouping(): ContainerGrouping {
    return this.read<string>('containers.groupBy') === 'none' ? 'none' : 'composeProject';
  }

  /** Whether running container rows show a live CPU/memory figure (a stats stream each while visible). */
  get showContainerStats(): boolean {
    return this.read<boolean>('containers.showStats') !== false;
  }

  get showDanglingImages(): boolean {
    return this.read<boolean>('images.showDangling') === true;
  }

  setShowDanglingImages(show: boolean): Thenable<void> {
    return vscode.workspace.getConfiguration(SECTION).update('images.showDangling', show, vscode.ConfigurationTarget.Global);
  }

  /**
   * Host used for "Open in browser" when a port is bound to every address (0.0.0.0 / ::). It picks
   * where a link goes, so an untrusted workspace cannot set it; a value that is no host name or IP
   * address falls back to loopback.
   */
  get browserHost(): string {
    const value = this.trustedString('containers.browserHost');
    return (value && browserHostOf(value)) || '127.0.0.1';
  }

  get statusBarEnabled(): boolean {
    return this.read<boolean>('statusBar.enabled') !== false;
  }

  /** wharf.lint.enable for a document (resource scope: a folder may turn the linter off). */
  lintEnabled(scope?: vscode.ConfigurationScope): boolean {
    return this.read<boolean>('lint.enable', scope) !== false;
  }

  lintRun(scope?: vscode.ConfigurationScope): LintRun {
    return this.read<string>('lint.run', scope) === 'onSave' ? 'onSave' : 'onType';
  }

  /** Rule codes never reported, on top of the .hadolint.yaml `ignored` list. */
  lintIgnoredRules(scope?: vscode.ConfigurationScope): string[] {
    const value = this.read<unknown>('lint.ignoredRules', scope);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  }

  /** Rule code → level; unknown levels are dropped rather than guessed. */
  lintSeverity(scope?: vscode.ConfigurationScope): Record<string, LintLevel> {
    const value = this.read<unknown>('lint.severity', scope);
    const result: Record<string, LintLevel> = {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
    for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
      if (typeof level === 'string' && LINT_LEVELS.includes(level.toLowerCase())) result[code.trim()] = level.toLowerCase() as LintLevel;
    }
    return result;
  }

  /** Registries FROM may pull from (DL3026), added to the .hadolint.yaml `trustedRegistries`. */
  lintTrustedRegistries(scope?: vscode.ConfigurationScope): string[] {
    const value = this.read<unknown>('lint.trustedRegistries', scope);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  }

  /** wharf.lint.ruleSet: which checks run (both by default, a shared problem reported once). */
  lintRuleSet(scope?: vscode.ConfigurationScope): RuleSet {
    const value = this.read<string>('lint.ruleSet', scope);
    return (ruleSets as readonly (string | undefined)[]).includes(value) ? value as RuleSet : 'both';
  }

  /** wharf.lint.otherExtensions: ask, or the answer given once and for all. */
  lintOtherExtensions(): 'ask' | 'leaveOverlapping' | 'keepAll' {
    const value = this.read<string>('lint.otherExtensions');
    return value === 'leaveOverlapping' || value === 'keepAll' ? value : 'ask';
  }

  /**
   * ShellCheck runs a program found on PATH, so it never runs in an untrusted workspace (the
   * workspace cannot turn it on either); trusting the workspace re-lints with it. `trusted` is
   * the workspace's trust unless the caller knows better (the host tier cannot open an
   * untrusted workspace, so it hands the linter a trust state of its own).
   */
  lintShellcheckEnabled(scope?: vscode.ConfigurationScope, trusted: boolean = vscode.workspace.isTrusted): boolean {
    return trusted && this.read<boolean>('lint.shellcheck.enable', scope) !== false;
  }

  /** wharf.editing.<feature>.enable for a document (resource scope: a folder may turn one off). */
  editingEnabled(feature: EditingFeature, scope?: vscode.ConfigurationScope): boolean {
    return this.read<boolean>(`editing.${feature}.enable`, scope) !== false;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read<T>(key: string, scope?: vscode.ConfigurationScope): T | undefined {
    return vscode.workspace.getConfiguration(SECTION, scope).get<T>(key);
  }

  private trustedString(key: string): string | undefined {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>(key);
    if (!inspected) return undefined;
    const trusted = vscode.workspace.isTrusted;
    const value = (trusted ? inspected.workspaceFolderValue ?? inspected.workspaceValue : undefined) ?? inspected.globalValue ?? inspected.defaultValue;
    return value ? value : undefined;
  }
}

const KNOWN_KEYS = ['engine.host', 'engine.context', 'engines', 'containers.sortBy', 'containers.groupBy', 'containers.browserHost', 'containers.showStats', 'images.showDangling', 'statusBar.enabled',
  'lint.enable', 'lint.run', 'lint.ignoredRules', 'lint.severity', 'lint.trustedRegistries', 'lint.shellcheck.enable',
  'lint.ruleSet', 'lint.otherExtensions',
  ...EDITING_FEATURES.map((feature) => `editing.${feature}.enable`)];
