// The incremental parse (src/lint/syntax/parse.ts) must change nothing but speed: every corpus
// file and a few thousand edited versions are linted cold, warm, and after edits (the way an
// editor re-lints while typing), and each result must equal a whole-text parse with
// dockerfile-ast alone (lint(text, { incremental: false })).
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';
import { clearParseCache, parseIncrementally } from '../../../src/lint/syntax/parse';
import { rule as UnknownFlag } from '../../../src/lint/rules/UnknownFlag';
import { corpus, excerpt, mutate, prng } from './fuzzInput';

const reference = (text: string) => lint(text, { incremental: false });

function assertSame(text: string, what: string): void {
  const expected = reference(text);
  const actual = lint(text);
  assert.deepEqual(actual, expected, `${what}: incremental lint differs\ninput: ${JSON.stringify(text.slice(0, 1500))}`);
}

/** One small edit of the kind typing makes: a character in or out, a line break, a backslash. */
function typingEdit(text: string, rng: () => number): string {
  const at = Math.floor(rng() * (text.length + 1));
  const typed = ['a', ' ', '\n', '\\', '"', '#', '<', '$', '-', '\r\n', '`'][Math.floor(rng() * 11)];
  return rng() < 0.3 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + typed + text.slice(at);
}

describe('lint incremental parse', function () {
  this.timeout(120_000);

  it('every corpus file: cold, warm and after a cache reset equal the whole-text parse', () => {
    for (const { name, text } of corpus()) {
      clearParseCache();
      assertSame(text, `${name} cold`);
      assertSame(text, `${name} warm`);
      clearParseCache();
      assertSame(text, `${name} after reset`);
    }
  });

  it('every corpus file edited 40 times in a row, as while typing, equals the whole-text parse after each edit', () => {
    for (const [index, { name, text: original }] of corpus().entries()) {
      const rng = prng(1000 + index);
      let text = original;
      lint(text);
      for (let i = 0; i < 40; i++) {
        text = typingEdit(text, rng);
        assertSame(text, `${name} edit ${i} (seed ${1000 + index})`);
      }
    }
  });

  it('a 1,000-line document edited 60 times in a row equals the whole-text parse after each edit', () => {
    const lines = corpus().filter((f) => !/^#\s*escape=/m.test(f.text)).flatMap((f) => f.text.replace(/\r\n/g, '\n').split('\n'));
    let text = lines.slice(0, 1000).join('\n');
    const rng = prng(7);
    lint(text);
    for (let i = 0; i < 60; i++) {
      text = typingEdit(text, rng);
      assertSame(text, `large document edit ${i}`);
    }
  });

  it('2,000 fuzzed documents, each linted after its unmutated source, equal the whole-text parse', () => {
    const files = corpus();
    for (let i = 0; i < 2000; i++) {
      const seed = 50_000 + i;
      const rng = prng(seed);
      const source = files[Math.floor(rng() * files.length)].text;
      const before = i % 2 === 0 ? source : excerpt(source, rng);
      lint(before);
      assertSame(mutate(before, rng), `seed ${seed}`);
    }
  });

  it('escape directive and line-end changes: a doc switched to ` escape, to CRLF, to a lone CR', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n  b `\n  c\nCOPY <<EOF /x\nhello\nEOF\nUSER nobody\n';
    lint(text);
    assertSame(`# escape=\`\n${text}`, 'escape added');
    assertSame(text, 'escape removed');
    assertSame(text.replace(/\n/g, '\r\n'), 'CRLF');
    assertSame(text.replace(/\n/g, '\r'), 'lone CR');
  });

  it('findings kept for unchanged instructions follow the rules and settings of each call', () => {
    clearParseCache();
    const text = 'FROM alpine:3.20\nCOPY --bogus=1 a b\nENV A 1\nEXPOSE 99999\nRUN ssh host\n';
    assert.deepEqual(lint(text, { rules: [UnknownFlag] }).map((f) => f.code), ['UnknownFlag']);
    // Same instructions, every rule now: the per-instruction rules that did not run before do now.
    assertSame(text, 'all rules after a one-rule call');
    assert.ok(['LegacyKeyValueFormat', 'DL3011', 'DL3001'].every((code) => lint(text).some((f) => f.code === code)));
    const trusted = { settings: { trustedRegistries: ['example.test'] } };
    assert.deepEqual(lint(text, trusted), lint(text, { ...trusted, incremental: false }));
    assertSame(text, 'default settings again');
  });

  it('reuses the parse of unchanged instructions and re-parses only the edited one', () => {
    clearParseCache();
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n  git\nENV A=1\nUSER nobody\n';
    const before = parseIncrementally(text).getInstructions();
    const after = parseIncrementally(text.replace('A=1', 'A=2')).getInstructions();
    assert.equal(after.length, 4);
    assert.equal(after[0], before[0]);
    assert.equal(after[1], before[1]);
    assert.notEqual(after[2], before[2]);
    assert.equal(after[2].getTextContent(), 'ENV A=2');
    assert.equal(after[3], before[3]);
    // A continuation added to the edited line takes the next line in: that chunk is re-parsed too.
    const joined = parseIncrementally(text.replace('A=1', 'A=1 \\')).getInstructions();
    assert.equal(joined.length, 3);
    assert.equal(joined[2].getRange().end.line, 4);
  });
});
