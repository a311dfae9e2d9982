// One webview panel per inspected object (revealed when already open). The page shows the
// inspect JSON; while the panel is open, every store change that touches the object re-inspects
// it and posts the new data, so state and health update live. Strict CSP: scripts only with a
// fresh nonce, styles only from the extension, nothing else.
//
// Secrets never leave the host unasked: the page is given the data masked (src/docker/secrets.ts)
// until it reports Show secrets ticked, and Copy names a path that is read here from the data the
// page was given, so no copy, filter or raw view can hold more than the page shows.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { inspectContainer } from '../../docker/containers';
import { inspectImage } from '../../docker/images';
import type { StoreChange } from '../../docker/model';
import { inspectNetwork } from '../../docker/networks';
import { inspectVolume } from '../../docker/volumes';
import { toWharfError } from '../../docker/errors';
import { maskInspect, maskText } from '../../docker/secrets';
import { clipboardText } from '../../webview/inspect/jsonPath';
import type { HostToPage, InspectKind, PageStrings, PageToHost } from '../../webview/inspect/protocol';
import type { SessionHolder } from '../session';

interface OpenPanel {
  panel: vscode.WebviewPanel;
  kind: InspectKind;
  id: string;
  title: string;
  /** The last message posted, for tests and for re-sending when the page reloads. */
  last?: HostToPage;
  ready: boolean;
  /** Show secrets, as the page last reported it (off until it says otherwise). */
  revealed: boolean;
  /** The engine's answer as it came, and when. Only ever posted masked unless `revealed`. */
  inspected?: { data: unknown; updatedAt: number };
  /** The data the page was last given (masked or not): what copies are read from. */
  given?: unknown;
  /** Kept open for this object: the next Inspect opens another panel instead of reusing this one. */
  kept: boolean;
}

