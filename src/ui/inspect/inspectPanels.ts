// Inspect shows an object in the Inspect view (a webview view in the panel area, one for the
// window, kept alive while hidden) and, when the user keeps one, in an editor panel of its own.
// The page shows the inspect JSON; while it shows an object, every store change that touches the
// object re-inspects it and posts the new data, so state and health update live. Strict CSP:
// scripts only with a fresh nonce, styles only from the extension, nothing else.
//
// Why a retained view rather than a new editor panel per object: VS Code starts a new webview in
// about 1.2 s in a browser window (~1 s of it before the page's own document is even fetched,
// bench/inspect.bench.ts), against ~70 ms to show the next object in a webview that exists. The
// view's webview is created once and survives closing the panel area, so every Inspect after the
// first one in a window shows its content at once.
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

/** Where an object is shown: the Inspect view, or a kept editor panel. */
interface Surface {
  readonly webview: vscode.Webview;
  readonly visible: boolean;
}

interface OpenPanel {
  surface: Surface;
  /** Set for a kept editor panel; the Inspect view has none. */
  panel?: vscode.WebviewPanel;
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
}

/** The Inspect view (package.json: a webview view in the panel area). */
export const INSPECT_VIEW = 'wharf.inspectView';

export class InspectPanels implements vscode.Disposable, vscode.WebviewViewProvider {
  private readonly open = new Map<string, OpenPanel>();
  private storeSubscription: vscode.Disposable | undefined;
  private readonly sessionSubscription: vscode.Disposable;
  private readonly viewRegistration: vscode.Disposable;
  /** The Inspect view once VS Code resolved it, the object it shows, and whether its page listens. */
  private view: { view: vscode.WebviewView; entry?: OpenPanel; ready: boolean } | undefined;
  private viewWaiters: Array<() => void> = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly sessions: SessionHolder) {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => this.bind());
    this.viewRegistration = vscode.window.registerWebviewViewProvider(INSPECT_VIEW, this, { webviewOptions: { retainContextWhenHidden: true } });
  }

  /** VS Code asks for the view's page the first time the view is shown (and again if it was closed). */
  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = this.webviewOptions();
    const holder: NonNullable<InspectPanels['view']> = { view, ready: false };
    this.view = holder;
    view.webview.onDidReceiveMessage((message: PageToHost) => {
      // The page may say it listens before it is given its first object.
      if (message.type === 'ready') holder.ready = true;
      if (holder.entry) this.receiveFrom(holder.entry, message);
    });
    view.onDidDispose(() => {
      if (this.view === holder) this.view = undefined;
      const entry = holder.entry;
      if (entry && this.open.get(keyOf(entry)) === entry) this.open.delete(keyOf(entry));
    });
    view.webview.html = this.html(view.webview);
    for (const resolve of this.viewWaiters.splice(0)) resolve();
  }

  /**
   * Shows an object: in its kept editor panel if it has one, else in the Inspect view (the next
   * object replaces the last, as in a preview editor). Resolves once its data was posted.
   */
  async show(kind: InspectKind, id: string, title: string): Promise<Surface> {
    const key = `${kind}:${id}`;
    const existing = this.open.get(key);
    if (existing?.panel) {
      existing.panel.reveal();
      return existing.surface;
    }
    if (existing && existing === this.view?.entry) {
      this.view.view.show(true);
      return existing.surface;
    }
    const holder = await this.revealView();
    const entry = holder.entry ?? { surface: holder.view, kind, id, title, ready: holder.ready, revealed: false };
    if (holder.entry && this.open.get(keyOf(entry)) === entry) this.open.delete(keyOf(entry));
    // A new object starts masked, whatever the previous one showed.
    Object.assign(entry, { kind, id, title, revealed: false, inspected: undefined, given: undefined, last: undefined });
    holder.entry = entry;
    this.open.set(key, entry);
    holder.view.description = `${kind} ${title}`;
    await this.load(entry);
    return entry.surface;
  }

  /**
   * Keeps the object the Inspect view shows in an editor panel of its own (the view goes on to the
   * next object); the panel starts a webview of its own, as any new editor panel does.
   */
  keepActive(): boolean {
    const shown = this.view?.entry;
    if (!shown) return false;
    const panel = vscode.window.createWebviewPanel('wharf.inspect', vscode.l10n.t('Inspect {0}', shown.title), vscode.ViewColumn.Active, { enableScripts: true, ...this.webviewOptions() });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'wharf.svg');
    const entry: OpenPanel = { surface: panel, panel, kind: shown.kind, id: shown.id, title: shown.title, ready: false, revealed: false, inspected: shown.inspected };
    // The view no longer answers for this object: it shows the next one asked for.
    if (this.open.get(keyOf(shown)) === shown) this.open.delete(keyOf(shown));
    this.open.set(keyOf(entry), entry);
    panel.onDidDispose(() => { if (this.open.get(keyOf(entry)) === entry) this.open.delete(keyOf(entry)); });
    panel.webview.onDidReceiveMessage((message: PageToHost) => this.receiveFrom(entry, message));
    panel.webview.html = this.html(panel.webview);
    void this.load(entry);
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
    this.viewRegistration.dispose();
    for (const entry of [...this.open.values()]) entry.panel?.dispose();
    for (const resolve of this.viewWaiters.splice(0)) resolve();
  }

  /** The Inspect view, shown (resolved first if it never was): focus stays where it is. */
  private async revealView(): Promise<NonNullable<InspectPanels['view']>> {
    if (this.view) {
      this.view.view.show(true);
      return this.view;
    }
    const resolved = new Promise<void>((resolve) => this.viewWaiters.push(resolve));
    await vscode.commands.executeCommand(`${INSPECT_VIEW}.focus`, { preserveFocus: true });
    await resolved;
    if (!this.view) throw new Error('the Inspect view could not be shown');
    return this.view;
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private receiveFrom(entry: OpenPanel, message: PageToHost): void {
    this.onMessage(entry, message).catch((err: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Wharf: {0}', err instanceof Error ? err.message : String(err))));
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
    if (entry.ready) void entry.surface.webview.postMessage(message);
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
    for (const entry of new Set([...this.open.values(), ...(this.view?.entry ? [this.view.entry] : [])])) {
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

const keyOf = (entry: OpenPanel): string => `${entry.kind}:${entry.id}`;

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
