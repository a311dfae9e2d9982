// activate(): builds the pieces and wires them together; no logic of its own. One context
// object, one list of registrations, everything disposed through context.subscriptions.
import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { Config } from './ui/config';
import type { WharfContext } from './ui/context';
import { confirmEngineWhenLookedAt } from './ui/engineLiveness';
import { engineSessionFactory } from './ui/engineSession';
import { InspectPanels } from './ui/inspect/inspectPanels';
import { createLinting, type Linting } from './ui/lint';
import { Prompts } from './ui/prompts';
import { SessionHolder } from './ui/session';
import { createStatusBar } from './ui/statusBar';
import { createViews } from './ui/views';

/** What activate() returns: the live pieces, for the host tests (and nothing else). */
export type WharfApi = WharfContext & { lint: Linting };

export function activate(context: vscode.ExtensionContext): WharfApi {
  const log = vscode.window.createOutputChannel('Wharf', { log: true });
  const config = new Config();
  const sessions = new SessionHolder(engineSessionFactory((line) => log.info(line)), () => ({ host: config.engineHost, context: config.engineContext }));
  const views = createViews(sessions, config);
  const inspect = new InspectPanels(context.extensionUri, sessions);
  const ctx: WharfContext = { extension: context, config, sessions, log, prompts: new Prompts(), views, inspect };
  const lint = createLinting(ctx);

  context.subscriptions.push(
    log, config, sessions, views, inspect, lint,
    createStatusBar(sessions, config),
    confirmEngineWhenLookedAt(sessions, views),
    config.onDidChange((keys) => { if (keys.some((k) => k.startsWith('engine.'))) sessions.restart(); }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => sessions.restart()),
    vscode.commands.registerCommand('wharf.showLog', () => log.show()),
    ...registerCommands(ctx),
  );
  log.info('Wharf activated');
  return { ...ctx, lint };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
