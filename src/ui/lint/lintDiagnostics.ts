// Lint diagnostics for Dockerfile-like documents: linted on open, on change (debounced per
// document, stale runs dropped) or only on save, cleared on close. src/lint/pipeline.ts does the
// linting (the .hadolint.yaml hadolint would find, workspace folder first, with the wharf.lint.*
// settings on top; the .dockerignore of the build; ShellCheck); this file feeds it documents,
// answers its file reads from open documents first, keeps each document's incremental state, and
// turns findings into diagnostics. Config and ignore files are watched (and followed while open
// and edited) so Dockerfiles are re-linted when they change.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configCandidates, mergeConfig, type ResolvedConfig } from '../../lint/config';
import { LintState } from '../../lint/lint';
import { CachedFiles, lintDockerfile, type LintFiles, type LintResult } from '../../lint/pipeline';
import type { Finding } from '../../lint/rule';
import { findShellcheck } from '../../lint/shellcheck';
import { MAX_DOCKERFILE_BYTES, readWorkspaceFile, UnreadableFileError } from '../../workspace/readFile';
import type { BuildContexts } from '../../workspace/buildContext';
import type { Config } from '../config';
import type { Coexistence } from './coexistence';
import { diagnosticLevel, diagnosticSource, diagnosticTags, isDockerfileName, isIgnoreFileName, ruleDocLink } from './findingShape';

/** Typing pauses shorter than this do not lint. */
export const DEBOUNCE_MS = 150;
/**
 * Above this many characters a document is not linted automatically: lint is synchronous on the
 * extension host and a file this size (≈5,000 lines, far beyond real Dockerfiles) already takes
 * hundreds of milliseconds. The Lint Dockerfile command still lints it on request.
 */
export const MAX_AUTO_LINT_CHARS = 256 * 1024;
/** The code of the one diagnostic a too-large document gets instead of findings. */
export const TOO_LARGE_CODE = 'WharfNotLinted';

// Schemes of documents a user edits; git's original-version documents and the like are not linted.
const LINTED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata']);

export interface LintEntry { finding: Finding; diagnostic: vscode.Diagnostic }

interface DocumentState {
  /** Bumped by every lint start; a run that finishes under an older generation is dropped. */
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Document version the entries were computed for (undefined: read from disk). */
  version?: number;
  entries: LintEntry[];
  /** What the previous lint of this document left for the next (src/lint/lint.ts). */
  lintState: LintState;
  /** The configuration the entries were computed with. */
  config?: ResolvedConfig;
}

/** Whether the workspace is trusted and when it becomes so: `vscode.workspace` itself, or a test's. */
export interface WorkspaceTrust {
  readonly isTrusted: boolean;
  readonly onDidGrantWorkspaceTrust: vscode.Event<void>;
}

