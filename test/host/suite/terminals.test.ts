// The Logs and Attach Shell terminals, driven through their Pseudoterminals against real
// containers: what the terminal would display is collected from onDidWrite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { createLogsPty } from '../../../src/ui/terminals/logsTerminal';
import { createShellPty } from '../../../src/ui/terminals/shellTerminal';
import { waitFor } from '../../engine/waitFor';
import { engine, makeContainer, removeQuietly, uniqueName, until, wharf } from './explorerSupport';

function collect(pty: vscode.Pseudoterminal): { text: () => string; closed: Promise<number | void> } {
  let text = '';
  pty.onDidWrite((chunk) => { text += chunk; });
  const closed = new Promise<number | void>((resolve) => pty.onDidClose?.((code) => resolve(code)));
  return { text: () => text, closed };
}

function waitForText(get: () => string, pattern: RegExp, what: string): Promise<boolean> {
  return waitFor(what, () => pattern.test(get()), { detail: () => JSON.stringify(get()) });
}

describe('terminals on the real engine', function () {
  let api: WharfApi;
  const cleanup: Array<() => Promise<unknown>> = [];
  before(async () => { api = await wharf(); });
  afterEach(async () => { for (const undo of cleanup.splice(0).reverse()) await undo(); });

  it('Logs shows existing output, follows new lines, and ends lines with CRLF', async () => {
    // "later" is written only once the test creates /tmp/go, i.e. after the terminal has shown the
    // first lines: what arrives then can only have come through following the stream.
    const id = await makeContainer(uniqueName('logs'), { cmd: ['sh', '-c', 'echo first; echo oops >&2; until test -e /tmp/go; do sleep 1; done; echo later; sleep 3600'] });
    cleanup.push(() => removeQuietly(id));
    const container = await until(api, 'in store', () => api.sessions.current.store.container(id));
    const pty = createLogsPty(api, container);
    const out = collect(pty);
    pty.open(undefined);
    try {
      await waitForText(out.text, /first\r\n/, 'the first line');
      await waitForText(out.text, /oops/, 'stderr');
      assert.doesNotMatch(out.text(), /later/);
      const go = await engine().getContainer(id).exec({ Cmd: ['touch', '/tmp/go'] });
      await go.start({});
      await waitForText(out.text, /later\r\n/, 'a line written after opening (follow)');
      assert.ok(!/[^\r]\n/.test(out.text()), 'every newline became CRLF');
      assert.ok(out.text().includes("\u001b[31moops"), "stderr tinted");
    } finally {
      pty.close();
    }
  });

  it('Attach Shell runs commands through exec with a TTY and closes with the exit code', async () => {
    const id = await makeContainer(uniqueName('shell'));
    cleanup.push(() => removeQuietly(id));
    const container = await until(api, 'running in store', () => api.sessions.current.store.container(id)?.state === 'running' && api.sessions.current.store.container(id));
    const pty = createShellPty(api, container);
    const out = collect(pty);
    pty.open({ columns: 120, rows: 40 });
    pty.setDimensions?.({ columns: 100, rows: 30 });
    await waitForText(out.text, /[#$] /, 'a prompt');
    pty.handleInput?.('echo "$((6*7))-from-shell"\r');
    await waitForText(out.text, /42-from-shell/, 'the command output');
    pty.handleInput?.('exit 3\r');
    assert.equal(await out.closed, 3);
    assert.equal((await engine().getContainer(id).inspect()).State.Status, 'running', 'leaving the shell leaves the container running');
  });
});
