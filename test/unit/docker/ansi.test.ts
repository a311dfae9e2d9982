// Builder output shown as plain text: colours, cursor moves, titles and progress redraws gone.
import * as assert from 'node:assert/strict';
import { stripAnsi } from '../../../src/docker/ansi';

describe('stripAnsi', () => {
  it('removes colours, cursor moves, OSC titles and charset switches', () => {
    assert.equal(stripAnsi('\x1b[31mred\x1b[0m \x1b[1;32mbold green\x1b[m'), 'red bold green');
    assert.equal(stripAnsi('\x1b[2K\x1b[1Gline'), 'line');
    assert.equal(stripAnsi('\x1b]0;title\x07text \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\'), 'text link');
    assert.equal(stripAnsi('\x1b(Bplain\x1b7'), 'plain');
  });

  it('keeps what a carriage-return redraw drew last', () => {
    assert.equal(stripAnsi(' 10%\r 50%\r100%\nnext'), '100%\nnext');
    assert.equal(stripAnsi('done\r\n'), 'done\n');
  });

  it('leaves plain text alone and stays linear on long escape-like input', () => {
    assert.equal(stripAnsi('COPY a b [ok] ~x'), 'COPY a b [ok] ~x');
    const hostile = '\x1b['.repeat(50_000) + '\x1b]'.repeat(50_000);
    const started = process.hrtime.bigint();
    stripAnsi(hostile);
    assert.ok(process.hrtime.bigint() - started < 2_000_000_000n);
  });
});
