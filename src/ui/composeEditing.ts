// Compose files in the editor: diagnostics against the Compose Specification's schema (the
// checker and its schema load from their own chunk when the first compose file opens) and
// completion of service names where Compose expects one (depends_on, links, extends).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeFinding } from '../docker/composeCheck';
import { definedServices, serviceNameContext } from '../docker/composeCompletion';
import { composeFileKind } from '../docker/composeProject';

const SOURCE = 'Wharf Compose';

export function isComposeDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== 'output' && composeFileKind(path.basename(document.uri.path)) !== undefined;
}

export class ComposeEditing implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('wharf-compose');
  private readonly subscriptions: vscode.Disposable[] = [];
  private checker?: Promise<(text: string) => ComposeFinding[]>;
  /** Per document: the version last checked, so a slower check never overwrites a newer one. */
  private readonly checking = new Map<string, number>();

  constructor() {
    this.subscriptions.push(this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.diagnostics.delete(d.uri); this.checking.delete(d.uri.toString()); }),
      vscode.languages.registerCompletionItemProvider([{ scheme: 'file', pattern: '**/*compose*.{yaml,yml}' }, { scheme: 'untitled' }], {
        provideCompletionItems: (document, position) => this.complete(document, position),
      }, ' ', '-', '[', ','));
    for (const document of vscode.workspace.textDocuments) void this.check(document);
  }

  /** Checks `document` now; resolves with its diagnostics (tests await it). */
  async check(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    if (!isComposeDocument(document)) return [];
    const key = document.uri.toString();
    const version = document.version;
    this.checking.set(key, version);
    const check = await (this.checker ??= import('../docker/composeSchema').then((m) => m.checkCompose));
    if (this.checking.get(key) !== version || document.isClosed) return this.diagnostics.get(document.uri) ?? [];
    const diagnostics = check(document.getText()).map((f) => {
      const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.message,
        f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      return d;
    });
    this.diagnostics.set(document.uri, diagnostics);
    return diagnostics;
  }

  private complete(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!isComposeDocument(document)) return undefined;
    const text = document.getText();
    const context = serviceNameContext(text, document.offsetAt(position));
    if (!context) return undefined;
    return definedServices(text).filter((s) => s !== context.service).map((name) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Module);
      item.detail = vscode.l10n.t('Compose service');
      return item;
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
