// Container lifecycle commands. Each acts on the clicked row, the selected rows, ids passed by a
// caller, or a quick pick from the palette; failures show the engine's message and hint.
import * as vscode from 'vscode';
import * as ops from '../../docker/containers';
import type { ContainerModel } from '../../docker/model';
import { reportError, requireDocker, type WharfContext } from '../context';
import { portLabel, portUrl, publishedPorts } from '../display/containerText';
import { openLogsTerminal } from '../terminals/logsTerminal';
import { openShellTerminal } from '../terminals/shellTerminal';
import type { ContainerNode, ContainerTreeNode } from '../tree/containersTree';
import { forEach } from './progress';
import { containerTargets } from './targets';

type Handler = (...args: unknown[]) => Promise<unknown>;

const isContainerRow = (node: unknown): node is ContainerNode => (node as ContainerTreeNode | undefined)?.type === 'container';
const isRunning = (c: ContainerModel): boolean => c.state === 'running' || c.state === 'restarting';
const isStopped = (c: ContainerModel): boolean => c.state === 'exited' || c.state === 'created' || c.state === 'dead';

/** Runs one operation over every target, in parallel; returns the ids that succeeded. */
function bulk(ctx: WharfContext, placeHolder: string, applies: (c: ContainerModel) => boolean, verb: string, run: (id: string, ctx: WharfContext) => Promise<unknown>): Handler {
  return async (...args) => {
    const targets = await containerTargets(ctx, args, placeHolder, applies);
    if (targets.length === 0) return [];
    const done: string[] = [];
    await forEach(vscode.l10n.t('{0} {1} container(s)', verb, targets.length), targets, async (c) => { await run(c.id, ctx); done.push(c.id); }, (c, err) => reportError(ctx, `${verb.toLowerCase()} container ${c.name}`, err));
    return done;
  };
}

const stateText = (c: ContainerModel): string => `${c.state}, ${c.image}`;

/** A volume as the confirmation names it: an anonymous volume's 64-hex name shortened, and said to be one. */
export function volumeText(name: string): string {
  return /^[0-9a-f]{64}$/.test(name) ? vscode.l10n.t('{0} (anonymous)', `${name.slice(0, 12)}…`) : name;
}

export function removeContainersQuestion(targets: readonly ContainerModel[]): string {
  return targets.length === 1 ? vscode.l10n.t('Remove container {0}?', targets[0].name) : vscode.l10n.t('Remove {0} containers?', targets.length);
}

/** What removing these containers takes, and what it leaves: the confirmation's detail. */
export function removeContainersDetail(targets: readonly ContainerModel[], running: readonly ContainerModel[]): string {
  const volumes = [...new Set(targets.flatMap((c) => c.mounts.filter((m) => m.type === 'volume' && m.name).map((m) => volumeText(m.name as string))))];
  return [
    targets.map((c) => `• ${c.name} (${stateText(c)})`).join('\n'),
    vscode.l10n.t('Lost for good: the files written inside the container outside its volumes (its writable layer), its logs, and its settings (name, ports, environment).'),
    running.length > 0 ? vscode.l10n.t('Running or paused: {0}. Only Force Remove removes them: it kills their processes at once (no clean shutdown; work held in memory is lost).', running.map((c) => c.name).join(', ')) : '',
    volumes.length > 0
      ? vscode.l10n.t('Kept: the volumes {0}. Anonymous ones are left unused, and a volume prune deletes them.', volumes.join(', '))
      : '',
  ].filter(Boolean).join('\n\n');
}

