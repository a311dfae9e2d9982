// The Registries view: each registry with its signed-in account; under it its repositories (the
// catalog, a page at a time, or the repositories opened by name where there is no catalog), under
// each its tags with digest, size, platforms and date, fetched a few at a time once the tags show.
// What was fetched is kept until a refresh; every request is cancelled when the view is refreshed
// or disposed.
import * as vscode from 'vscode';
import { RegistryError, type RegistryClient, type TagDetails } from '../../docker/registry';
import { platformText, registryLabel, sortTags, tagDescription, tagReference } from '../display/registryText';
import { formatSize } from '../display/format';
import type { RegistryEntry, RegistryList } from '../registries/registryList';

export interface RegistryNode { readonly type: 'registry'; readonly registry: string }
export interface RepositoryNode { readonly type: 'repository'; readonly registry: string; readonly repository: string }
export interface RegistryTagNode { readonly type: 'registryTag'; readonly registry: string; readonly repository: string; readonly tag: string; readonly reference: string }
export interface MoreNode { readonly type: 'more'; readonly registry: string; readonly repository?: string }
export interface RegistryMessageNode { readonly type: 'registryMessage'; readonly registry: string; readonly repository?: string; readonly kind: 'login' | 'openRepository' | 'error' | 'empty'; readonly text: string; readonly hint?: string }
export type RegistryTreeNode = RegistryNode | RepositoryNode | RegistryTagNode | MoreNode | RegistryMessageNode;

/** Catalog and tag pages: enough for a view, small enough to arrive quickly. */
const PAGE_SIZE = 100;
/** Tag details (a manifest and a config blob each) fetched at once per view. */
const DETAILS_AT_ONCE = 4;

interface Listing { items: string[]; next?: string; error?: RegistryError | Error; noCatalog?: boolean }

