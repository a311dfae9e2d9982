// The Stats panel: live CPU, memory, network and block I/O of one container or of a Compose
// project's running containers (summed, with each container's figures), and for a container its
// processes. Streams are open only while the panel is visible: hidden, it asks the engine nothing
// (its page keeps what it drew); shown again, the streams reopen. Processes are read when the
// panel opens, on Refresh, and every few seconds while it is visible. A signal is offered only
// when the image has `kill` (and `ls`, to find the process's PID in the container), checked once
// per panel by stat through the archive API.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { composeProject } from '../../docker/composeModel';
import { containerTop, streamContainerStats, type ProcessList, type StatsSummary, type StreamHandle } from '../../docker/containers';
import { findSignalTools, PROCESS_SIGNALS, signalProcess, type ProcessSignal, type SignalTools } from '../../docker/processes';
import type { HostToPage, PageToHost, StatsFigures, StatsStrings } from '../../webview/stats/protocol';
import { reportError, requireDocker, type WharfContext } from '../context';

/** How often the processes are read again while the panel is visible. */
const PROCESS_REFRESH_MS = 5000;
/** How often the page is given the latest figures (the engine samples once a second). */
const POST_MS = 1000;

export type StatsTarget = { kind: 'container'; id: string; name: string } | { kind: 'project'; project: string };

const keyOf = (target: StatsTarget): string => (target.kind === 'container' ? `container:${target.id}` : `project:${target.project}`);

class StatsPanel implements vscode.Disposable {
  private readonly streams = new Map<string, StreamHandle>();
  private readonly latest = new Map<string, { name: string; sample: StatsSummary }>();
  private readonly disposables: vscode.Disposable[] = [];
  private postTimer: ReturnType<typeof setInterval> | undefined;
  private processTimer: ReturnType<typeof setInterval> | undefined;
  private ready = false;
  private storeSubscription: vscode.Disposable | undefined;
  private tools: Promise<SignalTools | undefined> | undefined;
  private processes: ProcessList | undefined;
  /** Every message posted, for tests. */
  readonly posted: HostToPage[] = [];
  readonly onDidDispose: vscode.Event<void>;

