// Engine-wide commands: Refresh, Prune (lists what goes, asks, removes exactly that),
// the containers filter, Retry/Open Settings from the welcome view, and volume/network actions.
import * as vscode from 'vscode';
import { executePrune, itemKey, planPrune, samePlan, type PruneItem, type PruneKind, type PrunePlan, type PruneScope } from '../../docker/prune';
import { removeNetwork } from '../../docker/networks';
import { removeVolume } from '../../docker/volumes';
import { reportError, requireDocker, type WharfContext } from '../context';
import { formatSize, shortId } from '../display/format';
import { forEach } from './progress';
import { resourceTargets } from './targets';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** How the confirmation and the report name one object of a plan. */
function itemText(item: PruneItem, plan: PrunePlan): string {
  const name = (it: PruneItem): string => (it.kind === 'images' ? shortId(it.id) : it.name);
  const size = item.size !== undefined ? formatSize(item.size) : undefined;
  const facts = item.kind === 'containers' ? ` (${[item.image, item.status, size].filter(Boolean).join(', ')})` : size !== undefined ? ` (${size})` : '';
  const byKey = new Map(plan.items.map((it) => [itemKey(it), it]));
  const freers = item.freedBy.map((key) => byKey.get(key)).filter((it): it is PruneItem => it !== undefined).map(name);
  return `${name(item)}${facts}${freers.length > 0 ? ` — ${vscode.l10n.t('goes with {0}', freers.join(', '))}` : ''}`;
}

function planText(plan: PrunePlan, labels: Record<PruneKind, string>): string {
  const kinds = plan.kinds.filter((kind) => plan.items.some((item) => item.kind === kind));
  const bytes = plan.items.reduce((sum, item) => sum + (item.size ?? 0), 0);
  return kinds.map((kind) => {
    const lines = plan.items.filter((item) => item.kind === kind).map((item) => itemText(item, plan));
    // Every object, however many: the dialog's detail scrolls, and what is removed is what was listed.
    return `${labels[kind]} (${lines.length}):\n${lines.map((l) => `  • ${l}`).join('\n')}`;
  }).join('\n\n') + `\n\n${vscode.l10n.t('Space reclaimed: up to {0}', formatSize(bytes))}`;
}

/**
 * Prune: list what goes (with what the containers that go would free), ask, read the engine again
 * and ask again with the new list if it changed meanwhile, then remove exactly the list's objects
 * (src/docker/prune.ts). What cannot be removed now is reported, never forced.
 */
