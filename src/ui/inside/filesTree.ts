// The Container Files view: one container's file tree, read through the wharf-container file
// system (the archive API, so a stopped container's files show too). Folders list when expanded;
// a file opens in the editor; files and folders dropped from the Explorer (or the OS) onto a
// folder are uploaded into it, after asking before anything is replaced.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import type { WharfContext } from '../context';
import { reportError } from '../context';
import { containerFileUri } from './containerFileSystem';
import { upload } from './fileTransfers';

export interface FileNode {
  readonly containerId: string;
  readonly path: string;
  readonly folder: boolean;
}

export const FILES_VIEW = 'wharf.containerFiles';

export class ContainerFilesTree implements vscode.TreeDataProvider<FileNode>, vscode.TreeDragAndDropController<FileNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FileNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly dropMimeTypes = ['text/uri-list'];
  readonly dragMimeTypes: string[] = [];
  private shown: { id: string; name: string } | undefined;
  private readonly nodes = new Map<string, FileNode>();
  readonly view: vscode.TreeView<FileNode>;

  constructor(private readonly ctx: WharfContext) {
    this.view = vscode.window.createTreeView(FILES_VIEW, { treeDataProvider: this, dragAndDropController: this, showCollapseAll: true });
  }

  /** The container whose files the view shows (undefined: none yet). */
  get container(): { id: string; name: string } | undefined {
    return this.shown;
  }

  /** Shows a container's files from its root, and reveals the view. */
  async show(id: string, name: string): Promise<void> {
    this.shown = { id, name };
    this.nodes.clear();
    this.view.description = name;
    await vscode.commands.executeCommand('setContext', 'wharf.files.shown', true);
    this.changed.fire(undefined);
    await vscode.commands.executeCommand(`${FILES_VIEW}.focus`);
  }

  refresh(node?: FileNode): void {
    this.changed.fire(node);
  }

  node(path: string, folder: boolean): FileNode {
    const id = this.shown?.id ?? '';
    const key = `${id}\0${path}`;
    let node = this.nodes.get(key);
    if (!node || node.folder !== folder) {
      node = { containerId: id, path, folder };
      this.nodes.set(key, node);
    }
    return node;
  }

  getTreeItem(node: FileNode): vscode.TreeItem {
    const uri = containerFileUri(node.containerId, node.path);
    const item = new vscode.TreeItem(uri, node.folder ? (node.path === '/' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
    item.id = `${node.containerId}:${node.path}`;
    if (node.path === '/') item.label = '/';
    item.contextValue = node.folder ? 'containerFolder' : 'containerFile';
    item.tooltip = node.path;
    if (!node.folder) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
    return item;
  }

  getParent(node: FileNode): FileNode | undefined {
    return node.path === '/' ? undefined : this.node(posix.dirname(node.path), true);
  }

  async getChildren(node?: FileNode): Promise<FileNode[]> {
    if (!this.shown) return [];
    if (!node) return [this.node('/', true)];
    try {
      const entries = await vscode.workspace.fs.readDirectory(containerFileUri(node.containerId, node.path));
      const folders = entries.filter(([, type]) => (type & vscode.FileType.Directory) !== 0);
      const files = entries.filter(([, type]) => (type & vscode.FileType.Directory) === 0);
      const sort = (list: typeof entries): typeof entries => [...list].sort((a, b) => a[0].localeCompare(b[0]));
      return [...sort(folders).map(([name]) => this.node(posix.join(node.path, name), true)), ...sort(files).map(([name]) => this.node(posix.join(node.path, name), false))];
    } catch (err) {
      reportError(this.ctx, `list ${node.path}`, err);
      return [];
    }
  }

  async handleDrop(target: FileNode | undefined, data: vscode.DataTransfer): Promise<void> {
    if (!this.shown) return;
    const list = await data.get('text/uri-list')?.asString();
    if (!list) return;
    const sources = list.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => vscode.Uri.parse(line));
    const folder = !target ? '/' : target.folder ? target.path : posix.dirname(target.path);
    try {
      const written = await upload(this.ctx, this.shown.id, folder, sources);
      if (written.length > 0) this.refresh(this.node(folder, true));
    } catch (err) {
      reportError(this.ctx, `upload to ${folder}`, err);
    }
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
