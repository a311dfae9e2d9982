// Inside a container: its files (a file system provider and the Container Files view), its live
// stats and its processes (the Stats panel). One entry for activate(); the commands are
// registered here because the pieces they act on are made here.
import * as vscode from 'vscode';
import { deletePath } from '../../docker/containerFiles';
import { containerTargets } from '../commands/targets';
import { reportError, requireDocker, type WharfContext } from '../context';
import { ContainerFileSystem, CONTAINER_SCHEME, containerFileUri } from './containerFileSystem';
import { download, upload } from './fileTransfers';
import { ContainerFilesTree, type FileNode } from './filesTree';
import { StatsPanels } from './statsPanel';

export interface Inside extends vscode.Disposable {
  readonly fileSystem: ContainerFileSystem;
  readonly files: ContainerFilesTree;
  readonly stats: StatsPanels;
}

export function createInside(ctx: WharfContext): Inside {
  const fileSystem = new ContainerFileSystem(ctx.sessions);
  const files = new ContainerFilesTree(ctx);
  const stats = new StatsPanels(ctx);
  const disposables: vscode.Disposable[] = [
    fileSystem, files, stats,
    vscode.workspace.registerFileSystemProvider(CONTAINER_SCHEME, fileSystem, { isCaseSensitive: true }),
  ];
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'wharf.container.browseFiles': async (...args: unknown[]) => {
      const [container] = await containerTargets(ctx, args, vscode.l10n.t('Browse the files of which container?'), (c) => c.state !== 'removing' && c.state !== 'dead', false);
      if (!container) return undefined;
      await files.show(container.id, container.name);
      return container.id;
    },
    'wharf.container.stats': async (...args: unknown[]) => {
      const [container] = await containerTargets(ctx, args, vscode.l10n.t('Show the stats of which container?'), (c) => c.state === 'running', false);
      if (!container) return undefined;
      stats.show({ kind: 'container', id: container.id, name: container.name });
      return container.id;
    },
    /** From a project row ({ type: 'project', project }) or given the project's name. */
    'wharf.compose.stats': (node: unknown) => {
      const project = typeof node === 'string' ? node : (node as { project?: unknown } | undefined)?.project;
      if (typeof project !== 'string') return undefined;
      stats.show({ kind: 'project', project });
      return project;
    },
    'wharf.files.refresh': (node?: unknown) => files.refresh(node as FileNode | undefined),
    'wharf.files.open': (node: unknown) => vscode.commands.executeCommand('vscode.open', containerFileUri((node as FileNode).containerId, (node as FileNode).path)),
    /** Download to a folder: the one given (tests), else asked, starting at the workspace's first folder. */
    'wharf.files.download': async (node: unknown, target?: unknown) => {
      const file = node as FileNode | undefined;
      if (!file) return undefined;
      const folder = target instanceof vscode.Uri ? target : (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: vscode.l10n.t('Download Here') }))?.[0];
      if (!folder) return undefined;
      try {
        const local = await download(ctx, file.containerId, file.path, folder);
        if (local) vscode.window.setStatusBarMessage(vscode.l10n.t('Downloaded {0} to {1}', file.path, local), 5000);
        return local;
      } catch (err) {
        reportError(ctx, `download ${file.path}`, err);
        return undefined;
      }
    },
    'wharf.files.upload': async (node: unknown, sources?: unknown) => {
      const folder = node as FileNode | undefined;
      if (!folder?.folder) return [];
      const chosen = Array.isArray(sources) ? sources as vscode.Uri[] : await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: false, canSelectMany: true, openLabel: vscode.l10n.t('Upload') });
      if (!chosen?.length) return [];
      try {
        const written = await upload(ctx, folder.containerId, folder.path, chosen);
        files.refresh(folder);
        return written;
      } catch (err) {
        reportError(ctx, `upload to ${folder.path}`, err);
        return [];
      }
    },
    'wharf.files.delete': async (node: unknown) => {
      const file = node as FileNode | undefined;
      if (!file) return false;
      const remove = vscode.l10n.t('Delete');
      const chosen = await ctx.prompts.confirm(vscode.l10n.t('Delete {0} in the container?', file.path), file.folder ? vscode.l10n.t('The folder and everything in it are deleted. This cannot be undone.') : vscode.l10n.t('This cannot be undone.'), vscode.l10n.t('Keep'), [remove]);
      if (chosen !== remove) return false;
      try {
        await deletePath(requireDocker(ctx), file.containerId, file.path);
        const parent = files.getParent(file);
        files.refresh(parent);
        return true;
      } catch (err) {
        reportError(ctx, `delete ${file.path}`, err);
        return false;
      }
    },
  };
  for (const [id, handler] of Object.entries(commands)) disposables.push(vscode.commands.registerCommand(id, handler));
  return { fileSystem, files, stats, dispose: () => { for (const d of disposables.reverse()) d.dispose(); } };
}
