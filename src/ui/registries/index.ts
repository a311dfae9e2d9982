// The Registries view's pieces: the list of registries, the tree, its view, and how a registry is
// opened: with docker's credentials for it and the connected engine's verdict on plain HTTP (its
// insecure registries), so Wharf browses what the engine could pull.
import * as vscode from 'vscode';
import type { RegistryClient } from '../../docker/registry';
import { openRegistry, type RegistryAccessOptions } from '../../docker/registryAccess';
import { registryConfigOf } from '../../docker/registryTrust';
import { systemInfo } from '../../docker/system';
import type { SessionHolder } from '../session';
import { RegistriesTreeProvider, type RegistryTreeNode } from '../tree/registriesTree';
import { RegistryList } from './registryList';

export interface Registries extends vscode.Disposable {
  readonly list: RegistryList;
  readonly tree: RegistriesTreeProvider;
  readonly view: vscode.TreeView<RegistryTreeNode>;
  /** Credentials and trust for registry requests, as of now. */
  access(): Promise<RegistryAccessOptions>;
  open(registry: string): Promise<RegistryClient>;
}

/** Without an engine (or with one that says nothing, like Podman), loopback is insecure-allowed and nothing else. */
async function engineAccess(sessions: SessionHolder): Promise<RegistryAccessOptions> {
  const docker = sessions.current.docker();
  if (!docker) return {};
  try {
    return { engineRegistryConfig: registryConfigOf((await systemInfo(docker, { deadlineMs: 5_000 })).raw) };
  } catch {
    return {};
  }
}

export function createRegistries(state: vscode.Memento, sessions: SessionHolder): Registries {
  const list = new RegistryList(state);
  const access = (): Promise<RegistryAccessOptions> => engineAccess(sessions);
  const open = async (registry: string): Promise<RegistryClient> => openRegistry(registry, await access());
  const tree = new RegistriesTreeProvider(list, open);
  const view = vscode.window.createTreeView('wharf.registries', { treeDataProvider: tree, showCollapseAll: true });
  // Another engine may trust other registries.
  const sessionChange = sessions.onDidChange(() => tree.refresh());
  return {
    list, tree, view, access, open,
    dispose: () => { sessionChange.dispose(); view.dispose(); tree.dispose(); list.dispose(); },
  };
}