export class LintDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('wharf-lint');
  private readonly states = new Map<string, DocumentState>();
  /** Files linted from disk by a command: kept in Problems after their editor closes. */
  private readonly fromDisk = new Set<string>();
  /** Config file (URI) → the problems shown on it, as last reported. */
  private readonly configProblems = new Map<string, string>();
  /** Files on disk read once until a watcher says they changed; open documents are read live. */
  private readonly diskFiles = new CachedFiles();
  private readonly files: LintFiles = { read: (file, maxBytes) => this.readForLint(file, maxBytes) };
  private readonly bundledDocs: Set<string>;
  private shellcheckPath: string | undefined | null = null;
  private inflight = 0;
  private readonly idleEmitter = new vscode.EventEmitter<void>();
  private readonly didLint = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after diagnostics for a document or file were replaced. */
  readonly onDidLint = this.didLint.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly config: Config,
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly trust: WorkspaceTrust = vscode.workspace,
    /** The rules left to other Docker extensions (coexistence.ts). */
    private readonly others?: Pick<Coexistence, 'leftToOthers' | 'onDidChange'>,
    /** The build context chosen per Dockerfile: its .dockerignore is the one CopyIgnoredFile reads. */
    private readonly contexts?: Pick<BuildContexts, 'contextFor' | 'onDidChange'>,
  ) {
    this.bundledDocs = readBundledDocs(path.join(extensionPath, 'docs', 'rules'));
    if (others) this.disposables.push(others.onDidChange(() => this.relintAll()));
    if (contexts) this.disposables.push(new vscode.Disposable(contexts.onDidChange(() => this.relintAll()).dispose));
    this.disposables.push(
      this.collection, this.idleEmitter, this.didLint,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        // An open .hadolint.yaml or .dockerignore is read as it stands, saved or not.
        if (isLintInput(event.document)) { this.relintAll(DEBOUNCE_MS); return; }
        if (this.config.lintRun(event.document.uri) === 'onType') this.schedule(event.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => { if (isLintInput(doc)) this.relintAll(0); }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.config.lintRun(doc.uri) === 'onSave') this.schedule(doc, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      this.config.onDidChange((keys) => {
        if (!keys.some((k) => k.startsWith('lint.'))) return;
        if (keys.includes('lint.shellcheck.enable')) this.shellcheckPath = null;
        this.relintAll();
      }),
      this.trust.onDidGrantWorkspaceTrust(() => { this.shellcheckPath = null; this.relintAll(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.relintAll()),
      ...this.watchConfigFiles(),
      ...this.watch('**/{.dockerignore,*.dockerignore}', () => { this.diskFiles.clear(); this.relintAll(); }),
    );
    // A deleted Dockerfile (or its folder) that was linted from disk leaves no stale problems.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(deletions, deletions.onDidDelete((gone) => {
      const prefix = gone.toString();
      for (const key of [...this.fromDisk]) if (key === prefix || key.startsWith(prefix + '/')) this.forget(vscode.Uri.parse(key));
    }));
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** Is this a document Wharf lints (by language or by name), regardless of settings? */
  isDockerfile(doc: vscode.TextDocument): boolean {
    if (!LINTED_SCHEMES.has(doc.uri.scheme)) return false;
    const name = path.posix.basename(doc.uri.path);
    // `Dockerfile.*` gives Dockerfile.dockerignore the dockerfile language; it is an ignore file.
    if (isIgnoreFileName(name)) return false;
    return doc.languageId === 'dockerfile' || isDockerfileName(name);
  }

  /** The findings behind the current diagnostics, when they match the document's version. */
  entriesFor(doc: vscode.TextDocument): LintEntry[] | undefined {
    const state = this.states.get(doc.uri.toString());
    return state && state.version === doc.version ? state.entries : undefined;
  }

  /** The configuration the document's diagnostics were computed with (.hadolint.yaml and settings). */
  configFor(doc: vscode.TextDocument): ResolvedConfig {
    return this.states.get(doc.uri.toString())?.config ?? mergeConfig();
  }

  /** Resolves when no lint is waiting for its debounce or running. */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.idleEmitter.event(() => { sub.dispose(); resolve(); });
    });
  }

  /** Lints now (no debounce, no size limit, enabled or not): the Lint Dockerfile command. */
  async lintNow(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.cancelTimer(open.uri.toString());
      return this.run(open.uri, open.getText(), open.version, false);
    }
    let text: string;
    try {
      text = await readDockerfile(uri);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      // Said on the file itself, in Problems: a FIFO or a link to a device is never read.
      this.fromDisk.add(uri.toString());
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('Not linted: {0}', error.detail), vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'wharf';
      diagnostic.code = TOO_LARGE_CODE;
      const state = this.state(uri.toString());
      state.generation++;
      return this.publish(uri, state, undefined, [{ finding: notLintedFinding(diagnostic.message, 'error'), diagnostic }]);
    }
    this.fromDisk.add(uri.toString());
    return this.run(uri, text, undefined, false);
  }

  /** Re-lints every open Dockerfile and every file linted from disk (settings or config changed). */
  relintAll(delayMs = 0): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, delayMs);
    for (const key of [...this.fromDisk]) {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
      const uri = vscode.Uri.parse(key);
      if (!this.config.lintEnabled(uri)) { this.forget(uri); continue; }
      void this.track(this.lintNow(uri).catch(() => this.forget(uri)));
    }
  }

  dispose(): void {
    for (const state of this.states.values()) clearTimeout(state.timer);
    this.states.clear();
    for (const d of this.disposables) d.dispose();
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.isDockerfile(doc)) return;
    const key = doc.uri.toString();
    if (!this.config.lintEnabled(doc.uri)) {
      this.cancelTimer(key);
      this.states.delete(key);
      this.fromDisk.delete(key);
      this.collection.delete(doc.uri);
      this.checkIdle();
      return;
    }
    const state = this.state(key);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      // The document may have closed while the timer ran.
      if (!doc.isClosed) void this.track(this.run(doc.uri, doc.getText(), doc.version, true));
      this.checkIdle();
    }, delayMs);
  }

  private async run(uri: vscode.Uri, text: string, version: number | undefined, automatic: boolean): Promise<vscode.Diagnostic[]> {
    const key = uri.toString();
    const state = this.state(key);
    const generation = ++state.generation;
    if (automatic && text.length > MAX_AUTO_LINT_CHARS) {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        vscode.l10n.t('Not linted as you type: the file is larger than {0} KB. Run "Lint Dockerfile" to lint it once.', MAX_AUTO_LINT_CHARS / 1024),
        vscode.DiagnosticSeverity.Information);
      diagnostic.source = 'wharf';
      diagnostic.code = TOO_LARGE_CODE;
      return this.publish(uri, state, version, [{ finding: notLintedFinding(diagnostic.message, 'info'), diagnostic }]);
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const started = Date.now();
    const result = await lintDockerfile({
      text,
      file: uri.scheme === 'file' ? uri.fsPath : undefined,
      contextDir: uri.scheme === 'file' ? this.contexts?.contextFor(uri.fsPath) : undefined,
      folder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    }, {
      files: this.files,
      overrides: {
        severity: this.config.lintSeverity(uri),
        ignored: [...this.config.lintIgnoredRules(uri), ...this.others?.leftToOthers() ?? []],
        trustedRegistries: this.config.lintTrustedRegistries(uri),
      },
      ruleSet: this.config.lintRuleSet(uri),
      shellcheck: this.shellcheck(uri) ?? false,
      // Files linted from disk (Lint Workspace) are linted once: no parse kept for each of them.
      state: version === undefined ? undefined : state.lintState,
    });
    this.log.debug(`lint ${vscode.workspace.asRelativePath(uri)}: ${Date.now() - started} ms`);
    this.showConfigProblems(result);
    for (const warning of result.warnings) if (warning.kind !== 'config') this.log.warn(`lint ${vscode.workspace.asRelativePath(uri)}: ${warning.message}`);
    // A newer run started meanwhile (the user kept typing): its result will replace this one.
    if (generation !== state.generation || !this.states.has(key)) return state.entries.map((e) => e.diagnostic);
    state.config = result.config;
    return this.publish(uri, state, version, result.findings.map((finding) => ({ finding, diagnostic: this.toDiagnostic(finding) })));
  }

  private publish(uri: vscode.Uri, state: DocumentState, version: number | undefined, entries: LintEntry[]): vscode.Diagnostic[] {
    state.entries = entries;
    state.version = version;
    const diagnostics = entries.map((e) => e.diagnostic);
    this.collection.set(uri, diagnostics);
    this.didLint.fire(uri);
    return diagnostics;
  }

  private toDiagnostic(finding: Finding): vscode.Diagnostic {
    const { start, end } = finding.range;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), finding.message, vscode.DiagnosticSeverity[diagnosticLevel(finding.severity)]);
    diagnostic.source = diagnosticSource(finding.source);
    const link = ruleDocLink(finding.code, (code) => this.bundledDocs.has(code));
    if (link.kind === 'bundled') diagnostic.code = { value: finding.code, target: ruleDocCommandUri(link.code) };
    else if (link.kind === 'web') diagnostic.code = { value: finding.code, target: vscode.Uri.parse(link.url) };
    else diagnostic.code = finding.code;
    const tags = diagnosticTags(finding.code);
    if (tags.length > 0) diagnostic.tags = tags.map((t) => vscode.DiagnosticTag[t]);
    if (finding.alsoCodes?.length) {
      // One problem that hadolint and BuildKit both report: the code (and its link) is the
      // hadolint rule's, the message names the BuildKit check, and a related entry opens its page.
      diagnostic.message = vscode.l10n.t('{0} (also {1})', finding.message, finding.alsoCodes.join(', '));
      diagnostic.relatedInformation = finding.alsoCodes.map((code) => new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(path.join(this.extensionPath, 'docs', 'rules', `${code}.md`)), new vscode.Position(0, 0)),
        vscode.l10n.t('{0} reports the same problem: its page', code)));
    }
    return diagnostic;
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.states.has(key)) return;
    this.cancelTimer(key);
    if (this.fromDisk.has(key) && doc.uri.scheme === 'file') {
      // Linted by a workspace command: stays in Problems, now from the saved file.
      void this.track(this.lintNow(doc.uri).catch(() => this.forget(doc.uri)));
      return;
    }
    this.states.delete(key);
    this.collection.delete(doc.uri);
    this.checkIdle();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.states.has(key) && !this.fromDisk.has(key)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    this.cancelTimer(key);
    this.states.delete(key);
    this.fromDisk.delete(key);
    this.collection.delete(uri);
  }

  private state(key: string): DocumentState {
    let state = this.states.get(key);
    if (!state) { state = { generation: 0, entries: [], lintState: new LintState() }; this.states.set(key, state); }
    return state;
  }

  private cancelTimer(key: string): void {
    const state = this.states.get(key);
    if (state?.timer) { clearTimeout(state.timer); state.timer = undefined; }
  }

  private async track<T>(work: Promise<T>): Promise<T | undefined> {
    this.inflight++;
    try {
      return await work;
    } catch (error) {
      this.log.error(`lint: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.inflight--;
      this.checkIdle();
    }
  }

  private busy(): boolean {
    if (this.inflight > 0) return true;
    for (const state of this.states.values()) if (state.timer) return true;
    return false;
  }

  private checkIdle(): void {
    if (!this.busy()) this.idleEmitter.fire();
  }

  private shellcheck(uri: vscode.Uri): string | undefined {
    if (!this.config.lintShellcheckEnabled(uri, this.trust.isTrusted)) return undefined;
    if (this.shellcheckPath === null) {
      this.shellcheckPath = findShellcheck();
      this.log.info(this.shellcheckPath ? `lint: ShellCheck found at ${this.shellcheckPath}` : 'lint: no shellcheck on PATH, RUN scripts are not checked by ShellCheck');
    }
    return this.shellcheckPath;
  }

  /** The pipeline's reads: an open document as it stands, else the file on disk (cached). */
  private readForLint(file: string, maxBytes: number): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    return open ? Promise.resolve(open.getText()) : this.diskFiles.read(file, maxBytes);
  }

  /** The problems of the configuration file a lint used, on that file; cleared once it is fixed. */
  private showConfigProblems(result: LintResult): void {
    if (!result.configFile) return;
    const key = vscode.Uri.file(result.configFile).toString();
    const said = result.configProblems.join('\n');
    if ((this.configProblems.get(key) ?? '') === said) return;
    this.reportConfigProblems(result.configFile, result.configProblems);
  }

  /** A broken .hadolint.yaml shows its problems on the file itself; lint goes on without it. */
  private reportConfigProblems(file: string, problems: readonly string[]): void {
    const uri = vscode.Uri.file(file);
    if (problems.length === 0) { this.collection.delete(uri); this.configProblems.delete(uri.toString()); return; }
    for (const problem of problems) this.log.warn(`${file}: ${problem}`);
    this.configProblems.set(uri.toString(), problems.join('\n'));
    this.collection.set(uri, problems.map((problem) => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('Wharf lint configuration: {0}', problem), vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'wharf';
      return diagnostic;
    }));
  }

  private watchConfigFiles(): vscode.Disposable[] {
    const reload = () => {
      this.diskFiles.clear();
      for (const key of this.configProblems.keys()) this.collection.delete(vscode.Uri.parse(key));
      this.configProblems.clear();
      this.relintAll();
    };
    // The user's locations live outside the workspace: one non-recursive watcher per candidate.
    const userFiles = configCandidates({ cwd: '', env: process.env, home: homedir() }).slice(2);
    return [
      ...this.watch('**/.hadolint.{yaml,yml}', reload),
      ...userFiles.flatMap((file) => this.watch(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)), reload)),
    ];
  }

  private watch(pattern: vscode.GlobPattern, onChange: () => void): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    return [watcher, watcher.onDidCreate(onChange), watcher.onDidChange(onChange), watcher.onDidDelete(onChange)];
  }
}

/**
 * A Dockerfile's text from disk: on the local file system only a regular file up to
 * MAX_DOCKERFILE_BYTES (UnreadableFileError otherwise); elsewhere the same checks through
 * VS Code's file system.
 */
async function readDockerfile(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'file') return readWorkspaceFile(uri.fsPath, MAX_DOCKERFILE_BYTES);
  const info = await vscode.workspace.fs.stat(uri);
  if ((info.type & vscode.FileType.File) === 0) throw new UnreadableFileError(uri.toString(), 'not-a-file', 'not a regular file');
  if (info.size > MAX_DOCKERFILE_BYTES) throw new UnreadableFileError(uri.toString(), 'too-large', `larger than ${MAX_DOCKERFILE_BYTES / (1024 * 1024)} MiB`);
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** The command link a diagnostic's code opens: the rule's page from docs/rules, rendered. */
export function ruleDocCommandUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:wharf.lint.showRuleDocs?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** A .hadolint.yaml or an ignore file: what the linter reads beside the Dockerfile. */
function isLintInput(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file') return false;
  const name = path.basename(doc.uri.fsPath);
  return /^\.hadolint\.ya?ml$/.test(name) || /(?:^|\.)dockerignore$/.test(name)
    || configCandidates({ cwd: '', env: process.env, home: homedir() }).slice(2).includes(doc.uri.fsPath);
}

function readBundledDocs(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));
  } catch {
    return new Set();
  }
}

function notLintedFinding(message: string, severity: Finding['severity']): Finding {
  return { code: TOO_LARGE_CODE, severity, source: 'builder', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] };
}