const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export function containerCommands(ctx: WharfContext): Record<string, Handler> {
  const docker = (): ReturnType<typeof requireDocker> => requireDocker(ctx);
  return {
    'wharf.container.start': bulk(ctx, vscode.l10n.t('Start which containers? (Start keeps a stopped container\'s state)'), (c) => !isRunning(c) && c.state !== 'paused', vscode.l10n.t('Starting'), (id) => ops.startContainer(docker(), id)),
    'wharf.container.stop': bulk(ctx, vscode.l10n.t('Stop which containers?'), (c) => isRunning(c) || c.state === 'paused', vscode.l10n.t('Stopping'), (id) => {
      const stop = ops.stopContainer(docker(), id, { deadlineMs: 60_000 });
      ctx.views.containers.showStopping(id, stop);
      return stop;
    }),
    // A Stop's grace period (10 s unless the container sets its own) cut short: the user already
    // chose to stop it, so no second confirmation; the menus offer this only while it is stopping.
    'wharf.container.killNow': bulk(ctx, vscode.l10n.t('Kill which stopping containers now?'), (c) => ctx.views.containers.isStopping(c.id), vscode.l10n.t('Killing'), (id) => ops.killContainer(docker(), id, { killSignal: 'SIGKILL' })),
    /**
     * Delete on the Containers view (its keybinding gives the focused row, see focusedRow.ts): the
     * selection when the focused row is part of it, else the focused row alone. The arrow keys move
     * the focus, not the selection, so the row a person is on is the one asked about.
     */
    'wharf.containers.removeSelected': async (focusedArg?: unknown) => {
      const focused = isContainerRow(focusedArg) ? focusedArg : await ctx.views.focusedContainer();
      const selected = ctx.views.containersView.selection.filter(isContainerRow);
      const targets = focused && !selected.includes(focused) ? [focused] : selected;
      if (targets.length === 0) return [];
      return vscode.commands.executeCommand('wharf.container.remove', targets[0], targets);
    },
    /** Enter on the Containers view (its keybinding gives the focused row): inspect a container, open or close a group. */
    'wharf.containers.openFocused': async (focusedArg?: unknown) => {
      const focused = isContainerRow(focusedArg) ? focusedArg : await ctx.views.focusedContainer();
      if (focused) return vscode.commands.executeCommand('wharf.container.inspect', focused);
      return vscode.commands.executeCommand('list.toggleExpand');
    },
    'wharf.container.restart': bulk(ctx, vscode.l10n.t('Restart which containers?'), () => true, vscode.l10n.t('Restarting'), (id) => ops.restartContainer(docker(), id, { deadlineMs: 60_000 })),
    'wharf.container.pause': bulk(ctx, vscode.l10n.t('Pause which containers?'), (c) => c.state === 'running', vscode.l10n.t('Pausing'), (id) => ops.pauseContainer(docker(), id)),
    'wharf.container.unpause': bulk(ctx, vscode.l10n.t('Unpause which containers?'), (c) => c.state === 'paused', vscode.l10n.t('Unpausing'), (id) => ops.unpauseContainer(docker(), id)),
    'wharf.container.kill': async (...args) => {
      const targets = await containerTargets(ctx, args, vscode.l10n.t('Kill which containers?'), (c) => isRunning(c) || c.state === 'paused');
      if (targets.length === 0) return [];
      const signal = await ctx.prompts.pick(SIGNALS.map((s) => ({ label: s, description: s === 'SIGKILL' ? vscode.l10n.t('stops at once; the process cannot clean up') : undefined })), { placeHolder: vscode.l10n.t('Which signal to send?') });
      if (!signal) return [];
      // Killing is destructive for whatever the processes hold in memory: ask, and say what survives.
      const names = targets.map((c) => c.name).join(', ');
      const send = vscode.l10n.t('Send {0}', signal.label);
      const detail = signal.label === 'SIGKILL'
        ? vscode.l10n.t('The processes stop at once, with no chance to finish or save: work held in memory is lost. The container and its files are kept; Start brings it back.')
        : vscode.l10n.t('The processes receive {0}; most programs stop when they get it, losing work held in memory. The container and its files are kept.', signal.label);
      if (await ctx.prompts.confirm(vscode.l10n.t('Send {0} to {1}?', signal.label, names), detail, vscode.l10n.t('Keep Running'), [send]) !== send) return [];
      const done: string[] = [];
      await forEach(vscode.l10n.t('Sending {0}', signal.label), targets, async (c) => { await ops.killContainer(docker(), c.id, { killSignal: signal.label }); done.push(c.id); }, (c, err) => reportError(ctx, `send ${signal.label} to ${c.name}`, err));
      return done;
    },
    'wharf.container.remove': async (...args) => {
      const targets = await containerTargets(ctx, args, vscode.l10n.t('Remove which containers?'), () => true);
      if (targets.length === 0) return [];
      const running = targets.filter((c) => !isStopped(c));
      const remove = vscode.l10n.t('Remove');
      const force = vscode.l10n.t('Force Remove');
      const stoppedOnly = vscode.l10n.t('Remove Stopped Only');
      const actions = running.length === 0 ? [remove] : running.length === targets.length ? [force] : [stoppedOnly, force];
      const keep = targets.length === 1 ? vscode.l10n.t('Keep Container') : vscode.l10n.t('Keep Containers');
      const answer = await ctx.prompts.confirm(removeContainersQuestion(targets), removeContainersDetail(targets, running), keep, actions);
      if (!answer) return [];
      const chosen = answer === stoppedOnly ? targets.filter(isStopped) : targets;
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing {0} container(s)', chosen.length), chosen, async (c) => {
        await ops.removeContainer(docker(), c.id, { force: answer === force, removeVolumes: false });
        done.push(c.id);
      }, (c, err) => reportError(ctx, `remove container ${c.name}`, err));
      return done;
    },
    'wharf.container.inspect': async (...args) => {
      const [target] = await containerTargets(ctx, args, vscode.l10n.t('Inspect which container?'), () => true, false);
      if (target) await ctx.inspect.show('container', target.id, target.name);
      return target?.id;
    },
    'wharf.container.logs': async (...args) => {
      const [target] = await containerTargets(ctx, args, vscode.l10n.t('Show the logs of which container?'), () => true, false);
      return target ? openLogsTerminal(ctx, target) : undefined;
    },
    'wharf.container.shell': async (...args) => {
      const [target] = await containerTargets(ctx, args, vscode.l10n.t('Open a shell in which container?'), (c) => c.state === 'running', false);
      return target ? openShellTerminal(ctx, target) : undefined;
    },
    'wharf.container.copyId': async (...args) => {
      const targets = await containerTargets(ctx, args, vscode.l10n.t('Copy the id of which container?'), () => true);
      if (targets.length === 0) return undefined;
      const text = targets.map((c) => c.id).join('\n');
      await vscode.env.clipboard.writeText(text);
      return text;
    },
    'wharf.container.openPort': async (...args) => {
      const [target] = await containerTargets(ctx, args, vscode.l10n.t('Open a port of which container?'), (c) => c.state === 'running' && publishedPorts(c).length > 0, false);
      if (!target) return undefined;
      const ports = publishedPorts(target).filter((p) => p.protocol === 'tcp' && portUrl(p, ctx.config.browserHost) !== undefined);
      if (ports.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('{0} publishes no TCP port.', target.name)); return undefined; }
      const port = ports.length === 1 ? ports[0] : (await ctx.prompts.pick(ports.map((p) => ({ label: portLabel(p), description: portUrl(p, ctx.config.browserHost), port: p })), { placeHolder: vscode.l10n.t('Which port?') }))?.port;
      if (!port) return undefined;
      const url = portUrl(port, ctx.config.browserHost);
      if (!url) return undefined;
      await vscode.env.openExternal(vscode.Uri.parse(url));
      return url;
    },
  };
}

export async function safely(ctx: WharfContext, action: string, run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (err) {
    reportError(ctx, action, err);
    return undefined;
  }
}
