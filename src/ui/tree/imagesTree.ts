// The Images view: repositories, each tag a row with size and age; expanding a tag shows its
// layers (the image's history), since people think of images as built in layers. Dangling images
// appear under "<none>" only when the user asks for them.
import * as vscode from 'vscode';
import { imageHistory, type ImageLayer } from '../../docker/images';
import type { ImageModel, StoreChange } from '../../docker/model';
import type { Config } from '../config';
import { formatAge, formatSize, shortId } from '../display/format';
import { imageTagDescription, imageTooltip, isDangling, layerLabel, layerTooltip, splitReference, usableTags } from '../display/imageText';
import type { SessionHolder } from '../session';

export type ImageTreeNode = RepositoryNode | ImageTagNode | LayerNode | MessageNode;
export interface RepositoryNode { readonly type: 'repository'; readonly repository: string }
/** One tag of an image; `reference` is undefined for a dangling image. */
export interface ImageTagNode { readonly type: 'imageTag'; readonly imageId: string; readonly reference?: string; readonly parent: RepositoryNode }
export interface LayerNode { readonly type: 'layer'; readonly parent: ImageTagNode; readonly index: number; readonly layer: ImageLayer }
export interface MessageNode { readonly type: 'message'; readonly parent: ImageTagNode; readonly text: string }

export const DANGLING_REPOSITORY = '<none>';