  constructor(private readonly ctx: WharfContext, readonly panel: vscode.WebviewPanel, readonly target: StatsTarget) {
    this.onDidDispose = panel.onDidDispose as unknown as vscode.Event<void>;
    panel.webview.html = html(panel.webview, ctx.extension.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: PageToHost) => void this.receive(message)),
      panel.onDidChangeViewState(() => this.sync()),
    );
    this.bindStore();
    // Another engine: the streams of the last one close, and its store is no longer the one to follow.
    this.disposables.push(ctx.sessions.onDidChange(() => {
      for (const handle of this.streams.values()) handle.dispose();
      this.streams.clear();
      this.latest.clear();
      this.tools = undefined;
      this.bindStore();
      this.sync();
    }), { dispose: () => this.storeSubscription?.dispose() });
    panel.onDidDispose(() => this.dispose());
  }

  private bindStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.ctx.sessions.current.store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'container' || c.kind === 'connection')) this.sync(); });
  }

  /** The containers whose stats are wanted now: running ones of the target. */
  private running(): Array<{ id: string; name: string }> {
    const store = this.ctx.sessions.current.store;
    if (this.target.kind === 'container') {
      const c = store.container(this.target.id);
      return c && c.state === 'running' ? [{ id: c.id, name: c.name }] : [];
    }
    const project = composeProject(store.containers(), this.target.project);
    return (project?.services.flatMap((s) => s.containers) ?? []).filter((c) => c.state === 'running').map((c) => ({ id: c.id, name: c.name }));
  }

  /** Opens the streams of what runs while the panel is visible; closes them otherwise. */
  private sync(): void {
    const wanted = this.panel.visible && this.ready ? this.running() : [];
    const ids = new Set(wanted.map((c) => c.id));
    for (const [id, handle] of this.streams) {
      if (!ids.has(id)) { handle.dispose(); this.streams.delete(id); this.latest.delete(id); }
    }
    for (const c of wanted) if (!this.streams.has(c.id)) void this.open(c);
    const live = this.panel.visible && this.ready;
    if (live && !this.postTimer) this.postTimer = setInterval(() => this.postSample(), POST_MS);
    if (!live && this.postTimer) { clearInterval(this.postTimer); this.postTimer = undefined; }
    const wantsProcesses = live && this.target.kind === 'container' && wanted.length > 0;
    if (wantsProcesses && !this.processTimer) {
      void this.readProcesses();
      this.processTimer = setInterval(() => void this.readProcesses(), PROCESS_REFRESH_MS);
    }
    if (!wantsProcesses && this.processTimer) { clearInterval(this.processTimer); this.processTimer = undefined; }
    if (this.ready && wanted.length === 0) this.post({ type: 'idle', message: this.target.kind === 'container' ? vscode.l10n.t('The container is not running.') : vscode.l10n.t('No container of the project is running.') });
  }

  private async open(c: { id: string; name: string }): Promise<void> {
    const placeholder: StreamHandle = { done: Promise.resolve(), pause: () => undefined, resume: () => undefined, dispose: () => undefined };
    this.streams.set(c.id, placeholder);
    try {
      const handle = await streamContainerStats(requireDocker(this.ctx), c.id, (sample) => this.latest.set(c.id, { name: c.name, sample }));
      if (this.streams.get(c.id) !== placeholder) { handle.dispose(); return; }
      this.streams.set(c.id, handle);
      void handle.done.then(() => { if (this.streams.get(c.id) === handle) { this.streams.delete(c.id); this.latest.delete(c.id); } });
    } catch (err) {
      if (this.streams.get(c.id) === placeholder) this.streams.delete(c.id);
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private postSample(): void {
    if (this.latest.size === 0) return;
    const containers = [...this.latest.values()].map(({ name, sample }) => ({ name, ...figuresOf(sample) })).sort((a, b) => a.name.localeCompare(b.name));
    const total = containers.reduce<StatsFigures>((sum, c) => ({
      cpuPercent: sum.cpuPercent + c.cpuPercent, memoryUsage: sum.memoryUsage + c.memoryUsage,
      // Each container's limit is the host's memory unless set: the sum of limits would overstate it.
      memoryLimit: this.target.kind === 'container' ? c.memoryLimit : Math.max(sum.memoryLimit, c.memoryLimit),
      networkRx: sum.networkRx + c.networkRx, networkTx: sum.networkTx + c.networkTx,
      blockRead: sum.blockRead + c.blockRead, blockWrite: sum.blockWrite + c.blockWrite, pids: sum.pids + c.pids,
    }), { cpuPercent: 0, memoryUsage: 0, memoryLimit: 0, networkRx: 0, networkTx: 0, blockRead: 0, blockWrite: 0, pids: 0 });
    this.post({ type: 'sample', at: Date.now(), total, containers });
  }

  async readProcesses(): Promise<void> {
    if (this.target.kind !== 'container') return;
    const id = this.target.id;
    try {
      const docker = requireDocker(this.ctx);
      this.tools ??= findSignalTools(docker, id).catch(() => undefined);
      const [list, tools] = await Promise.all([containerTop(docker, id), this.tools]);
      this.processes = list;
      this.post({ type: 'processes', titles: list.titles, rows: list.processes, canSignal: tools !== undefined, at: Date.now() });
    } catch (err) {
      // A container that stopped meanwhile: the store's event ends the refresh; nothing to report.
      if (this.running().length > 0) this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Asks which signal, then sends it to the process the page named (by its host PID). */
  async signal(hostPid: number, chosen?: ProcessSignal): Promise<number | undefined> {
    if (this.target.kind !== 'container' || !this.processes) return undefined;
    const tools = await this.tools;
    if (!tools) return undefined;
    const signal = chosen ?? (await this.ctx.prompts.pick(PROCESS_SIGNALS.map((s) => ({ label: `SIG${s}`, signal: s })), { placeHolder: vscode.l10n.t('Send which signal to process {0}?', String(hostPid)) }))?.signal;
    if (!signal) return undefined;
    try {
      const pid = await signalProcess(requireDocker(this.ctx), this.target.id, tools, this.processes, hostPid, signal);
      await this.readProcesses();
      return pid;
    } catch (err) {
      reportError(this.ctx, `send SIG${signal} to process ${hostPid}`, err);
      return undefined;
    }
  }

  private async receive(message: PageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', kind: this.target.kind, title: this.target.kind === 'container' ? vscode.l10n.t('Container {0}', this.target.name) : vscode.l10n.t('Compose project {0}', this.target.project) });
        this.sync();
        break;
      case 'refreshProcesses':
        await this.readProcesses();
        break;
      case 'signal':
        await this.signal(message.pid);
        break;
    }
  }

  private post(message: HostToPage): void {
    this.posted.push(message);
    if (this.posted.length > 500) this.posted.splice(0, 250);
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** For tests: the number of stats streams open now. */
  get openStreams(): number {
    return this.streams.size;
  }

  dispose(): void {
    this.ready = false;
    for (const handle of this.streams.values()) handle.dispose();
    this.streams.clear();
    if (this.postTimer) clearInterval(this.postTimer);
    if (this.processTimer) clearInterval(this.processTimer);
    this.postTimer = this.processTimer = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function figuresOf(s: StatsSummary): StatsFigures {
  return { cpuPercent: s.cpuPercent, memoryUsage: s.memoryUsage, memoryLimit: s.memoryLimit, networkRx: s.networkRx, networkTx: s.networkTx, blockRead: s.blockRead, blockWrite: s.blockWrite, pids: s.pids };
}

/** One Stats panel per container or project; asking again reveals it. */
export class StatsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, StatsPanel>();

  constructor(private readonly ctx: WharfContext) {}

  show(target: StatsTarget): StatsPanel {
    const key = keyOf(target);
    const existing = this.panels.get(key);
    if (existing) { existing.panel.reveal(); return existing; }
    const title = target.kind === 'container' ? vscode.l10n.t('Stats: {0}', target.name) : vscode.l10n.t('Stats: {0}', target.project);
    const panel = vscode.window.createWebviewPanel('wharf.stats', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      // Hidden, the page keeps its charts; the streams close regardless (StatsPanel.sync).
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'dist'), vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'wharf.svg');
    const stats = new StatsPanel(this.ctx, panel, target);
    this.panels.set(key, stats);
    panel.onDidDispose(() => { if (this.panels.get(key) === stats) this.panels.delete(key); });
    return stats;
  }

  /** For tests: the panel of a target, if open. */
  get(target: StatsTarget): StatsPanel | undefined {
    return this.panels.get(keyOf(target));
  }

  dispose(): void {
    for (const stats of [...this.panels.values()]) stats.panel.dispose();
  }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'stats.js'));
  const chartCss = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'stats.css'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'stats.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join('; ');
  // Static markup only: every engine value is put in the page by its script, as text.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${chartCss.toString()}" nonce="${nonce}">
<link rel="stylesheet" href="${css.toString()}" nonce="${nonce}">
<title>Stats</title>
</head>
<body data-strings="${escapeAttribute(JSON.stringify(pageStrings()))}">
<h1 id="title"></h1>
<div id="status" role="status"></div>
<main>
<div id="charts"></div>
<section id="containers"></section>
<section id="processes" hidden></section>
</main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function pageStrings(): StatsStrings {
  return {
    cpu: vscode.l10n.t('CPU'),
    memory: vscode.l10n.t('Memory'),
    network: vscode.l10n.t('Network'),
    blockIo: vscode.l10n.t('Block I/O'),
    received: vscode.l10n.t('received'),
    sent: vscode.l10n.t('sent'),
    read: vscode.l10n.t('read'),
    written: vscode.l10n.t('written'),
    used: vscode.l10n.t('used'),
    limit: vscode.l10n.t('limit'),
    processes: vscode.l10n.t('Processes'),
    refresh: vscode.l10n.t('Refresh'),
    signal: vscode.l10n.t('Signal…'),
    signalTo: vscode.l10n.t('Send a signal to process {0}'),
    noSignal: vscode.l10n.t('The image has no kill (or no ls): Wharf cannot send a signal to one of these processes.'),
    containers: vscode.l10n.t('Containers'),
    name: vscode.l10n.t('Name'),
    pids: vscode.l10n.t('PIDs'),
    updated: vscode.l10n.t('Updated {0}'),
    perSecond: vscode.l10n.t('{0}/s'),
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
