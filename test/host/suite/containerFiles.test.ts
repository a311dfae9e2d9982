// Container files in VS Code on the real engine: through vscode.workspace.fs (the
// wharf-container file system) and through the editor (open, type, save), in a running and a
// stopped container; clear errors for missing paths and a read-only root; the Container Files
// view lists a container's tree; drag and drop uploads; download asks before replacing.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { execCollect } from '../../../src/docker/containers';
import type { WharfApi } from '../../../src/extension';
import { containerFileUri } from '../../../src/ui/inside/containerFileSystem';
import { engine, makeContainer, removeQuietly, uniqueName, until, wharf } from './explorerSupport';

const catIn = async (id: string, path: string): Promise<string> => {
  const result = await execCollect(engine(), id, { command: ['cat', path] });
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout;
};

const codeOf = (err: unknown): string | undefined => (err as vscode.FileSystemError).code;

describe('container files in VS Code on the real engine', function () {
  let api: WharfApi;
  const cleanup: Array<() => Promise<unknown>> = [];
  before(async () => { api = await wharf(); });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  it('reads, writes, stats and lists through vscode.workspace.fs, binary-safe', async () => {
    const id = await makeContainer(uniqueName('fs'));
    cleanup.push(() => removeQuietly(id));
    const bytes = new Uint8Array([0, 1, 2, 255, 254, 10, 13, 0, 0x80]);
    const uri = containerFileUri(id, '/tmp/data.bin');
    await vscode.workspace.fs.writeFile(uri, bytes);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)), Buffer.from(bytes));
    const stat = await vscode.workspace.fs.stat(uri);
    assert.equal(stat.type, vscode.FileType.File);
    assert.equal(stat.size, bytes.length);
    const listed = await vscode.workspace.fs.readDirectory(containerFileUri(id, '/tmp'));
    assert.deepEqual(listed.find(([name]) => name === 'data.bin'), ['data.bin', vscode.FileType.File]);
    const bin = await vscode.workspace.fs.readDirectory(containerFileUri(id, '/bin'));
    assert.deepEqual(bin.find(([name]) => name === 'sh'), ['sh', vscode.FileType.SymbolicLink | vscode.FileType.File], 'a symlink says what it points to');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(containerFileUri(id, '/tmp/nothing-here'))), (err: unknown) => codeOf(err) === 'FileNotFound');
    // VS Code's file service makes the missing folders first (createDirectory, one PUT each).
    await vscode.workspace.fs.writeFile(containerFileUri(id, '/made/by/vscode/x.bin'), bytes);
    assert.equal((await vscode.workspace.fs.stat(containerFileUri(id, '/made/by'))).type, vscode.FileType.Directory);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(containerFileUri(id, '/made/by/vscode/x.bin'))), Buffer.from(bytes));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readDirectory(containerFileUri(id, '/tmp/data.bin'))), (err: unknown) => codeOf(err) === 'FileNotADirectory');
  });

  it('opens a file of a stopped container in the editor, edits and saves it; the container has the new text', async () => {
    const id = await makeContainer(uniqueName('edit'), { cmd: ['sh', '-c', 'test -f /etc/app.conf || echo "greeting=hello" > /etc/app.conf; exec sleep 3600'] });
    cleanup.push(() => removeQuietly(id));
    await until(api, 'the file written', async () => (await catIn(id, '/etc/app.conf')) === 'greeting=hello\n');
    await engine().getContainer(id).kill();
    await until(api, 'stopped in the store', () => api.sessions.current.store.container(id)?.state === 'exited');
    const document = await vscode.workspace.openTextDocument(containerFileUri(id, '/etc/app.conf'));
    assert.equal(document.getText(), 'greeting=hello\n');
    const editor = await vscode.window.showTextDocument(document);
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'saved=from the editor\n')));
    assert.ok(document.isDirty);
    assert.ok(await document.save(), 'saved');
    assert.equal(document.isDirty, false);
    // Observed by the container itself once it runs again.
    await engine().getContainer(id).start();
    assert.equal(await catIn(id, '/etc/app.conf'), 'greeting=hello\nsaved=from the editor\n');
  });

  it('a read-only root refuses a save with NoPermissions', async () => {
    const docker = engine();
    const container = await docker.createContainer({ Image: 'wharf-test/busybox:latest', name: uniqueName('ro'), Cmd: ['sleep', '3600'], HostConfig: { ReadonlyRootfs: true } });
    cleanup.push(() => removeQuietly(container.id));
    await container.start();
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(containerFileUri(container.id, '/etc/new.conf'), new Uint8Array([1]))), (err: unknown) => codeOf(err) === 'NoPermissions' && /read-only/.test((err as Error).message));
  });

  it('the Container Files view lists a container\'s tree; a drop uploads; download asks before replacing', async () => {
    const id = await makeContainer(uniqueName('tree'));
    cleanup.push(() => removeQuietly(id));
    await until(api, 'in store', () => api.sessions.current.store.container(id));
    await vscode.commands.executeCommand('wharf.container.browseFiles', id);
    const files = api.inside.files;
    const [root] = await files.getChildren();
    assert.equal(root.path, '/');
    const top = await files.getChildren(root);
    for (const name of ['/bin', '/etc', '/tmp']) assert.ok(top.some((n) => n.path === name && n.folder), `${name} in ${top.map((n) => n.path).join(', ')}`);
    const firstFile = top.findIndex((n) => !n.folder);
    assert.ok(firstFile === -1 || top.slice(firstFile).every((n) => !n.folder), 'folders first');

    const local = mkdtempSync(join(tmpdir(), 'wharf-upload-'));
    writeFileSync(join(local, 'notes.txt'), 'from the host\n');
    mkdirSync(join(local, 'pack'));
    writeFileSync(join(local, 'pack', 'inner.txt'), 'inner\n');
    const tmp = top.find((n) => n.path === '/tmp')!;
    const drop = new vscode.DataTransfer();
    drop.set('text/uri-list', new vscode.DataTransferItem([vscode.Uri.file(join(local, 'notes.txt')), vscode.Uri.file(join(local, 'pack'))].map(String).join('\r\n')));
    await files.handleDrop(tmp, drop);
    assert.equal(await catIn(id, '/tmp/notes.txt'), 'from the host\n');
    assert.equal(await catIn(id, '/tmp/pack/inner.txt'), 'inner\n');
    assert.ok((await files.getChildren(tmp)).some((n) => n.path === '/tmp/notes.txt'));

    // Dropping it again: kept when the user keeps it, replaced when they say so.
    writeFileSync(join(local, 'notes.txt'), 'changed\n');
    api.prompts.answerNext('Keep Existing');
    await files.handleDrop(tmp, drop);
    assert.equal(await catIn(id, '/tmp/notes.txt'), 'from the host\n');
    api.prompts.answerNext('Replace', 'Replace');
    await files.handleDrop(tmp, drop);
    assert.equal(await catIn(id, '/tmp/notes.txt'), 'changed\n');

    const target = mkdtempSync(join(tmpdir(), 'wharf-download-'));
    const node = files.node('/tmp/pack', true);
    assert.equal(await vscode.commands.executeCommand('wharf.files.download', node, vscode.Uri.file(target)), join(target, 'pack'));
    assert.equal(readFileSync(join(target, 'pack', 'inner.txt'), 'utf8'), 'inner\n');
    writeFileSync(join(target, 'pack', 'inner.txt'), 'local edit\n');
    api.prompts.answerNext('Keep Existing');
    assert.equal(await vscode.commands.executeCommand('wharf.files.download', node, vscode.Uri.file(target)), undefined);
    assert.equal(readFileSync(join(target, 'pack', 'inner.txt'), 'utf8'), 'local edit\n');
    const file = files.node('/tmp/notes.txt', false);
    assert.equal(await vscode.commands.executeCommand('wharf.files.download', file, vscode.Uri.file(target)), join(target, 'notes.txt'));
    assert.equal(readFileSync(join(target, 'notes.txt'), 'utf8'), 'changed\n');
  });
});
