// The extension, loaded in development mode into a real VS Code, activates and contributes what
// package.json promises: the Wharf view container with its views, every command, and its log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { waitFor } from '../../engine/waitFor';

const EXTENSION_ID = 'wharf.wharf';

interface Contributes {
  viewsContainers?: { activitybar?: { id: string }[] };
  views?: Record<string, { id: string }[]>;
  commands?: { command: string }[];
}

function wharf(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this VS Code`);
  return ext;
}

describe('activation', () => {
  before(async () => {
    await wharf().activate();
  });

  it('activates wharf.wharf and returns its API', () => {
    const ext = wharf();
    assert.equal(ext.isActive, true);
    assert.ok(ext.exports, 'activate() returned nothing');
  });

  it('returns its API only because it runs in development or test mode: an installed Wharf returns none', () => {
    const api = wharf().exports as WharfApi;
    assert.notEqual(api.extension.extensionMode, vscode.ExtensionMode.Production);
    assert.equal(typeof api.prompts.answerNext, 'function');
  });

  it('reads no Dockerfile editing code until a Dockerfile asks for it', async () => {
    const api = wharf().exports as WharfApi;
    // This suite runs first: nothing has opened a Dockerfile in this window yet.
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.languageId === 'dockerfile').map((d) => d.uri.fsPath), []);
    assert.equal(api.editing.loaded, false, 'dist/editing.js was loaded on activation');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tier opens a workspace folder');
    const dockerfile = vscode.Uri.joinPath(folder.uri, 'Dockerfile');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', dockerfile);
    assert.ok(symbols.length > 0);
    assert.equal(api.editing.loaded, true);
  });

  it('contributes the wharf activity-bar container with the containers and images views', () => {
    const contributes = wharf().packageJSON.contributes as Contributes;
    const containers = (contributes.viewsContainers?.activitybar ?? []).map((c) => c.id);
    assert.ok(containers.includes('wharf'), `activity-bar containers: ${containers.join(', ')}`);
    const views = (contributes.views?.wharf ?? []).map((v) => v.id);
    for (const id of ['wharf.containers', 'wharf.images']) assert.ok(views.includes(id), `views in wharf: ${views.join(', ')}`);
  });

  it('registers every command contributed in package.json', async () => {
    const contributed = (wharf().packageJSON.contributes as Contributes).commands?.map((c) => c.command) ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('logs to a LogOutputChannel named Wharf and opens it with wharf.showLog', async () => {
    const api = wharf().exports as { log?: vscode.LogOutputChannel };
    assert.equal(api.log?.name, 'Wharf');
    assert.equal(typeof api.log?.trace, 'function', 'not a LogOutputChannel');
    await vscode.commands.executeCommand('wharf.showLog');
  });

  it('resolves the views of the Wharf container in the workbench', async () => {
    // The focus commands exist only for views the workbench really registered from the manifest.
    await vscode.commands.executeCommand('wharf.containers.focus');
    await vscode.commands.executeCommand('wharf.images.focus');
  });
});

describe('test bed', () => {
  it('runs the extension host against the private test engine (DOCKER_HOST inherited from the server)', () => {
    const testHost = process.env.WHARF_TEST_DOCKER_HOST;
    assert.ok(testHost, 'WHARF_TEST_DOCKER_HOST is not in the extension host environment');
    assert.equal(process.env.DOCKER_HOST, testHost);
  });

  it('connects Wharf to that engine', async () => {
    const api = wharf().exports as WharfApi;
    const connection = () => api.sessions.current.store.connection;
    await waitFor('the engine connection', () => connection().status === 'connected', {
      wake: (resume) => api.sessions.current.store.onDidChange(resume),
      detail: () => JSON.stringify(connection()),
    });
  });

  it('opens the workspace folder the harness prepared, with its Dockerfile', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const found = await vscode.workspace.findFiles('**/Dockerfile');
    assert.ok(found.length > 0, `no Dockerfile in ${folder.uri.toString()}`);
  });
});
