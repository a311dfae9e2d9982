// Container files as a VS Code file system (scheme wharf-container, authority = container id,
// path = the path in the container): open, edit and save them in the editor, or through
// vscode.workspace.fs. Every call goes to the engine's archive API (src/docker/containerFiles.ts),
// so it works on a stopped container too. The engine reports no file changes: only Wharf's own
// writes are announced to watchers.
import * as vscode from 'vscode';
import {
  deletePath, isContainerPathError, listDirectory, makeDirectory, readFile, statResolved, writeFile, type ContainerPathStat,
} from '../../docker/containerFiles';
import { isWharfError } from '../../docker/errors';
import type { SessionHolder } from '../session';

/** How many symlinks of a folder are resolved at once (one HEAD request each). */
const LINKS_AT_ONCE = 8;

export const CONTAINER_SCHEME = 'wharf-container';

export function containerFileUri(containerId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTAINER_SCHEME, authority: containerId.toLowerCase(), path: path.startsWith('/') ? path : `/${path}` });
}

function fileType(stat: Pick<ContainerPathStat, 'kind'>, symlink = false): vscode.FileType {
  const base = stat.kind === 'directory' ? vscode.FileType.Directory : stat.kind === 'file' ? vscode.FileType.File : vscode.FileType.Unknown;
  return symlink ? base | vscode.FileType.SymbolicLink : base;
}

export class ContainerFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly sessions: SessionHolder) {}

  watch(): vscode.Disposable {
    // The engine has no file events; Wharf's own writes are announced by the methods below.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const stat = await this.call(uri, (docker) => statResolved(docker, uri.authority, uri.path));
    return { type: fileType(stat, stat.symlink), ctime: stat.mtime, mtime: stat.mtime, size: stat.size };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.call(uri, async (docker) => {
      const entries = await listDirectory(docker, uri.authority, uri.path);
      // A symlink's own entry does not say what it points to (a folder, a file, nothing): the
      // engine resolves each, a few at a time.
      const types = new Map<string, vscode.FileType>();
      const links = entries.filter((e) => e.kind === 'symlink');
      for (let i = 0; i < links.length; i += LINKS_AT_ONCE) {
        await Promise.all(links.slice(i, i + LINKS_AT_ONCE).map(async (link) => {
          const target = await statResolved(docker, uri.authority, link.path).catch(() => undefined);
          types.set(link.name, vscode.FileType.SymbolicLink | (target ? fileType(target) : vscode.FileType.Unknown));
        }));
      }
      return entries.map((e): [string, vscode.FileType] => [e.name, types.get(e.name) ?? fileType(e)]);
    });
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.call(uri, (docker) => readFile(docker, uri.authority, uri.path));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): Promise<void> {
    let existed = true;
    await this.call(uri, async (docker) => {
      existed = await statResolved(docker, uri.authority, uri.path).then(() => true, () => false);
      await writeFile(docker, uri.authority, uri.path, content, { create: options.create, overwrite: options.overwrite });
    });
    this.changed.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await this.call(uri, (docker) => makeDirectory(docker, uri.authority, uri.path));
    this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.call(uri, (docker) => deletePath(docker, uri.authority, uri.path));
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    // The archive API cannot move; a copy and delete would need exec and could half-fail.
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Renaming files in a container is not supported.'));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async call<T>(uri: vscode.Uri, run: (docker: NonNullable<ReturnType<SessionHolder['current']['docker']>>) => Promise<T>): Promise<T> {
    const docker = this.sessions.current.docker();
    if (!docker) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Wharf is not connected to an engine.'));
    try {
      return await run(docker);
    } catch (err) {
      throw fileSystemError(uri, err);
    }
  }
}

/** The engine's and the archive API's failures as the errors VS Code's file service understands. */
export function fileSystemError(uri: vscode.Uri, err: unknown): Error {
  if (isContainerPathError(err)) {
    switch (err.problem) {
      case 'notFound': return vscode.FileSystemError.FileNotFound(uri);
      case 'exists': return vscode.FileSystemError.FileExists(uri);
      case 'isDirectory': return vscode.FileSystemError.FileIsADirectory(uri);
      case 'notDirectory': return vscode.FileSystemError.FileNotADirectory(uri);
      case 'readOnly': return vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} is on a read-only file system in the container.', uri.path));
      case 'needsRunning': return vscode.FileSystemError.NoPermissions(vscode.l10n.t('Deleting needs the container to be running (the engine can only delete with a command in it).'));
      case 'noTool': return vscode.FileSystemError.NoPermissions(vscode.l10n.t('The container has no rm to delete with.'));
      case 'loop': return vscode.FileSystemError.FileNotFound(uri);
    }
  }
  if (isWharfError(err, 'notFound')) return vscode.FileSystemError.FileNotFound(vscode.l10n.t('The container of {0} no longer exists.', uri.path));
  if (isWharfError(err, 'unreachable') || isWharfError(err, 'timeout')) return vscode.FileSystemError.Unavailable(err.message);
  return err instanceof Error ? err : new Error(String(err));
}
