// Engine-wide commands: Refresh, Prune (lists what goes, asks, removes exactly that),
// the containers filter, and volume/network actions (the ways out without an engine: engineRecovery.ts).
import * as vscode from 'vscode';
import { executePrune, itemKey, planPrune, samePlan, type PruneItem, type PruneKind, type PrunePlan, type PruneScope } from '../../docker/prune';
import { removeNetwork } from '../../docker/networks';
import { removeVolume } from '../../docker/volumes';
import { reportError, requireDocker, type WharfContext } from '../context';
import { formatSize, shortId } from '../display/format';
import { forEach } from './progress';
import { resourceTargets } from './targets';
import type { MoreNode } from '../tree/containersTree';

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

const planBytes = (items: readonly PruneItem[]): number => items.reduce((sum, item) => sum + (item.size ?? 0), 0);

/** A plan's objects by kind, in the plan's order of kinds, with each kind's label and size. */
function planGroups(plan: PrunePlan, labels: Record<PruneKind, string>): Array<{ label: string; items: PruneItem[]; bytes: number }> {
  return plan.kinds
    .map((kind) => ({ label: labels[kind], items: plan.items.filter((item) => item.kind === kind) }))
    .filter((group) => group.items.length > 0)
    .map((group) => ({ ...group, bytes: planBytes(group.items) }));
}

const reclaimedText = (plan: PrunePlan): string => vscode.l10n.t('Space reclaimed: up to {0}', formatSize(planBytes(plan.items)));

/**
 * What a plan removes, as the dialog (up to ten objects) or the full-list editor shows it: `full`,
 * every object on its own line with its size; else each kind's count and size. The total ends both.
 */
function planText(plan: PrunePlan, labels: Record<PruneKind, string>, full: boolean): string {
  const groups = planGroups(plan, labels).map(({ label, items, bytes }) => (full
    ? `${label} (${items.length}):\n${items.map((item) => `  • ${itemText(item, plan)}`).join('\n')}`
    : vscode.l10n.t('{0}: {1} ({2})', label, items.length, formatSize(bytes))));
  return full
    ? `${groups.join('\n\n')}\n\n${reclaimedText(plan)}`
    : [groups.join('\n'), reclaimedText(plan), vscode.l10n.t('That is more than {0} objects: Show Full List opens every one of them, with its size, in an editor, and asks there.', LISTED_IN_DIALOG)].join('\n\n');
}

/**
 * The most objects the dialog lists itself. VS Code 1.100's modal dialog grows with its text and
 * does not scroll (base/browser/ui/dialog/dialog.ts; measured: with 41 objects its buttons were
 * 115 px below an 800 px window), so a longer list is shown in an editor, which scrolls.
 */
const LISTED_IN_DIALOG = 10;

const PRUNE_LIST_SCHEME = 'wharf-prune';

/**
 * Prune: list what goes (with what the containers that go would free), ask, read the engine again
 * and ask again with the new list if it changed meanwhile, then remove exactly the list's objects
 * (src/docker/prune.ts). What cannot be removed now is reported, never forced.
 */
async function prune(ctx: WharfContext, kinds: PruneKind[], scope: PruneScope, labels: Record<PruneKind, string>, showList: (text: string) => Promise<unknown>): Promise<{ removed: string[]; failed: string[]; spaceReclaimed: number } | undefined> {
  let plan: PrunePlan;
  try { plan = await planPrune(requireDocker(ctx), kinds, scope); } catch (err) { reportError(ctx, 'prepare prune', err); return undefined; }
  let question = vscode.l10n.t('Remove these objects?');
  const keepAll = vscode.l10n.t('Keep All');
  const pruneButton = vscode.l10n.t('Prune');
  const showFullList = vscode.l10n.t('Show Full List…');
  for (;;) {
    if (plan.items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to prune.'));
      return { removed: [], failed: [], spaceReclaimed: 0 };
    }
    if (plan.items.length <= LISTED_IN_DIALOG) {
      if (await ctx.prompts.confirm(question, planText(plan, labels, true), keepAll, [pruneButton]) !== pruneButton) return undefined;
    } else {
      // Nothing is removed that was not shown: a long list is confirmed only after it was opened.
      if (await ctx.prompts.confirm(question, planText(plan, labels, false), keepAll, [showFullList]) !== showFullList) return undefined;
      await showList(`${question}\n\n${planText(plan, labels, true)}\n`);
      const asked = vscode.l10n.t('Prune the {0} objects listed in the editor, reclaiming up to {1}?', plan.items.length, formatSize(planBytes(plan.items)));
      if (await ctx.prompts.notify(asked, [keepAll, pruneButton], 'warning') !== pruneButton) return undefined;
    }
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
  // A read-only document per long prune list: it scrolls, and closing it asks nothing.
  const lists = new Map<string, string>();
  let listCount = 0;
  ctx.extension.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PRUNE_LIST_SCHEME, { provideTextDocumentContent: (uri) => lists.get(uri.toString()) }));
  const showList = async (text: string): Promise<vscode.TextEditor> => {
    const uri = vscode.Uri.from({ scheme: PRUNE_LIST_SCHEME, path: `/${vscode.l10n.t('What prune removes')} ${++listCount}.txt` });
    lists.set(uri.toString(), text);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  };
  return {
    'wharf.refresh': async () => {
      try { await ctx.sessions.current.store.refresh(); } catch (err) { reportError(ctx, 'refresh', err); }
    },
    'wharf.containers.filter': async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await ctx.prompts.input({ prompt: vscode.l10n.t('Show containers whose name, image, id, state or labels contain…'), value: ctx.views.containers.filter });
      if (value !== undefined) ctx.views.setContainerFilter(value);
      return ctx.views.containers.filter;
    },
    'wharf.containers.clearFilter': async () => { ctx.views.setContainerFilter(''); },
    'wharf.containers.showMore': async (node?: unknown) => {
      if (node && typeof node === 'object' && (node as MoreNode).type === 'more') ctx.views.containers.showMore(node as MoreNode);
    },
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
      return prune(ctx, kinds, scope, labels, showList);
    },
    'wharf.inspect.keepOpen': async () => ctx.inspect.keepActive(),
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
