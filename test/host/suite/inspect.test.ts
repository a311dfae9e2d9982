// Inspect panels: the data posted follows the object's live changes, and the page's HTML keeps
// the strict CSP with a nonce and no engine data in the markup.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { engine, makeContainer, removeQuietly, uniqueName, until, wharf } from './explorerSupport';

describe('inspect panels on the real engine', function () {
  let api: WharfApi;
  const cleanup: Array<() => Promise<unknown>> = [];
  before(async () => { api = await wharf(); });
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const stateOf = (id: string): string | undefined => {
    const message = api.inspect.lastMessage('container', id);
    return message?.type === 'show' ? (message.data as { State: { Status: string } }).State.Status : undefined;
  };

  it('updates the panel\'s data live when the container changes, and says when it is gone', async () => {
    const id = await makeContainer(uniqueName('live'));
    cleanup.push(() => removeQuietly(id));
    await until(api, 'in store', () => api.sessions.current.store.container(id));
    const panel = await api.inspect.show('container', id, 'live');
    assert.equal(stateOf(id), 'running');
    await engine().getContainer(id).pause();
    await until(api, 'paused in the panel', () => stateOf(id) === 'paused');
    await engine().getContainer(id).remove({ force: true });
    await until(api, 'gone in the panel', () => api.inspect.lastMessage('container', id)?.type === 'gone');
    assert.ok(panel.visible !== undefined);
  });

  it('serves a page with a nonce CSP, no inline engine data, and the bundled script', async () => {
    const id = await makeContainer(uniqueName('csp'), { start: false, labels: { note: '<img src=x onerror=alert(1)>' } });
    cleanup.push(() => removeQuietly(id));
    await until(api, 'in store', () => api.sessions.current.store.container(id));
    const panel = await api.inspect.show('container', id, 'csp');
    const html = panel.webview.html;
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16);
    assert.ok(html.includes(`nonce="${nonce}" src=`), 'the script carries the nonce');
    assert.ok(!html.includes('onerror'), 'engine data is never in the markup');
    assert.ok(!/<script(?![^>]*src=)[^>]*>[^<]+<\/script>/.test(html), 'no inline script');
    assert.deepEqual(panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').pop()), ['dist', 'media']);
  });

  it('inspects an image by id', async () => {
    const image = api.sessions.current.store.images().find((i) => i.repoTags.includes('wharf-test/busybox:latest'));
    assert.ok(image);
    await vscode.commands.executeCommand('wharf.image.inspect', 'wharf-test/busybox:latest');
    const message = api.inspect.lastMessage('image', image.id);
    assert.equal(message?.type === 'show' && (message.data as { Id: string }).Id, image.id);
  });
});
