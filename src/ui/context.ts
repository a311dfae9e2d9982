// The one object activate() builds and every command factory receives (rust-analyzer's Ctx):
// settings, the engine session, the log, the question asker, the trees to reveal in and the
// walkthrough's progress.
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { toWharfError } from '../docker/errors';
import { maskText } from '../docker/secrets';
import type { ComposeWorkspace } from './composeWorkspace';
import type { Config } from './config';
import type { DockerContextsView } from './contextsView';
import type { Prompts } from './prompts';
import type { Registries } from './registries';
import type { InspectPanels } from './inspect/inspectPanels';
import type { EngineSet, SessionHolder } from './session';
import type { SwarmSession } from './swarmSession';
import type { SwarmView } from './swarmView';
import type { WharfViews } from './views';
import type { WalkthroughProgress } from './walkthrough';
import type { BuildContexts } from '../workspace/buildContext';

export interface WharfContext {
  readonly extension: vscode.ExtensionContext;
  readonly config: Config;
  /** Every engine shown (wharf.engines), and which one is focused. */
  readonly engines: EngineSet;
  /** The focused engine's session: the engine of the item last selected or acted on. */
  readonly sessions: SessionHolder;
  /** The docker CLI's contexts, as the Contexts view shows them. */
  readonly contexts: DockerContextsView;
  readonly log: vscode.LogOutputChannel;
  readonly prompts: Prompts;
  readonly views: WharfViews;
  readonly inspect: InspectPanels;
  readonly walkthrough: WalkthroughProgress;
  /** The build context chosen for each Dockerfile: what Build Image sends and CopyIgnoredFile checks. */
  readonly buildContexts: BuildContexts;
  /** The Compose projects the workspace's files describe. */
  readonly compose: ComposeWorkspace;
  /** The Registries view: registries, their accounts, what was fetched from them. */
  readonly registries: Registries;
  /** The connected engine's Swarm store, and the view showing it. */
  readonly swarm: SwarmSession;
  readonly swarmView: SwarmView;
}

/** The connected engine's client, or a user-facing error saying why there is none. */
export function requireDocker(ctx: WharfContext): Docker {
  const docker = ctx.sessions.current.docker();
  if (docker) return docker;
  const connection = ctx.sessions.current.store.connection;
  const why = connection.status === 'unreachable' ? connection.message : vscode.l10n.t('Wharf is still connecting to the engine.');
  throw new UserFacingError(why, connection.status === 'unreachable' ? connection.hint : undefined);
}

/** An error whose message is already written for the user (no "engine said" wrapping). */
export class UserFacingError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Shows a failure the way every command does: the engine's message, then the hint. */
export function reportError(ctx: WharfContext, action: string, err: unknown): void {
  if (err instanceof vscode.CancellationError || (err instanceof Error && err.name === 'AbortError')) return;
  const wharf = err instanceof UserFacingError ? err : toWharfError(err, { action });
  if (wharf instanceof Error && 'code' in wharf && (wharf as { code: string }).code === 'cancelled') return;
  ctx.log.error(`${action}: ${wharf.message}${wharf.hint ? ` (${wharf.hint})` : ''}`);
  // An engine's error can quote the command or URL that failed, secrets and all.
  const text = maskText(wharf.hint ? `${wharf.message} ${wharf.hint}` : wharf.message);
  void vscode.window.showErrorMessage(vscode.l10n.t('Wharf: {0}', text));
}