export class RegistriesTreeProvider implements vscode.TreeDataProvider<RegistryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries: RegistryEntry[] | undefined;
  private readonly nodes = new Map<string, RegistryTreeNode>();
  private readonly clients = new Map<string, Promise<RegistryClient>>();
  private readonly catalogs = new Map<string, Listing>();
  private readonly tagLists = new Map<string, Listing>();
  private readonly details = new Map<string, TagDetails | Error>();
  private readonly detailQueue: RegistryTagNode[] = [];
  private detailsRunning = 0;
  private aborter = new AbortController();
  private readonly subscription: vscode.Disposable;

  /** `open` makes the client for a registry (its credentials, the engine's trust verdict). */
  constructor(private readonly list: RegistryList, private readonly open: (registry: string) => Promise<RegistryClient>) {
    this.subscription = list.onDidChange(() => this.refresh());
  }

  /** Forgets everything fetched (or only one registry's) and cancels what is in flight. */
  refresh(registry?: string): void {
    if (registry) {
      // Its account may have changed too: the root is listed again, other registries keep what they fetched.
      this.forget(registry);
      this.entries = undefined;
      this.changed.fire(undefined);
      return;
    }
    this.aborter.abort();
    this.aborter = new AbortController();
    this.entries = undefined;
    this.clients.clear();
    this.catalogs.clear();
    this.tagLists.clear();
    this.details.clear();
    this.detailQueue.length = 0;
    this.changed.fire(undefined);
  }

  /** Forgets one repository's tags (after a push or delete there). */
  refreshRepository(registry: string, repository: string): void {
    this.tagLists.delete(`${registry}/${repository}`);
    for (const key of [...this.details.keys()]) if (key.startsWith(`${registry}/${repository}:`)) this.details.delete(key);
    // A pushed repository may be new to the catalog.
    this.catalogs.delete(registry);
    this.changed.fire(this.nodes.get(`registry:${registry}`));
  }

  entry(registry: string): RegistryEntry | undefined {
    return this.entries?.find((e) => e.registry === registry);
  }

  /** The registries as last listed, read again when unknown. */
  async registries(): Promise<RegistryEntry[]> {
    this.entries ??= await this.list.entries();
    return this.entries;
  }

  /** What is known of a tag (for tests and the Delete confirmation). */
  detailsOf(node: RegistryTagNode): TagDetails | undefined {
    const known = this.details.get(`${node.registry}/${node.repository}:${node.tag}`);
    return known instanceof Error ? undefined : known;
  }

  getTreeItem(node: RegistryTreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'registry': return this.registryItem(node);
      case 'repository': {
        const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = idOf(node);
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'registryRepository';
        return item;
      }
      case 'registryTag': return this.tagItem(node);
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.id = idOf(node);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'wharf.registry.loadMore', title: vscode.l10n.t('Load more…'), arguments: [node] };
        return item;
      }
      case 'registryMessage': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = idOf(node);
        item.tooltip = node.hint ? `${node.text}\n${node.hint}` : node.text;
        item.description = node.hint;
        if (node.kind === 'login') {
          item.iconPath = new vscode.ThemeIcon('sign-in');
          item.command = { command: 'wharf.registry.login', title: node.text, arguments: [{ type: 'registry', registry: node.registry }] };
        } else if (node.kind === 'openRepository') {
          item.iconPath = new vscode.ThemeIcon('go-to-file');
          item.command = { command: 'wharf.registry.openRepository', title: node.text, arguments: [{ type: 'registry', registry: node.registry }] };
        } else {
          item.iconPath = new vscode.ThemeIcon(node.kind === 'error' ? 'error' : 'info', node.kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
        }
        return item;
      }
    }
  }

  async getChildren(node?: RegistryTreeNode): Promise<RegistryTreeNode[]> {
    if (!node) return (await this.registries()).map((e) => this.node<RegistryNode>({ type: 'registry', registry: e.registry }));
    if (node.type === 'registry') return this.repositoryNodes(node.registry);
    if (node.type === 'repository') return this.tagNodes(node.registry, node.repository);
    return [];
  }

  getParent(node: RegistryTreeNode): RegistryTreeNode | undefined {
    if (node.type === 'registry') return undefined;
    if (node.type === 'registryTag' || ((node.type === 'more' || node.type === 'registryMessage') && node.repository)) {
      return this.node<RepositoryNode>({ type: 'repository', registry: node.registry, repository: node.repository! });
    }
    return this.node<RegistryNode>({ type: 'registry', registry: node.registry });
  }

  /** Fetches the next page of a catalog or tag list, then shows it. */
  async loadMore(node: MoreNode): Promise<void> {
    const listing = node.repository ? this.tagLists.get(`${node.registry}/${node.repository}`) : this.catalogs.get(node.registry);
    if (!listing?.next) return;
    const client = await this.clientFor(node.registry);
    const signal = this.aborter.signal;
    const page = node.repository ? await client.tags(node.repository, { next: listing.next, signal }) : await client.catalog({ next: listing.next, signal });
    listing.items.push(...page.items);
    listing.next = page.next;
    this.changed.fire(this.getParent(node));
  }

  dispose(): void {
    this.aborter.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }

  private registryItem(node: RegistryNode): vscode.TreeItem {
    const entry = this.entry(node.registry);
    const item = new vscode.TreeItem(registryLabel(node.registry), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = idOf(node);
    const signedIn = entry?.account !== undefined;
    item.description = entry?.problem ? vscode.l10n.t('credentials unreadable')
      : signedIn ? (entry.account === '<token>' ? vscode.l10n.t('signed in with a token') : entry.account) : vscode.l10n.t('not signed in');
    item.iconPath = new vscode.ThemeIcon(signedIn ? 'account' : 'cloud');
    const where = entry?.helper ? vscode.l10n.t('Credentials in docker-credential-{0}.', entry.helper) : signedIn ? vscode.l10n.t('Credentials in config.json.') : '';
    item.tooltip = [node.registry, signedIn ? vscode.l10n.t('Signed in as {0}.', entry.account!) : vscode.l10n.t('Not signed in.'), where, entry?.problem ?? ''].filter(Boolean).join('\n');
    item.contextValue = `registry ${signedIn ? 'signedIn' : 'signedOut'}${entry?.added ? ' added' : ''}`;
    return item;
  }

  private tagItem(node: RegistryTagNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.tag, vscode.TreeItemCollapsibleState.None);
    item.id = idOf(node);
    item.iconPath = new vscode.ThemeIcon('tag');
    item.contextValue = 'registryTag';
    const known = this.details.get(`${node.registry}/${node.repository}:${node.tag}`);
    if (known instanceof Error) {
      item.description = vscode.l10n.t('details unavailable');
      item.tooltip = known.message;
    } else if (known) {
      item.description = tagDescription(known);
      item.tooltip = new vscode.MarkdownString([
        `**${node.reference}**`, '',
        `${vscode.l10n.t('Digest')}: \`${known.digest}\``,
        known.size !== undefined ? `${vscode.l10n.t('Size')}: ${formatSize(known.size)}${known.platforms.length ? ` (${platformText(known.platforms[0])})` : ''}` : '',
        known.platforms.length ? `${vscode.l10n.t('Platforms')}: ${known.platforms.map(platformText).join(', ')}` : '',
        known.created ? `${vscode.l10n.t('Created')}: ${known.created.toISOString()}` : '',
      ].filter((line, i) => i < 2 || line).join('  \n'));
    } else {
      item.description = vscode.l10n.t('loading…');
      this.queueDetails(node);
    }
    return item;
  }

  private async repositoryNodes(registry: string): Promise<RegistryTreeNode[]> {
    let listing = this.catalogs.get(registry);
    if (!listing) {
      listing = await this.fetchListing(registry, undefined);
      this.catalogs.set(registry, listing);
    }
    const remembered = this.list.repositories(registry).filter((r) => !listing.items.includes(r));
    const nodes: RegistryTreeNode[] = [...listing.items, ...remembered].map((repository) => this.node<RepositoryNode>({ type: 'repository', registry, repository }));
    if (listing.next) nodes.push(this.node<MoreNode>({ type: 'more', registry }));
    const error = listing.error;
    if (error) {
      const signedIn = this.entry(registry)?.account !== undefined;
      if (error instanceof RegistryError && error.code === 'unauthorized' && !signedIn) {
        nodes.push(this.node<RegistryMessageNode>({ type: 'registryMessage', registry, kind: 'login', text: vscode.l10n.t('Log in to browse…') }));
      } else if (!listing.noCatalog) {
        nodes.push(this.node<RegistryMessageNode>({ type: 'registryMessage', registry, kind: 'error', text: error.message, hint: error instanceof RegistryError ? error.hint : undefined }));
      }
    }
    if (listing.noCatalog || (listing.items.length === 0 && !error)) {
      nodes.push(this.node<RegistryMessageNode>({
        type: 'registryMessage', registry, kind: 'openRepository',
        text: listing.noCatalog ? vscode.l10n.t('No catalog here: Open Repository…') : vscode.l10n.t('No repositories yet: Open Repository…'),
      }));
    }
    return nodes;
  }

  private async tagNodes(registry: string, repository: string): Promise<RegistryTreeNode[]> {
    const key = `${registry}/${repository}`;
    let listing = this.tagLists.get(key);
    if (!listing) {
      listing = await this.fetchListing(registry, repository);
      this.tagLists.set(key, listing);
    }
    const nodes: RegistryTreeNode[] = sortTags(listing.items).map((tag) => this.node<RegistryTagNode>({ type: 'registryTag', registry, repository, tag, reference: tagReference(registry, repository, tag) }));
    if (listing.next) nodes.push(this.node<MoreNode>({ type: 'more', registry, repository }));
    if (listing.error) {
      const error = listing.error;
      const signedIn = this.entry(registry)?.account !== undefined;
      nodes.push(error instanceof RegistryError && error.code === 'unauthorized' && !signedIn
        ? this.node<RegistryMessageNode>({ type: 'registryMessage', registry, repository, kind: 'login', text: vscode.l10n.t('Log in to browse…') })
        : this.node<RegistryMessageNode>({ type: 'registryMessage', registry, repository, kind: 'error', text: error.message, hint: error instanceof RegistryError ? error.hint : undefined }));
    } else if (listing.items.length === 0) {
      nodes.push(this.node<RegistryMessageNode>({ type: 'registryMessage', registry, repository, kind: 'empty', text: vscode.l10n.t('No tags') }));
    }
    return nodes;
  }

  /** The first page of a catalog (no repository) or tag list; a failure becomes the listing's error. */
  private async fetchListing(registry: string, repository: string | undefined): Promise<Listing> {
    const signal = this.aborter.signal;
    try {
      const client = await this.clientFor(registry);
      const page = repository ? await client.tags(repository, { pageSize: PAGE_SIZE, signal }) : await client.catalog({ pageSize: PAGE_SIZE, signal });
      return { items: page.items, next: page.next };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      // Docker Hub and GHCR offer no catalog (Hub answers 401 even when signed in); registries
      // that turned it off answer 404 or 405.
      const noCatalog = !repository && error instanceof RegistryError
        && (error.code === 'notFound' || error.code === 'unsupported' || error.code === 'denied' || (error.code === 'unauthorized' && (registry === 'docker.io' || this.entry(registry)?.account !== undefined)));
      return { items: [], error, noCatalog };
    }
  }

  private clientFor(registry: string): Promise<RegistryClient> {
    let client = this.clients.get(registry);
    if (!client) {
      client = this.open(registry);
      this.clients.set(registry, client);
      client.catch(() => this.clients.delete(registry));
    }
    return client;
  }

  private queueDetails(node: RegistryTagNode): void {
    const key = `${node.registry}/${node.repository}:${node.tag}`;
    if (this.detailQueue.includes(node) || this.details.has(key)) return;
    this.detailQueue.push(node);
    this.pumpDetails();
  }

  private pumpDetails(): void {
    while (this.detailsRunning < DETAILS_AT_ONCE && this.detailQueue.length > 0) {
      const node = this.detailQueue.shift()!;
      const key = `${node.registry}/${node.repository}:${node.tag}`;
      const signal = this.aborter.signal;
      this.detailsRunning++;
      void this.clientFor(node.registry)
        .then((client) => client.tagDetails(node.repository, node.tag, { signal }))
        .then((details) => { if (!signal.aborted) this.details.set(key, details); }, (err: unknown) => { if (!signal.aborted) this.details.set(key, err instanceof Error ? err : new Error(String(err))); })
        .finally(() => {
          this.detailsRunning--;
          if (!signal.aborted) this.changed.fire(node);
          this.pumpDetails();
        });
    }
  }

  private forget(registry: string): void {
    this.clients.delete(registry);
    this.catalogs.delete(registry);
    for (const key of [...this.tagLists.keys()]) if (key.startsWith(`${registry}/`)) this.tagLists.delete(key);
    for (const key of [...this.details.keys()]) if (key.startsWith(`${registry}/`)) this.details.delete(key);
  }

  /** One object per row, so that reveal and getParent meet the nodes the view holds. */
  private node<T extends RegistryTreeNode>(node: T): T {
    const id = idOf(node);
    const known = this.nodes.get(id);
    // A message's text changes with what went wrong: the row takes the new one.
    if (known && node.type !== 'registryMessage') return known as T;
    this.nodes.set(id, node);
    return node;
  }
}

function idOf(node: RegistryTreeNode): string {
  switch (node.type) {
    case 'registry': return `registry:${node.registry}`;
    case 'repository': return `registry:${node.registry}/${node.repository}`;
    case 'registryTag': return `registry:${node.registry}/${node.repository}:${node.tag}`;
    case 'more': return `registry:${node.registry}/${node.repository ?? ''}#more`;
    case 'registryMessage': return `registry:${node.registry}/${node.repository ?? ''}#${node.kind}`;
  }
}
