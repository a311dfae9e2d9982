// activate(): builds the pieces and wires them together; no logic of its own. One context
// object, one list of registrations, everything disposed through context.subscriptions.
import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { ComposeEditing } from './ui/composeEditing';
import { ComposeWorkspace } from './ui/composeWorkspace';
import { Config } from './ui/config';
import type { WharfContext } from './ui/context';
import { createEditing, type Editing } from './ui/editing';
import { confirmEngineWhenLookedAt } from './ui/engineLiveness';
import { engineSessionFactory } from './ui/engineSession';
import { askHostKey } from './ui/hostKeyPrompt';
import { InspectPanels } from './ui/inspect/inspectPanels';
import { createInside, type Inside } from './ui/inside';
import { createLinting, type Linting } from './ui/lint';
import { maskedOutput } from './ui/maskedOutput';
import { Prompts } from './ui/prompts';
import { SessionHolder } from './ui/session';
import { createStatusBar } from './ui/statusBar';
import { createViews } from './ui/views';
import { WalkthroughProgress } from './ui/walkthrough';
import { BuildContexts } from './workspace/buildContext';

/**
 * What activate() returns outside production: the live pieces, for the host and e2e tests (which
 * load Wharf in development mode). An installed Wharf returns nothing: its API would hand any
 * other extension the test hooks (queued answers to Wharf's confirmations) and the engine client.
 */
export type WharfApi = WharfContext & { lint: Linting; editing: Editing; inside: Inside };

export function activate(context: vscode.ExtensionContext): WharfApi | undefined {
  const testing = context.extensionMode !== vscode.ExtensionMode.Production;
  const log = maskedOutput(vscode.window.createOutputChannel('Wharf', { log: true }));
  const config = new Config();
  const prompts = new Prompts(testing);
  const sessions = new SessionHolder(engineSessionFactory((line) => log.info(line), askHostKey(prompts)), () => ({ host: config.engineHost, context: config.engineContext }));
  const compose = new ComposeWorkspace();
  const views = createViews(sessions, config, compose);
  const inspect = new InspectPanels(context.extensionUri, sessions);
  const walkthrough = new WalkthroughProgress(sessions);
  const buildContexts = new BuildContexts(context.workspaceState);
  const ctx: WharfContext = { extension: context, config, sessions, log, prompts, views, inspect, walkthrough, buildContexts, compose };
  const lint = createLinting(ctx);
  const editing = createEditing(ctx);
  const composeEditing = new ComposeEditing();
  const inside = createInside(ctx);

  context.subscriptions.push(
    log, config, sessions, views, inspect, walkthrough, lint, editing, compose, composeEditing, inside,
    createStatusBar(sessions, config),
    confirmEngineWhenLookedAt(sessions, views),
    // Changed engine settings say which engine is wanted: the demo engine's turn is over.
    config.onDidChange((keys) => { if (keys.some((k) => k.startsWith('engine.'))) sessions.restart(null); }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => sessions.restart()),
    vscode.commands.registerCommand('wharf.showLog', () => log.show()),
    ...registerCommands(ctx),
  );
  log.info('Wharf activated');
  return testing ? { ...ctx, lint, editing, inside } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
