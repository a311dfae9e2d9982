// The Logs and Attach Shell terminals, driven through their Pseudoterminals against real
// containers: what the terminal would display is collected from onDidWrite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { createLogsPty } from '../../../src/ui/terminals/logsTerminal';
import { TERMINAL_PACING } from '../../../src/ui/terminals/pacedOutput';
import { createShellPty } from '../../../src/ui/terminals/shellTerminal';
import { waitFor } from '../../engine/waitFor';
import { engine, makeContainer, removeQuietly, TEST_IMAGE, uniqueName, until, wharf } from './explorerSupport';

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

  it('Logs follows its container across stop, start and restart, without repeating lines, until removed', async () => {
    // Each run of the container writes its run number once: "run 2" can only come from following
    // the container into its second run, and "run 1" twice would be the old run shown again.
    const id = await makeContainer(uniqueName('relogs'), { cmd: ['sh', '-c', 'n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; echo "run $n"; exec sleep 3600'] });
    cleanup.push(() => removeQuietly(id));
    const container = await until(api, 'running in store', () => api.sessions.current.store.container(id)?.state === 'running' && api.sessions.current.store.container(id));
    const pty = createLogsPty(api, container);
    const out = collect(pty);
    pty.open(undefined);
    try {
      await waitForText(out.text, /run 1\r\n/, 'the first run');
      await engine().getContainer(id).kill();
      await waitForText(out.text, /stopped; its logs continue here/, 'the stop said');
      await engine().getContainer(id).start();
      await waitForText(out.text, /started again[\s\S]*run 2\r\n/, 'the second run followed');
      await engine().getContainer(id).restart({ t: 0 });
      await waitForText(out.text, /run 3\r\n/, 'the third run, after a restart');
      assert.equal(out.text().match(/run 1\r\n/g)?.length, 1, 'the first run is shown once');
      assert.equal(out.text().match(/run 2\r\n/g)?.length, 1, 'the second run is shown once');
      await engine().getContainer(id).remove({ force: true });
      await waitForText(out.text, /the container was removed/, 'the removal said');
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

  it('Logs decodes a character the engine split over two frames, on stdout and on stderr', async () => {
    // dockerd's copier cuts a line longer than 16 KiB after exactly 16384 bytes: 16383 spaces then
    // "é" (C3 A9) puts the cut between the two bytes of the character. The `local` log driver keeps
    // the bytes as they were (json-file would store the broken half as U+FFFD itself).
    const container = await engine().createContainer({
      Image: TEST_IMAGE, name: uniqueName('utf8'), Labels: { 'wharf.test': 'host' },
      Cmd: ['sh', '-c', "printf '%16383s\\303\\251\\n' ''; printf '%16383s\\303\\251\\n' '' >&2; echo done-out; echo done-err >&2"],
      HostConfig: { LogConfig: { Type: 'local', Config: {} } },
    });
    cleanup.push(() => removeQuietly(container.id));
    await container.start();
    await container.wait();
    // The premise, checked on the engine's own frames: one ends with the first byte of "é".
    const raw = await container.logs({ stdout: true, stderr: true, follow: false }) as unknown as Buffer;
    const frames: Array<{ stream: number; payload: Buffer }> = [];
    for (let at = 0; at + 8 <= raw.length; at += 8 + raw.readUInt32BE(at + 4)) frames.push({ stream: raw[at], payload: raw.subarray(at + 8, at + 8 + raw.readUInt32BE(at + 4)) });
    for (const stream of [1, 2]) assert.ok(frames.some((f) => f.stream === stream && f.payload.at(-1) === 0xc3), `no ${stream === 1 ? 'stdout' : 'stderr'} frame ends inside the character`);
    const model = await until(api, 'in store', () => api.sessions.current.store.container(container.id));
    const pty = createLogsPty(api, model);
    const out = collect(pty);
    pty.open(undefined);
    try {
      await waitForText(out.text, /the container stopped/, 'the stop note');
      // The note comes from the store's state, the lines from the log stream: wait for the last line
      // of each stream too (dockerd copies stdout and stderr apart, so one may end before the other).
      await waitForText(out.text, /done-out/, 'the whole of stdout');
      await waitForText(out.text, /done-err/, 'the whole of stderr');
      const text = out.text();
      assert.ok(!text.includes('\ufffd'), 'a split character became U+FFFD');
      // Each half arrives in its own write; stderr's are tinted one by one. The two streams' frames
      // may interleave (dockerd copies them apart), so the characters are counted, not their lines.
      const plain = text.split('\x1b[31m').join('').split('\x1b[0m').join('');
      assert.equal(plain.match(/é/g)?.length, 2, 'the character on stdout and on stderr');
      assert.ok(text.includes('\x1b[31mé'), 'the second half on stderr, tinted, completes its character');
    } finally {
      pty.close();
    }
  });

  it('Attach Shell decodes a character the TTY delivered in two reads', async () => {
    // The shell writes the first byte of "é", waits until the test has seen the text before it
    // (so that read has surely been delivered alone), then writes the second byte.
    const id = await makeContainer(uniqueName('ttyutf8'));
    cleanup.push(() => removeQuietly(id));
    const container = await until(api, 'running in store', () => api.sessions.current.store.container(id)?.state === 'running' && api.sessions.current.store.container(id));
    const pty = createShellPty(api, container, ['sh', '-c', "printf 'half:A\\303'; until test -e /tmp/go; do sleep 0.1; done; printf '\\251Z-end\\n'"]);
    const out = collect(pty);
    pty.open({ columns: 120, rows: 40 });
    await waitForText(out.text, /half:A/, 'the text before the split character');
    const go = await engine().getContainer(id).exec({ Cmd: ['touch', '/tmp/go'] });
    await go.start({});
    await waitForText(out.text, /Z-end/, 'the rest');
    assert.match(out.text(), /half:AéZ-end/);
    assert.equal(await out.closed, 0);
  });

  it('Logs of a flood: the engine stream is paused while the terminal is behind, nothing is lost, and what waits stays bounded', async () => {
    // 1,000 lines of 8 KB written as fast as the container can: the logs terminal receives 8 MB
    // far faster than it passes text on, so its flow control must pause the engine stream.
    // The container has finished writing when the terminal opens, so how fast this machine runs it
    // never decides whether the terminal falls behind: the whole log arrives at socket speed.
    const lines = 1000;
    const id = await makeContainer(uniqueName('flood'), { cmd: ['sh', '-c', `for i in $(seq 0 ${lines - 1}); do printf '%04d%8000s\\n' "$i" ''; done`] });
    cleanup.push(() => removeQuietly(id));
    await engine().getContainer(id).wait();
    const container = await until(api, 'exited in store', () => api.sessions.current.store.container(id)?.state === 'exited' && api.sessions.current.store.container(id));
    const pty = createLogsPty(api, container);
    // Checked as the text arrives (8 MB is not kept): every line whole, in order, none missing.
    let next = 0;
    let rest = '';
    let broken: string | undefined;
    let ended = false;
    pty.onDidWrite((chunk) => {
      const parts = (rest + chunk).split('\r\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (line.includes('the container stopped')) ended = true;
        if (line === '' || ended || broken) continue;
        if (line !== `${String(next).padStart(4, '0')}${' '.repeat(8000)}`) broken = `line ${next}: ${JSON.stringify(line.slice(0, 40))}… (${line.length} chars)`;
        next += 1;
      }
    });
    pty.open(undefined);
    try {
      await waitFor('the whole log shown', () => ended || broken, { detail: () => `${next} lines, flow ${JSON.stringify(pty.flow)}` });
      assert.equal(broken, undefined);
      assert.equal(next, lines, 'every line shown once');
      assert.ok(pty.flow.pauses >= 1, `the engine stream was never paused: ${JSON.stringify(pty.flow)}`);
      assert.equal(pty.flow.resumes, pty.flow.pauses, 'every pause was followed by a resume');
      // The bound: the high-water mark plus what was already being read when the pause came (one
      // socket read, up to 64 KiB, each newline widened to CRLF).
      const bound = TERMINAL_PACING.highWaterChars + 2 * 64 * 1024;
      assert.ok(pty.flow.maxPendingChars <= bound, `${pty.flow.maxPendingChars} characters waited, more than ${bound}`);
      assert.equal(pty.flow.pendingChars, 0);
    } finally {
      pty.close();
    }
  });
});
