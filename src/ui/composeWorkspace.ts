// The Compose projects the workspace's files describe: one per folder holding a compose file,
// named by Compose's rules (composeProject.ts). The tree shows them beside the engine's projects,
// so a project whose containers are all gone still shows while its files exist. Re-read when a
// compose or .env file is created, changed or deleted; nothing here is engine state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { composeProject } from '../docker/composeModel';
import { COMPOSE_DEFAULT_FILES, filesFor, resolveProject, serviceNames, type ResolvedProject } from '../docker/composeProject';
import type { ContainerModel } from '../docker/model';
import type { ProjectFacts } from './display/composeText';

/** A project as its files describe it, with the services they define. */
export type WorkspaceProject = ResolvedProject & { services: string[] };

const COMPOSE_GLOB = '**/{compose,docker-compose}.{yaml,yml}';
const WATCH_GLOB = '**/{*compose*.yaml,*compose*.yml,.env}';
const EXCLUDE_GLOB = '**/node_modules/**';

export class ComposeWorkspace implements vscode.Disposable {
  private projectList: WorkspaceProject[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private scanning: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
    // A deleted folder comes as one event for the folder, which the glob above does not match.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.subscriptions.push(watcher, deletions, this.changed,
      deletions.onDidDelete((uri) => { if (this.projectList.some((p) => isWithin(p.workingDir, uri.fsPath))) this.rescan(); }),
      watcher.onDidCreate(() => this.rescan()), watcher.onDidChange(() => this.rescan()), watcher.onDidDelete(() => this.rescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
    this.rescan();
  }

  /** The projects found, by name. */
  get projects(): readonly WorkspaceProject[] {
    return this.projectList;
  }

  project(name: string): WorkspaceProject | undefined {
    return this.projectList.find((p) => p.name === name);
  }

  /**
   * What is known of project `name`: the engine's side derived from `containers` now, the files
   * from the workspace, else the files its containers' labels name when they still exist.
   */
  facts(containers: readonly ContainerModel[], name: string): ProjectFacts {
    const engine = composeProject(containers, name);
    const files = this.project(name);
    if (files) return { name, engine, files: files.files, workingDir: files.workingDir };
    const labelled = engine?.configFiles ?? [];
    return { name, engine, files: labelled.length > 0 && labelled.every((f) => fs.existsSync(f)) ? labelled : [], workingDir: engine?.workingDir };
  }

  /** Resolves once the files as they are now have been read. */
  settled(): Promise<void> {
    return this.scanning;
  }

  rescan(): void {
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    this.scanning = (async () => {
      try {
        do {
          this.again = false;
          const found = await vscode.workspace.findFiles(COMPOSE_GLOB, EXCLUDE_GLOB);
          this.projectList = projectsOf(found.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
        } while (this.again);
      } finally {
        this.busy = false;
      }
      this.changed.fire();
    })();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** One project per folder: the file Compose itself would pick there, with its override. */
export function projectsOf(files: string[]): WorkspaceProject[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(path.dirname(file), [...(byFolder.get(path.dirname(file)) ?? []), path.basename(file)]);
  const projects: WorkspaceProject[] = [];
  for (const [folder, names] of byFolder) {
    const base = COMPOSE_DEFAULT_FILES.find((f) => names.includes(f));
    if (!base) continue;
    try {
      const project = resolveProject({ files: filesFor(path.join(folder, base)), envFiles: [] });
      projects.push({ ...project, services: serviceNames(project.files) });
    } catch { /* unreadable: not shown */ }
  }
  return projects.sort((a, b) => a.name.localeCompare(b.name));
}

function isWithin(folder: string, ancestor: string): boolean {
  return folder === ancestor || folder.startsWith(ancestor + path.sep);
}
