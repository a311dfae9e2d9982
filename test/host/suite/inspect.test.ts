// Inspect panels: the data posted follows the object's live changes, the page's HTML keeps the
// strict CSP with a nonce and no engine data in the markup, and with Show secrets off nothing the
// page is given, filters or copies (through the host, onto the real clipboard) holds a secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MASK } from '../../../src/docker/secrets';
import type { WharfApi } from '../../../src/extension';
import { matchesFilter } from '../../../src/webview/inspect/jsonPath';
import type { JsonPath, PageToHost } from '../../../src/webview/inspect/protocol';
import { waitFor } from '../../engine/waitFor';
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

  it('keeps secrets masked in what the page is given, filters and copies until Show secrets is ticked', async () => {
    const secrets = ['hunter2-env', 'tok-flag', 'k-label', 'pw-url'];
    const id = await makeContainer(uniqueName('secrets'), {
      start: false,
      env: [`DB_PASSWORD=${secrets[0]}`, 'MODE=prod'],
      cmd: ['serve', '--token', secrets[1]],
      labels: { 'com.example.api-key': secrets[2], upstream: `https://me:${secrets[3]}@example.com` },
    });
    cleanup.push(() => removeQuietly(id));
    await until(api, 'in store', () => api.sessions.current.store.container(id));
    await api.inspect.show('container', id, 'secrets');
    // The real page loads in the webview and reports its Show secrets state (off) first.
    await waitFor('the inspect page to be ready', () => api.inspect.isPageReady('container', id));

    const given = (): { data: unknown; revealed: boolean } => {
      const message = api.inspect.lastMessage('container', id);
      assert.equal(message?.type, 'show');
      return message as { data: unknown; revealed: boolean };
    };
    const copy = async (what: 'value' | 'path' | 'json', path: JsonPath): Promise<string> => {
      await vscode.env.clipboard.writeText('(nothing copied)');
      await api.inspect.receive('container', id, { type: 'copy', what, path } satisfies PageToHost);
      return vscode.env.clipboard.readText();
    };
    const leaks = (text: string): string[] => secrets.filter((secret) => text.includes(secret));

    assert.equal(given().revealed, false);
    assert.deepEqual(leaks(JSON.stringify(given().data)), [], 'the page is given masked data');
    for (const secret of secrets) assert.ok(!matchesFilter(given().data, [], secret), `the filter matches ${secret}`);
    const parents: JsonPath[] = [[], ['Config'], ['Config', 'Env'], ['Config', 'Labels'], ['Config', 'Cmd'], ['Config', 'Env', 0]];
    for (const path of parents) {
      const text = await copy('value', path);
      assert.notEqual(text, '(nothing copied)', `Copy value of ${path.join('.')} copied something`);
      assert.deepEqual(leaks(text), [], `Copy value of ${path.join('.') || 'the root'}`);
    }
    assert.deepEqual(leaks(await copy('json', [])), [], 'Copy JSON');
    assert.equal(await copy('value', ['Config', 'Env', 0]), `DB_PASSWORD=${MASK}`);
    assert.ok((await copy('value', ['Config', 'Labels', 'upstream'])).includes(`me:${MASK}@example.com`));

    await api.inspect.receive('container', id, { type: 'reveal', revealed: true });
    assert.equal(given().revealed, true);
    assert.deepEqual(leaks(JSON.stringify(given().data)), secrets, 'Show secrets gives the page the real values');
    assert.equal(await copy('value', ['Config', 'Env', 0]), `DB_PASSWORD=${secrets[0]}`);
    assert.deepEqual(leaks(await copy('value', ['Config'])), secrets);

    await api.inspect.receive('container', id, { type: 'reveal', revealed: false });
    assert.deepEqual(leaks(JSON.stringify(given().data)), []);
    assert.deepEqual(leaks(await copy('json', [])), []);
  });

  it('shows each object in the one Inspect view; Keep Inspect Panel Open keeps the shown one in an editor panel', async () => {
    const [a, b] = [uniqueName('keep-a'), uniqueName('keep-b')];
    const ids = [await makeContainer(a, { start: false }), await makeContainer(b, { start: false })];
    cleanup.push(() => removeQuietly(ids[0]), () => removeQuietly(ids[1]));
    await until(api, 'both in the store', () => ids.every((id) => api.sessions.current.store.container(id)));
    const first = await api.inspect.show('container', ids[0], a);
    const second = await api.inspect.show('container', ids[1], b);
    assert.equal(first, second, 'the same view shows the next object');
    assert.equal(api.inspect.isOpen('container', ids[0]), false, 'the view answers for the object it shows now');
    assert.equal(await vscode.commands.executeCommand('wharf.inspect.keepOpen'), true);
    const tab = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === `Inspect ${b}`);
    await waitFor('the kept panel\'s tab', () => tab(), { wake: (resume) => vscode.window.tabGroups.onDidChangeTabs(resume) });
    await until(api, 'the kept panel given its data', () => api.inspect.lastMessage('container', ids[1])?.type === 'show');
    const view = await api.inspect.show('container', ids[0], a);
    assert.equal(view, first, 'the next object goes to the view, not the kept panel');
    assert.ok(api.inspect.isOpen('container', ids[0]) && api.inspect.isOpen('container', ids[1]));
  });
});
