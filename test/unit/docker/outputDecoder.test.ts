// Container output decoded across chunk boundaries: a character split between two frames (the
// dockerd copier cuts long lines at 16 KiB) is shown whole, per output.
import * as assert from 'node:assert/strict';
import { OutputDecoder, type OutputStream } from '../../../src/docker/streams';

function decode(chunks: Array<[OutputStream, Buffer]>, end = true): Array<[OutputStream, string]> {
  const out: Array<[OutputStream, string]> = [];
  const decoder = new OutputDecoder((stream, text) => out.push([stream, text]));
  for (const [stream, data] of chunks) decoder.push(stream, data);
  if (end) decoder.end();
  return out;
}

describe('OutputDecoder', () => {
  it('joins a two-byte character split over two chunks', () => {
    const e = Buffer.from('é');
    const text = decode([['stdout', Buffer.concat([Buffer.from('caf'), e.subarray(0, 1)])], ['stdout', Buffer.concat([e.subarray(1), Buffer.from('\n')])]]).map(([, t]) => t).join('');
    assert.equal(text, 'café\n');
  });

  it('joins a four-byte character split over three chunks', () => {
    const emoji = Buffer.from('🐳');
    const text = decode([['stdout', emoji.subarray(0, 1)], ['stdout', emoji.subarray(1, 3)], ['stdout', emoji.subarray(3)]]).map(([, t]) => t).join('');
    assert.equal(text, '🐳');
  });

  it('keeps stdout and stderr apart when a stderr frame falls between the halves', () => {
    const e = Buffer.from('é');
    const out = decode([
      ['stdout', Buffer.concat([Buffer.from('a'), e.subarray(0, 1)])],
      ['stderr', Buffer.concat([Buffer.from('b'), e.subarray(0, 1)])],
      ['stdout', e.subarray(1)],
      ['stderr', e.subarray(1)],
    ]);
    assert.equal(out.filter(([s]) => s === 'stdout').map(([, t]) => t).join(''), 'aé');
    assert.equal(out.filter(([s]) => s === 'stderr').map(([, t]) => t).join(''), 'bé');
    assert.ok(!out.some(([, t]) => t.includes('\ufffd')));
  });

  it('shows an incomplete character left at the end as U+FFFD instead of dropping it', () => {
    const out = decode([['stdout', Buffer.from([0x61, 0xc3])]]);
    assert.equal(out.map(([, t]) => t).join(''), 'a\ufffd');
  });
});
