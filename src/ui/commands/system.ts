// Engine-wide commands: Refresh, Prune (shows what goes and the space it frees before asking),
// the containers filter, Retry/Open Settings from the welcome view, and volume/network actions.
import * as vscode from 'vscode';
import { previewContainerPrune, pruneContainers } from '../../docker/containers';
import { previewImagePrune, pruneImages } from '../../docker/images';
import { previewNetworkPrune, pruneNetworks, removeNetwork } from '../../docker/networks';
import { previewVolumePrune, pruneVolumes, removeVolume } from '../../docker/volumes';
import { reportError, requireDocker, type WharfContext } from '../context';
import { formatSize } from '../display/format';
import { forEach } from './progress';
import { resourceTargets } from './targets';

type Handler = (...args: unknown[]) => Promise<unknown>;

type PruneKind = 'containers' | 'images' | 'networks' | 'volumes';
/** Only objects carrying these labels ("key" or "key=value"), e.g. one compose project. */
interface PruneScope { labels?: string[] }

interface PrunePlan { kind: PruneKind; lines: string[]; bytes: number }

async function planPrune(ctx: WharfContext, kinds: PruneKind[], scope: PruneScope): Promise<PrunePlan[]> {
  const docker = requireDocker(ctx);
  return Promise.all(kinds.map(async (kind): Promise<PrunePlan> => {
    switch (kind) {
      case 'containers': {
        const list = await previewContainerPrune(docker, scope);
        return { kind, lines: list.map((c) => `${c.name} (${c.image}, ${c.status})`), bytes: 0 };
      }
      case 'images': {
        const preview = await previewImagePrune(docker, scope);
        return { kind, lines: preview.images.map((i) => `${i.repoTags[0] ?? i.id.slice(7, 19)} (${formatSize(i.size)})`), bytes: preview.size };
      }
      case 'networks': {
        const list = await previewNetworkPrune(docker, scope);
        return { kind, lines: list.map((n) => n.Name), bytes: 0 };
      }
      case 'volumes': {
        const list = await previewVolumePrune(docker, scope);
        return { kind, lines: list.map((v) => v.Name), bytes: 0 };
      }
    }
  }));
}

async function runPrune(ctx: WharfContext, kind: PruneKind, scope: PruneScope): Promise<{ removed: string[]; spaceReclaimed: number }> {
  const docker = requireDocker(ctx);
  switch (kind) {
    case 'containers': return pruneContainers(docker, scope);
    case 'images': return pruneImages(docker, scope);
    case 'networks': return pruneNetworks(docker, scope);
    case 'volumes': return pruneVolumes(docker, scope);
  }
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
      let plans: PrunePlan[];
      try { plans = await planPrune(ctx, kinds, scope); } catch (err) { reportError(ctx, 'prepare prune', err); return undefined; }
      const nonEmpty = plans.filter((p) => p.lines.length > 0);
      if (nonEmpty.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to prune.')); return { removed: [], spaceReclaimed: 0 }; }
      const bytes = nonEmpty.reduce((sum, p) => sum + p.bytes, 0);
      const detail = nonEmpty.map((p) => `${labels[p.kind]} (${p.lines.length}):\n${p.lines.slice(0, 15).map((l) => `  • ${l}`).join('\n')}${p.lines.length > 15 ? `\n  • ${vscode.l10n.t('… and {0} more', p.lines.length - 15)}` : ''}`).join('\n\n')
        + (bytes > 0 ? `\n\n${vscode.l10n.t('Space reclaimed: up to {0}', formatSize(bytes))}` : '');
      const prune = vscode.l10n.t('Prune');
      if (await ctx.prompts.warningModal(vscode.l10n.t('Remove these objects?'), detail, [prune]) !== prune) return undefined;
      const removed: string[] = [];
      let spaceReclaimed = 0;
      // One kind after another: pruned containers free images and networks for the next kinds.
      for (const plan of nonEmpty) {
        try {
          const result = await runPrune(ctx, plan.kind, scope);
          removed.push(...result.removed);
          spaceReclaimed += result.spaceReclaimed;
        } catch (err) { reportError(ctx, `prune ${plan.kind}`, err); }
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Pruned {0} object(s), reclaimed {1}.', removed.length, formatSize(spaceReclaimed)));
      return { removed, spaceReclaimed };
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
      if (await ctx.prompts.warningModal(vscode.l10n.t('Remove {0}?', names.join(', ')), vscode.l10n.t('The data stored in the volume is deleted for good.'), [remove]) !== remove) return [];
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
      if (await ctx.prompts.warningModal(vscode.l10n.t('Remove {0}?', names.join(', ')), detail, [remove]) !== remove) return [];
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing networks'), ids, async (id) => { await removeNetwork(requireDocker(ctx), id); done.push(id); }, (id, err) => reportError(ctx, `remove network ${id}`, err));
      return done;
    },
  };
}
