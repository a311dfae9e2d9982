// activate(): builds the pieces and wires them together; no logic of its own.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Wharf', { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('wharf.showLog', () => log.show()));
  log.info('Wharf activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