export class ImagesTreeProvider implements vscode.TreeDataProvider<ImageTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ImageTreeNode | ImageTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly repositories = new Map<string, RepositoryNode>();
  private readonly tags = new Map<string, ImageTagNode>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private storeSubscription: vscode.Disposable | undefined;

  constructor(private readonly sessions: SessionHolder, private readonly config: Config) {
    this.bindStore();
    this.subscriptions.push(sessions.onDidChange(() => { this.bindStore(); this.changed.fire(undefined); }));
    this.subscriptions.push(config.onDidChange((keys) => { if (keys.includes('images.showDangling')) this.changed.fire(undefined); }));
  }

  getTreeItem(node: ImageTreeNode): vscode.TreeItem {
    const store = this.sessions.current.store;
    switch (node.type) {
      case 'repository': {
        const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `repository:${node.repository}`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = node.repository === DANGLING_REPOSITORY ? 'imageRepository dangling' : 'imageRepository';
        return item;
      }
      case 'imageTag': {
        const image = store.image(node.imageId);
        const item = new vscode.TreeItem(node.reference ? splitReference(node.reference).tag : shortId(node.imageId), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `image:${node.reference ?? node.imageId}`;
        item.iconPath = new vscode.ThemeIcon(image && image.containers > 0 ? 'package' : 'file-binary');
        if (image) item.description = imageTagDescription(image);
        item.contextValue = node.reference ? 'image tagged' : 'image dangling';
        return item;
      }
      case 'layer': {
        const { layer } = node;
        const item = new vscode.TreeItem(layerLabel(layer.createdBy), vscode.TreeItemCollapsibleState.None);
        item.id = `layer:${node.parent.reference ?? node.parent.imageId}:${node.index}`;
        item.description = `${formatSize(layer.size)} · ${formatAge(layer.createdAt)}`;
        item.iconPath = new vscode.ThemeIcon(layer.size > 0 ? 'layers' : 'layers-dot');
        item.tooltip = layerTooltip(layer.createdBy); // plain text: shown literally
        item.contextValue = 'imageLayer';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ImageTreeNode): vscode.TreeItem {
    if (node.type === 'imageTag') {
      const image = this.sessions.current.store.image(node.imageId);
      if (image) item.tooltip = new vscode.MarkdownString(imageTooltip(image, node.reference));
    }
    return item;
  }

  async getChildren(node?: ImageTreeNode): Promise<ImageTreeNode[]> {
    const store = this.sessions.current.store;
    if (store.connection.status !== 'connected') return [];
    if (!node) return this.repositoryNodes(store.images());
    if (node.type === 'repository') return this.tagNodes(node, store.images());
    if (node.type === 'imageTag') return this.layerNodes(node);
    return [];
  }

  /** The row of an image in the store, under `reference` when that is one of its tags (for reveal). */
  tagNodeFor(imageId: string, reference?: string): ImageTagNode | undefined {
    const image = this.sessions.current.store.image(imageId);
    if (!image) return undefined;
    const tags = usableTags(image);
    const tag = reference && tags.includes(reference) ? reference : tags[0];
    if (!tag) return this.config.showDanglingImages ? this.tagNode(image.id, undefined, this.repositoryNode(DANGLING_REPOSITORY)) : undefined;
    return this.tagNode(image.id, tag, this.repositoryNode(splitReference(tag).repository));
  }

  getParent(node: ImageTreeNode): ImageTreeNode | undefined {
    return node.type === 'repository' ? undefined : node.parent;
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  private repositoryNodes(images: readonly ImageModel[]): RepositoryNode[] {
    const names = new Set<string>();
    let dangling = false;
    for (const image of images) {
      if (isDangling(image)) dangling = true;
      for (const tag of usableTags(image)) names.add(splitReference(tag).repository);
    }
    const nodes = [...names].sort((a, b) => a.localeCompare(b)).map((name) => this.repositoryNode(name));
    if (dangling && this.config.showDanglingImages) nodes.push(this.repositoryNode(DANGLING_REPOSITORY));
    return nodes;
  }

  private tagNodes(repository: RepositoryNode, images: readonly ImageModel[]): ImageTagNode[] {
    const nodes: ImageTagNode[] = [];
    const sorted = [...images].sort((a, b) => b.createdAt - a.createdAt);
    for (const image of sorted) {
      if (repository.repository === DANGLING_REPOSITORY) {
        if (isDangling(image)) nodes.push(this.tagNode(image.id, undefined, repository));
        continue;
      }
      for (const reference of usableTags(image)) {
        if (splitReference(reference).repository === repository.repository) nodes.push(this.tagNode(image.id, reference, repository));
      }
    }
    return nodes;
  }

  private async layerNodes(tag: ImageTagNode): Promise<ImageTreeNode[]> {
    const docker = this.sessions.current.docker();
    if (!docker) return [];
    try {
      const layers = await imageHistory(docker, tag.imageId);
      return layers.map((layer, index) => ({ type: 'layer', parent: tag, index, layer }));
    } catch (err) {
      return [{ type: 'message', parent: tag, text: vscode.l10n.t('Could not read the layers: {0}', err instanceof Error ? err.message : String(err)) }];
    }
  }

  private repositoryNode(repository: string): RepositoryNode {
    let node = this.repositories.get(repository);
    if (!node) { node = { type: 'repository', repository }; this.repositories.set(repository, node); }
    return node;
  }

  private tagNode(imageId: string, reference: string | undefined, parent: RepositoryNode): ImageTagNode {
    const key = reference ?? imageId;
    let node = this.tags.get(key);
    // A tag that moved to another image is a different row: same id string, new content.
    if (!node || node.imageId !== imageId) { node = { type: 'imageTag', imageId, reference, parent }; this.tags.set(key, node); }
    return node;
  }

  private bindStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.sessions.current.store.onDidChange((changes) => this.onStoreChange(changes));
  }

  private onStoreChange(changes: StoreChange[]): void {
    let root = false;
    const rows = new Set<ImageTreeNode>();
    for (const change of changes) {
      if (change.kind === 'connection') { root = true; continue; }
      if (change.kind !== 'image') continue;
      // New or removed images and re-tags can add or drop whole repositories: redraw the list.
      if (change.all || change.added.length > 0 || change.removed.length > 0) { root = true; continue; }
      for (const id of change.updated) {
        const image = this.sessions.current.store.image(id);
        const shown = [...this.tags.values()].filter((n) => n.imageId === id);
        const tagsNow = image ? usableTags(image) : [];
        if (shown.some((n) => n.reference && !tagsNow.includes(n.reference)) || tagsNow.some((t) => !this.tags.has(t))) root = true;
        else shown.forEach((n) => rows.add(n));
      }
      for (const id of change.removed) for (const [key, n] of this.tags) if (n.imageId === id) this.tags.delete(key);
    }
    if (root) this.changed.fire(undefined);
    else if (rows.size > 0) this.changed.fire([...rows]);
  }
}
