// activate(): builds the pieces and wires them together; no logic of its own. One context
// object, one list of registrations, everything disposed through context.subscriptions.
import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { ComposeEditing } from './ui/composeEditing';
import { ComposeWorkspace } from './ui/composeWorkspace';
import { Config } from './ui/config';
import { DockerContextsView } from './ui/contextsView';
import { engineChoices } from './docker/engineList';
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
import { createRegistries } from './ui/registries';
import { EngineSet } from './ui/session';
import { createStatusBar } from './ui/statusBar';
import { SwarmSession } from './ui/swarmSession';
import { createSwarmView } from './ui/swarmView';
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
  const engines = new EngineSet(engineSessionFactory((line) => log.info(line), askHostKey(prompts)), () => ({ host: config.engineHost, context: config.engineContext }), () => engineChoices(config.engines));
  const sessions = engines.sessions;
  const compose = new ComposeWorkspace();
  const views = createViews(engines, config, compose);
  const contexts = new DockerContextsView(config, engines);
  const inspect = new InspectPanels(context.extensionUri, sessions);
  const walkthrough = new WalkthroughProgress(sessions);
  const buildContexts = new BuildContexts(context.workspaceState);
  const registries = createRegistries(context.globalState, sessions);
  const swarm = new SwarmSession(sessions, (line) => log.info(line));
  const swarmView = createSwarmView(swarm);
  const ctx: WharfContext = { extension: context, config, engines, sessions, contexts, log, prompts, views, inspect, walkthrough, buildContexts, compose, registries, swarm, swarmView };
  const lint = createLinting(ctx);
  const editing = createEditing(ctx);
  const composeEditing = new ComposeEditing();
  const inside = createInside(ctx);

  context.subscriptions.push(
    log, config, views, engines, contexts, vscode.window.createTreeView('wharf.contexts', { treeDataProvider: contexts }), inspect, walkthrough, lint, editing, compose, composeEditing, registries, swarmView, swarm, inside,
    createStatusBar(engines, config),
    confirmEngineWhenLookedAt(sessions, views),
    // Changed engine settings say which engine is wanted: the demo engine's turn is over.
    config.onDidChange((keys) => {
      if (keys.includes('engines')) engines.reconfigure();
      // With several engines each names itself: engine.host / engine.context choose the single one only.
      if (keys.some((k) => k.startsWith('engine.')) && !engines.multiple) sessions.restart(null);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { engines.reconfigure(); for (const engine of engines.engines) engine.sessions.restart(); }),
    vscode.commands.registerCommand('wharf.showLog', () => log.show()),
    ...registerCommands(ctx),
  );
  log.info('Wharf activated');
  return testing ? { ...ctx, lint, editing, inside } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
