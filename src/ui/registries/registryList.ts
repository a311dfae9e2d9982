// Which registries the Registries view shows, and who is signed in to each: Docker Hub always,
// every registry docker's config names (auths, credHelpers, what the credsStore lists), and the
// ones the user added in Wharf (kept in the extension's global state, not in docker's config,
// until a log in puts them there). Read from docker's files on every refresh: `docker login` in a
// terminal shows up on the next one.
import * as vscode from 'vscode';
import { configuredRegistries, credentialsFor, type ConfiguredRegistry } from '../../docker/registryAuth';

export interface RegistryEntry {
  registry: string;
  /** The signed-in user name; "<token>" for an identity token; undefined when not signed in. */
  account?: string;
  /** Where the registry comes from, for its tooltip. */
  source: ConfiguredRegistry['source'] | 'default' | 'added';
  helper?: string;
  /** Added in Wharf (and so removable from the view). */
  added: boolean;
  /** Reading its credentials failed (a broken helper): why. */
  problem?: string;
}

const ADDED_KEY = 'wharf.registries.added';
const REPOSITORIES_KEY = 'wharf.registries.repositories';

export class RegistryList implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  async entries(): Promise<RegistryEntry[]> {
    const added = this.added();
    let configured: ConfiguredRegistry[] = [];
    let problem: string | undefined;
    try { configured = await configuredRegistries(); } catch (err) { problem = (err as Error).message; }
    const byName = new Map<string, RegistryEntry>();
    byName.set('docker.io', { registry: 'docker.io', source: 'default', added: false, problem });
    for (const c of configured) byName.set(c.registry, { registry: c.registry, source: c.source, helper: c.helper, added: added.includes(c.registry) });
    for (const registry of added) if (!byName.has(registry)) byName.set(registry, { registry, source: 'added', added: true });
    const entries = [...byName.values()];
    await Promise.all(entries.map(async (entry) => {
      try {
        const auth = await credentialsFor(entry.registry);
        entry.account = auth?.username ?? (auth?.identitytoken ? '<token>' : undefined);
      } catch (err) {
        entry.problem = (err as Error).message;
      }
    }));
    // Docker Hub first, then by name.
    return entries.sort((a, b) => Number(b.registry === 'docker.io') - Number(a.registry === 'docker.io') || a.registry.localeCompare(b.registry));
  }

  added(): string[] {
    return this.state.get<string[]>(ADDED_KEY, []);
  }

  async add(registry: string): Promise<void> {
    if (!this.added().includes(registry)) await this.state.update(ADDED_KEY, [...this.added(), registry]);
    this.changed.fire();
  }

  async remove(registry: string): Promise<void> {
    await this.state.update(ADDED_KEY, this.added().filter((r) => r !== registry));
    const remembered = { ...this.allRepositories() };
    delete remembered[registry];
    await this.state.update(REPOSITORIES_KEY, remembered);
    this.changed.fire();
  }

  /** Repositories opened by name (registries without a catalog, like Docker Hub). */
  repositories(registry: string): string[] {
    return this.allRepositories()[registry] ?? [];
  }

  async rememberRepository(registry: string, repository: string): Promise<void> {
    const all = this.allRepositories();
    const list = all[registry] ?? [];
    if (!list.includes(repository)) await this.state.update(REPOSITORIES_KEY, { ...all, [registry]: [...list, repository].sort() });
    this.changed.fire();
  }

  /** Docker's config changed (a log in or out): read it again. */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private allRepositories(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(REPOSITORIES_KEY, {});
  }
}
