// The ways out when no engine answers: Retry, Open Settings (in the tab where the engine setting
// lives), Select Context, and Start a Demo Engine when `npm start` offers one. The Containers
// view's welcome content links them; commands that need an engine offer them too, instead of
// acting on an empty model ("There are no images").
import * as http from 'node:http';
import * as vscode from 'vscode';
import { listContexts } from '../docker/connect';
import type { WharfContext } from './context';
import { DEMO_ENGINE_ENV } from './display/engineText';

/**
 * `npm start`'s offer (scripts/lib/demoOffer.mjs): a loopback URL that starts its throwaway demo
 * engine on a POST and answers its address. Without it there is no demo engine to offer.
 */
export function demoEngineOffer(): string | undefined {
  const url = process.env[DEMO_ENGINE_ENV];
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // Only npm start's own loopback endpoint: the answer chooses the engine Wharf talks to.
    return parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost') ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The recovery actions as button titles, in the order the welcome content shows them. */
function recoveryButtons(): { title: string; command: string }[] {
  return [
    { title: vscode.l10n.t('Retry'), command: 'wharf.engine.retry' },
    { title: vscode.l10n.t('Open Settings'), command: 'wharf.openSettings' },
    { title: vscode.l10n.t('Select Context'), command: 'wharf.engine.selectContext' },
    ...(demoEngineOffer() ? [{ title: vscode.l10n.t('Start a Demo Engine'), command: 'wharf.engine.startDemo' }] : []),
  ];
}

/**
 * Resolves true once the engine is connected (waiting while Wharf is still connecting); false,
 * after saying "not connected" with the recovery actions, when it is unreachable.
 */
export async function ensureEngine(ctx: WharfContext): Promise<boolean> {
  const store = ctx.sessions.current.store;
  if (store.connection.status === 'connecting') {
    try { await store.ready(); } catch { /* said below */ }
  }
  const connection = ctx.sessions.current.store.connection;
  if (connection.status === 'connected') return true;
  const why = connection.status === 'unreachable' ? connection.message : vscode.l10n.t('Wharf is still connecting to the engine.');
  const buttons = recoveryButtons();
  // Not awaited: the command ends now; a button chosen later runs its action.
  void ctx.prompts.notify(vscode.l10n.t('Wharf is not connected to an engine: {0}', why), buttons.map((b) => b.title), 'error').then((chosen) => {
    const action = buttons.find((b) => b.title === chosen);
    if (action) void vscode.commands.executeCommand(action.command);
  }, (err: unknown) => ctx.log.warn(`not-connected notice: ${err instanceof Error ? err.message : String(err)}`));
  return false;
}

/** The Settings tab that holds (or would hold) the engine setting: workspace, remote or user. */
export function engineSettingsCommand(ctx: WharfContext): { command: string; key: string } {
  const connection = ctx.sessions.current.store.connection;
  const source = connection.status === 'unreachable' ? connection.diagnosis?.source : undefined;
  const key = source === 'settingContext' ? 'engine.context' : 'engine.host';
  const scope = ctx.config.engineSettingScope(key);
  // In a remote or browser window the engine settings (machine scoped) are listed under the
  // Remote tab only; the User tab finds none of them.
  const command = scope === 'workspace' ? 'workbench.action.openWorkspaceSettings'
    : vscode.env.remoteName !== undefined ? 'workbench.action.openRemoteSettings'
      : 'workbench.action.openGlobalSettings';
  return { command, key: `wharf.${key}` };
}

async function selectContext(ctx: WharfContext): Promise<string | undefined> {
  const environment = vscode.l10n.t('Default (DOCKER_HOST, or the docker CLI\'s current context)');
  const current = ctx.config.engineContext;
  const items = [
    { label: environment, description: current ? undefined : vscode.l10n.t('in use'), context: undefined as string | undefined },
    ...listContexts().map((c) => ({ label: c.name, description: [c.host, c.name === current ? vscode.l10n.t('in use') : undefined].filter(Boolean).join(' · '), detail: c.description, context: c.name as string | undefined })),
  ];
  const picked = await ctx.prompts.pick(items, { placeHolder: vscode.l10n.t('Connect to which docker context?') });
  if (!picked) return undefined;
  await ctx.config.useEngineContext(picked.context);
  return picked.context ?? '';
}

/** POSTs to npm start's demo endpoint; resolves the demo engine's address once it runs. */
function requestDemoEngine(url: string, token: vscode.CancellationToken): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => {
        try {
          const answer = JSON.parse(body) as { host?: unknown; error?: unknown };
          if (response.statusCode === 200 && typeof answer.host === 'string') resolve(answer.host);
          else reject(new Error(typeof answer.error === 'string' ? answer.error : `HTTP ${response.statusCode ?? '?'}`));
        } catch {
          reject(new Error(`HTTP ${response.statusCode ?? '?'}`));
        }
      });
    });
    const cancel = token.onCancellationRequested(() => request.destroy(new vscode.CancellationError()));
    request.on('error', reject);
    request.on('close', () => cancel.dispose());
    request.end();
  });
}

async function startDemo(ctx: WharfContext): Promise<string | undefined> {
  const url = demoEngineOffer();
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No demo engine is offered here: npm start in the Wharf repository offers one.'));
    return undefined;
  }
  try {
    const host = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the demo engine…'), cancellable: true }, (_progress, token) => requestDemoEngine(url, token));
    ctx.log.info(`demo engine at ${host}`);
    ctx.sessions.restart(host);
    try { await ctx.sessions.current.store.ready(); } catch { /* the welcome view says why */ }
    return host;
  } catch (err) {
    if (err instanceof vscode.CancellationError) return undefined;
    void vscode.window.showErrorMessage(vscode.l10n.t('Wharf: the demo engine could not start: {0}', err instanceof Error ? err.message : String(err)));
    return undefined;
  }
}

type Handler = (...args: unknown[]) => Promise<unknown>;

export function recoveryCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.engine.retry': async () => {
      ctx.sessions.restart();
      try { await ctx.sessions.current.store.ready(); } catch { /* the welcome view shows why */ }
      return ctx.sessions.current.store.connection.status;
    },
    'wharf.openSettings': async () => {
      const { command, key } = engineSettingsCommand(ctx);
      await vscode.commands.executeCommand(command, { query: key });
      return command;
    },
    'wharf.engine.selectContext': () => selectContext(ctx),
    'wharf.engine.startDemo': () => startDemo(ctx),
  };
}