export class InspectPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private activeEntry: OpenPanel | undefined;
  private storeSubscription: vscode.Disposable | undefined;
  private readonly sessionSubscription: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly sessions: SessionHolder) {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => this.bind());
  }

  /**
   * Opens (or reveals) the panel for an object; resolves once its data was posted. Like a preview
   * editor, the last panel opened that was not kept shows the next object instead of a new panel:
   * a new webview costs over a second to start in a browser window (bench: test/e2e/inspect.test.ts),
   * an open one shows new data at once.
   */
  async show(kind: InspectKind, id: string, title: string): Promise<vscode.WebviewPanel> {
    const key = `${kind}:${id}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const reusable = [...this.open.values()].reverse().find((entry) => !entry.kept);
    if (reusable) {
      this.open.delete(`${reusable.kind}:${reusable.id}`);
      // A new object starts masked, whatever the previous one showed.
      Object.assign(reusable, { kind, id, title, revealed: false, inspected: undefined, given: undefined, last: undefined });
      this.open.set(key, reusable);
      reusable.panel.title = vscode.l10n.t('Inspect {0}', title);
      reusable.panel.reveal();
      await this.load(reusable);
      return reusable.panel;
    }
    const panel = vscode.window.createWebviewPanel('wharf.inspect', vscode.l10n.t('Inspect {0}', title), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'wharf.svg');
    const entry: OpenPanel = { panel, kind, id, title, ready: false, revealed: false, kept: false };
    this.open.set(key, entry);
    panel.onDidDispose(() => { if (this.open.get(`${entry.kind}:${entry.id}`) === entry) this.open.delete(`${entry.kind}:${entry.id}`); });
    panel.onDidChangeViewState(() => { if (panel.active) this.activeEntry = entry; });
    this.activeEntry = entry;
    panel.webview.onDidReceiveMessage((message: PageToHost) => {
      this.onMessage(entry, message).catch((err: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Wharf: {0}', err instanceof Error ? err.message : String(err))));
    });
    panel.webview.html = this.html(panel.webview);
    await this.load(entry);
    return panel;
  }

  /** Keeps the active inspect panel on its object (Inspect opens the next object in a new one). */
  keepActive(): boolean {
    const entry = this.activeEntry;
    if (!entry || !entry.panel.active || this.open.get(`${entry.kind}:${entry.id}`) !== entry) return false;
    entry.kept = true;
    return true;
  }

  /** For tests: the last data posted to an object's panel, if its panel is open. */
  lastMessage(kind: InspectKind, id: string): HostToPage | undefined {
    return this.open.get(`${kind}:${id}`)?.last;
  }

  /**
   * For tests: handles a message as if the object's page had posted it (the same handler the
   * webview's messages reach); resolves once its effect (a copy on the clipboard) is done.
   */
  async receive(kind: InspectKind, id: string, message: PageToHost): Promise<void> {
    const entry = this.open.get(`${kind}:${id}`);
    if (!entry) throw new Error(`no inspect panel is open for ${kind} ${id}`);
    await this.onMessage(entry, message);
  }

  /** For tests: whether the object's page has loaded and said it is listening. */
  isPageReady(kind: InspectKind, id: string): boolean {
    return this.open.get(`${kind}:${id}`)?.ready === true;
  }

  isOpen(kind: InspectKind, id: string): boolean {
    return this.open.has(`${kind}:${id}`);
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    this.sessionSubscription.dispose();
    for (const entry of [...this.open.values()]) entry.panel.dispose();
  }

  private async load(entry: OpenPanel): Promise<void> {
    const docker = this.sessions.current.docker();
    if (!docker) { this.post(entry, { type: 'error', message: vscode.l10n.t('Not connected to an engine.') }); return; }
    const { kind, id } = entry;
    // The panel may show another object by the time the engine answers: that answer is dropped.
    const stale = (): boolean => entry.kind !== kind || entry.id !== id;
    try {
      const data = await this.inspect(docker, kind, id);
      if (stale()) return;
      entry.inspected = { data, updatedAt: Date.now() };
      this.showData(entry);
    } catch (err) {
      if (stale()) return;
      const wharf = toWharfError(err, { action: `inspect ${entry.kind} ${entry.title}` });
      this.post(entry, wharf.code === 'notFound' ? { type: 'gone', message: vscode.l10n.t('{0} no longer exists.', entry.title) } : { type: 'error', message: maskText(wharf.message) });
    }
  }

  private inspect(docker: NonNullable<ReturnType<EngineSessionDocker>>, kind: InspectKind, id: string): Promise<unknown> {
    switch (kind) {
      case 'container': return inspectContainer(docker, id);
      case 'image': return inspectImage(docker, id);
      case 'volume': return inspectVolume(docker, id);
      case 'network': return inspectNetwork(docker, id);
    }
  }

  /** Posts the inspected data, masked unless the page has Show secrets ticked. */
  private showData(entry: OpenPanel): void {
    if (!entry.inspected) return;
    const data = entry.revealed ? entry.inspected.data : maskInspect(entry.inspected.data);
    entry.given = data;
    this.post(entry, { type: 'show', kind: entry.kind, title: entry.title, data, revealed: entry.revealed, updatedAt: entry.inspected.updatedAt });
  }

  private post(entry: OpenPanel, message: HostToPage): void {
    entry.last = message;
    if (entry.ready) void entry.panel.webview.postMessage(message);
  }

  private async onMessage(entry: OpenPanel, message: PageToHost): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // A page that reloads (its tab was hidden) asks again: the data, then what happened since.
        const since = entry.last?.type === 'show' ? undefined : entry.last;
        entry.ready = true;
        entry.revealed = message.revealed === true;
        this.showData(entry);
        if (since) this.post(entry, since);
        break;
      }
      case 'reveal':
        entry.revealed = message.revealed === true;
        this.showData(entry);
        break;
      case 'copy': {
        const text = clipboardText(entry.given, message.what, message.path);
        if (text === undefined) return;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the {0}.', message.what), 2000);
        // Said where it was asked: the page shows "Copied" on that button.
        this.post(entry, { type: 'copied', what: message.what, path: message.path });
        break;
      }
      case 'refresh':
        await this.load(entry);
        break;
    }
  }

  private bind(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.sessions.current.store.onDidChange((changes) => this.onStoreChange(changes));
  }

  private onStoreChange(changes: StoreChange[]): void {
    for (const entry of this.open.values()) {
      const touched = changes.some((c) => c.kind === entry.kind && (c.all || c.updated.includes(entry.id) || c.removed.includes(entry.id)));
      if (touched) void this.load(entry);
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'inspect.js'));
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'inspect.css'));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    // Static markup only: every engine value is put in the page by the script with textContent.
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}" nonce="${nonce}">
<title>Inspect</title>
</head>
<body data-strings="${escapeAttribute(JSON.stringify(pageStrings()))}">
<header id="toolbar"></header>
<div id="status" role="status"></div>
<div id="copied" class="visually-hidden" role="status" aria-live="polite"></div>
<main id="content"></main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

type EngineSessionDocker = SessionHolder['current']['docker'];

/** The page's words in the user's language (the page cannot call vscode.l10n itself). */
function pageStrings(): PageStrings {
  return {
    filter: vscode.l10n.t('Filter'),
    filterPlaceholder: vscode.l10n.t('Keys and values'),
    rawJson: vscode.l10n.t('Raw JSON'),
    showSecrets: vscode.l10n.t('Show secrets'),
    copyJson: vscode.l10n.t('Copy JSON'),
    copied: vscode.l10n.t('Copied'),
    copiedWhat: { value: vscode.l10n.t('Copied the value.'), path: vscode.l10n.t('Copied the path.'), json: vscode.l10n.t('Copied the JSON.') },
    copyPath: vscode.l10n.t('Copy path'),
    copyValue: vscode.l10n.t('Copy value'),
    pathButton: vscode.l10n.t('path'),
    valueButton: vscode.l10n.t('value'),
    nothingMatches: vscode.l10n.t('Nothing matches the filter.'),
    updated: vscode.l10n.t('Updated {0}'),
    masked: vscode.l10n.t('Masked: tick "Show secrets" to reveal'),
    tree: vscode.l10n.t('Inspect data of {0}'),
  };
}

/** Host text in an attribute: quotes and markup characters as entities. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