async function prune(ctx: WharfContext, kinds: PruneKind[], scope: PruneScope, labels: Record<PruneKind, string>): Promise<{ removed: string[]; failed: string[]; spaceReclaimed: number } | undefined> {
  let plan: PrunePlan;
  try { plan = await planPrune(requireDocker(ctx), kinds, scope); } catch (err) { reportError(ctx, 'prepare prune', err); return undefined; }
  let question = vscode.l10n.t('Remove these objects?');
  for (;;) {
    if (plan.items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to prune.'));
      return { removed: [], failed: [], spaceReclaimed: 0 };
    }
    const pruneButton = vscode.l10n.t('Prune');
    if (await ctx.prompts.confirm(question, planText(plan, labels), vscode.l10n.t('Keep All'), [pruneButton]) !== pruneButton) return undefined;
    let now: PrunePlan;
    try { now = await planPrune(requireDocker(ctx), kinds, scope); } catch (err) { reportError(ctx, 'prepare prune', err); return undefined; }
    if (samePlan(plan, now)) break;
    plan = now;
    question = vscode.l10n.t('The engine changed since the list was made. Remove these objects instead?');
  }
  const confirmed = plan;
  let outcome: Awaited<ReturnType<typeof executePrune>>;
  try {
    outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Pruning') }, () => executePrune(requireDocker(ctx), confirmed));
  } catch (err) { reportError(ctx, 'prune', err); return undefined; }
  const spaceReclaimed = outcome.removed.reduce((sum, item) => sum + (item.size ?? 0), 0);
  for (const item of outcome.alreadyGone) ctx.log.info(`prune: ${itemText(item, confirmed)} was already gone`);
  void vscode.window.showInformationMessage(spaceReclaimed > 0
    ? vscode.l10n.t('Removed {0} object(s), freeing up to {1}.', outcome.removed.length, formatSize(spaceReclaimed))
    : vscode.l10n.t('Removed {0} object(s).', outcome.removed.length));
  if (outcome.failed.length > 0) {
    const reasons = outcome.failed.map(({ item, error, keptFor }) => `${itemText(item, confirmed)}: ${keptFor ? vscode.l10n.t('kept, because {0} was not removed', itemText(keptFor, confirmed)) : `${error?.message ?? ''}${error?.hint ? ` ${error.hint}` : ''}`}`);
    for (const reason of reasons) ctx.log.warn(`prune: ${reason}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Wharf: {0} listed object(s) were not removed: {1}', outcome.failed.length, reasons.join('; ')));
  }
  return { removed: outcome.removed.map((item) => item.id), failed: outcome.failed.map(({ item }) => item.id), spaceReclaimed };
}

export function systemCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.refresh': async () => {
      try { await ctx.sessions.current.store.refresh(); } catch (err) { reportError(ctx, 'refresh', err); }
    },
    'wharf.engine.retry': async () => {
      ctx.sessions.restart();
      try { await ctx.sessions.current.store.ready(); } catch { /* the welcome view shows why */ }
    },
    'wharf.openSettings': async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:wharf.wharf wharf.engine');
    },
    'wharf.containers.filter': async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await ctx.prompts.input({ prompt: vscode.l10n.t('Show containers whose name, image, id, state or labels contain…'), value: ctx.views.containers.filter });
      if (value !== undefined) ctx.views.setContainerFilter(value);
      return ctx.views.containers.filter;
    },
    'wharf.containers.clearFilter': async () => { ctx.views.setContainerFilter(''); },
    'wharf.prune': async (...args) => {
      const labels: Record<PruneKind, string> = {
        containers: vscode.l10n.t('Stopped containers'),
        images: vscode.l10n.t('Dangling images'),
        networks: vscode.l10n.t('Unused networks'),
        volumes: vscode.l10n.t('Unused volumes (their data is deleted)'),
      };
      const given = Array.isArray(args[0]) ? (args[0] as PruneKind[]) : undefined;
      const scope = (args[1] && typeof args[1] === 'object' ? args[1] : {}) as PruneScope;
      const kinds = given ?? (await ctx.prompts.pick((Object.keys(labels) as PruneKind[]).map((kind) => ({ label: labels[kind], pruneKind: kind, picked: kind !== 'volumes' })), { placeHolder: vscode.l10n.t('What to prune?'), canPickMany: true as const }))?.map((p) => p.pruneKind);
      if (!kinds || kinds.length === 0) return undefined;
      return prune(ctx, kinds, scope, labels);
    },
    'wharf.volume.inspect': async (...args) => {
      const [name] = await resourceTargets(ctx, args, 'volume', vscode.l10n.t('Inspect which volume?'), false);
      if (name) await ctx.inspect.show('volume', name, name);
      return name;
    },
    'wharf.volume.remove': async (...args) => {
      const names = await resourceTargets(ctx, args, 'volume', vscode.l10n.t('Remove which volumes?'));
      if (names.length === 0) return [];
      const remove = vscode.l10n.t('Remove Volume');
      const users = ctx.sessions.current.store.containers().filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name !== undefined && names.includes(m.name)));
      const detail = [
        vscode.l10n.t('The data stored in the volume is deleted for good.'),
        users.length > 0 ? vscode.l10n.t('Mounted by: {0}. The engine refuses to delete a volume a container uses, running or not.', users.map((c) => `${c.name} (${c.state})`).join(', ')) : '',
      ].filter(Boolean).join('\n\n');
      const keep = names.length === 1 ? vscode.l10n.t('Keep Volume') : vscode.l10n.t('Keep Volumes');
      const question = names.length === 1 ? vscode.l10n.t('Remove volume {0}?', names[0]) : vscode.l10n.t('Remove {0} volumes: {1}?', names.length, names.join(', '));
      if (await ctx.prompts.confirm(question, detail, keep, [remove]) !== remove) return [];
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing volumes'), names, async (n) => { await removeVolume(requireDocker(ctx), n); done.push(n); }, (n, err) => reportError(ctx, `remove volume ${n}`, err));
      return done;
    },
    'wharf.network.inspect': async (...args) => {
      const [id] = await resourceTargets(ctx, args, 'network', vscode.l10n.t('Inspect which network?'), false);
      const name = ctx.sessions.current.store.networks().find((n) => n.id === id || n.name === id)?.name ?? id;
      if (id) await ctx.inspect.show('network', id, name);
      return id;
    },
    'wharf.network.remove': async (...args) => {
      const ids = await resourceTargets(ctx, args, 'network', vscode.l10n.t('Remove which networks?'));
      if (ids.length === 0) return [];
      const store = ctx.sessions.current.store;
      const names = ids.map((id) => store.networks().find((n) => n.id === id)?.name ?? id);
      // Docker refuses while containers are attached, but Podman disconnects them and removes the
      // network anyway: the confirmation names them so neither engine surprises anyone.
      const attached = store.containers().filter((c) => c.networks.some((n) => names.includes(n))).map((c) => c.name);
      const detail = attached.length > 0
        ? vscode.l10n.t('Attached containers: {0}. Docker refuses to remove a network containers are attached to; Podman disconnects them first.', attached.join(', '))
        : vscode.l10n.t('No container is attached to it.');
      const remove = vscode.l10n.t('Remove');
      const keep = names.length === 1 ? vscode.l10n.t('Keep Network') : vscode.l10n.t('Keep Networks');
      const question = names.length === 1 ? vscode.l10n.t('Remove network {0}?', names[0]) : vscode.l10n.t('Remove {0} networks: {1}?', names.length, names.join(', '));
      if (await ctx.prompts.confirm(question, detail, keep, [remove]) !== remove) return [];
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing networks'), ids, async (id) => { await removeNetwork(requireDocker(ctx), id); done.push(id); }, (id, err) => reportError(ctx, `remove network ${id}`, err));
      return done;
    },
  };
}
