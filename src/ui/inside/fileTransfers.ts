// Copies between the workspace's disk and a container: download a file or folder, upload files
// and folders (drag and drop onto the Container Files view). Both stream: a file is piped from the
// engine's tar to disk or from disk into the tar Wharf sends, never held whole. Anything that
// would replace an existing file is confirmed first.
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import * as tarFs from 'tar-fs';
import { extractArchive, isContainerPathError, openArchive, readFileTo, statPath, statResolved, writeFile } from '../../docker/containerFiles';
import { requireDocker, type WharfContext } from '../context';

/** Asks before replacing; resolves true when the copy may go ahead. */
async function mayReplace(ctx: WharfContext, what: string, where: string): Promise<boolean> {
  const replace = vscode.l10n.t('Replace');
  const chosen = await ctx.prompts.confirm(vscode.l10n.t('{0} already exists in {1}. Replace it?', what, where), vscode.l10n.t('Its content is overwritten.'), vscode.l10n.t('Keep Existing'), [replace]);
  return chosen === replace;
}

/**
 * Downloads `path` of the container into the local folder `target` (a file as a file, a folder
 * with everything in it). Resolves with the local path written, or undefined when the user kept
 * what was there.
 */
export async function download(ctx: WharfContext, containerId: string, path: string, target: vscode.Uri): Promise<string | undefined> {
  const docker = requireDocker(ctx);
  const stat = await statResolved(docker, containerId, path);
  const name = posix.basename(stat.path) || 'root';
  const local = join(target.fsPath, name);
  if (existsSync(local) && !(await mayReplace(ctx, name, target.fsPath))) return undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', stat.path), cancellable: true }, async (_progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    if (stat.kind === 'directory') {
      // The tar's entries are named from the folder's own name: unpacked beside it, they land in it.
      const archive = await openArchive(docker, containerId, stat.linkTarget ?? stat.path, { signal: abort.signal });
      await pipeline(archive, tarFs.extract(target.fsPath, { map: (header) => ({ ...header, name: renameTop(header.name, posix.basename(stat.linkTarget ?? stat.path), name) }) }));
    } else {
      await readFileTo(docker, containerId, stat.path, createWriteStream(local), { signal: abort.signal });
    }
  });
  return local;
}

/** A tar entry of folder `from` renamed into folder `to` (a symlinked folder is saved under the link's name). */
function renameTop(entry: string, from: string, to: string): string {
  return from === to || !(entry === from || entry.startsWith(`${from}/`)) ? entry : `${to}${entry.slice(from.length)}`;
}

/**
 * Uploads local files and folders into the container's `folder`. Resolves with the container
 * paths written; one the user chose to keep is left out.
 */
export async function upload(ctx: WharfContext, containerId: string, folder: string, sources: vscode.Uri[]): Promise<string[]> {
  const docker = requireDocker(ctx);
  const written: string[] = [];
  for (const source of sources) {
    if (source.scheme !== 'file') continue;
    const name = basename(source.fsPath);
    const destination = posix.join(folder, name);
    const exists = await statPath(docker, containerId, destination).then(() => true, (err: unknown) => { if (isContainerPathError(err, 'notFound')) return false; throw err; });
    if (exists && !(await mayReplace(ctx, name, folder))) continue;
    const local = statSync(source.fsPath);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading {0}', name) }, async () => {
      if (local.isDirectory()) {
        // Packed as the folder itself (its name first), so it lands as folder/<name>/….
        const pack = tarFs.pack(join(source.fsPath, '..'), { entries: [name] });
        await extractArchive(docker, containerId, folder, pack);
      } else {
        await writeFile(docker, containerId, destination, { stream: createReadStream(source.fsPath), size: local.size });
      }
    });
    written.push(destination);
  }
  return written;
}
