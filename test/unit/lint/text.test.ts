import * as assert from 'node:assert/strict';
import { joinContinuations, LineIndex, offsetAt, positionAt, rangeOfOffsets, textOf } from '../../../src/lint/syntax/text';

/** The document characters each joined character came from, as a string. */
function sources(text: string, offsets: number[]): string {
  return offsets.slice(0, -1).map((o) => text[o]).join('');
}

describe('syntax/text', () => {
  describe('positions', () => {
    const text = 'FROM a\r\nRUN b \\\r\n  c\n';
    it('maps offsets and positions both ways, a CR staying on its line', () => {
      assert.deepEqual(positionAt(text, 0), { line: 0, character: 0 });
      assert.deepEqual(positionAt(text, 6), { line: 0, character: 6 });
      assert.deepEqual(positionAt(text, 8), { line: 1, character: 0 });
      assert.equal(offsetAt(text, { line: 2, character: 2 }), text.indexOf('c'));
      assert.equal(textOf(text, rangeOfOffsets(text, 8, 11)), 'RUN');
    });
    it('clamps positions past a line or the text to the end of the text', () => {
      assert.equal(offsetAt(text, { line: 9, character: 0 }), text.length);
      assert.equal(new LineIndex('ab').offsetAt({ line: 0, character: 5 }), 2);
    });
    it('keeps one index per text, whichever text was asked about last', () => {
      const other = 'x\ny';
      assert.deepEqual(new LineIndex(other).positionAt(2), { line: 1, character: 0 });
      assert.deepEqual(positionAt(other, 2), { line: 1, character: 0 });
      assert.deepEqual(positionAt(text, 8), { line: 1, character: 0 });
    });
  });

  describe('joinContinuations', () => {
    it('joins continued lines and drops the comment and empty lines inside them', () => {
      const text = 'RUN a \\\n# note\n\n  b\\ \t\n  c\n';
      const joined = joinContinuations(text, 4, text.length - 1, '\\');
      assert.equal(joined.text, 'a   b  c');
      assert.equal(sources(text, joined.offsets), joined.text);
      assert.equal(joined.offsets[joined.text.indexOf('b')], text.indexOf('b'));
      assert.equal(joined.offsets[joined.text.length], text.length - 1);
    });
    it('reads CRLF line ends and the backtick escape', () => {
      const text = 'RUN a `\r\n  b\\\r\n';
      const joined = joinContinuations(text, 4, text.length - 2, '`');
      assert.equal(joined.text, 'a   b\\');
      assert.equal(joined.offsets[joined.text.indexOf('b')], text.indexOf('b'));
    });
    it('copies verbatim spans (heredoc bodies) as they are', () => {
      const text = 'RUN <<EOF\nx \\\n# kept\nEOF\n';
      const from = text.indexOf('x');
      const to = text.indexOf('EOF\n', from) + 3;
      const joined = joinContinuations(text, 4, text.length - 1, '\\', [{ from, to }]);
      assert.equal(joined.text, '<<EOF\nx \\\n# kept\nEOF');
    });
  });
});
