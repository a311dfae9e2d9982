// The incremental parse (src/lint/syntax/parse.ts) must change nothing but speed: every corpus
// file and a few thousand edited versions are linted cold, warm, and after edits (the way an
// editor re-lints while typing), and each result must equal a whole-text parse with
// dockerfile-ast alone (lint(text, { incremental: false })).
import * as assert from 'node:assert/strict';
import { analyze, lint, LintState } from '../../../src/lint/lint';
import type { Rule } from '../../../src/lint/rule';
import { ParseCache, parseIncrementally, parseWhole } from '../../../src/lint/syntax/parse';
import { DockerfileParser, type From } from 'dockerfile-ast';
import { rule as UnknownFlag } from '../../../src/lint/rules/UnknownFlag';
import { corpus, excerpt, mutate, prng } from './fuzzInput';

const reference = (text: string) => lint(text, { incremental: false });

/** The one document these tests edit, as the editor holds its state. */
let state = new LintState();

function assertSame(text: string, what: string): void {
  const expected = reference(text);
  const actual = lint(text, { state });
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
      state = new LintState();
      assertSame(text, `${name} cold`);
      assertSame(text, `${name} warm`);
      state = new LintState();
      assertSame(text, `${name} after reset`);
    }
  });

  it('without incremental state (one whole-text parse, nothing kept) every corpus file and 500 fuzzed ones equal the whole-text parse', () => {
    const files = corpus();
    for (const { name, text } of files) assert.deepEqual(lint(text), reference(text), `${name} without state`);
    for (let i = 0; i < 500; i++) {
      const rng = prng(90_000 + i);
      const text = mutate(files[Math.floor(rng() * files.length)].text, rng);
      assert.deepEqual(lint(text), reference(text), `seed ${90_000 + i} without state\ninput: ${JSON.stringify(text.slice(0, 1500))}`);
    }
  });

  it('every corpus file edited 40 times in a row, as while typing, equals the whole-text parse after each edit', () => {
    for (const [index, { name, text: original }] of corpus().entries()) {
      const rng = prng(1000 + index);
      let text = original;
      lint(text, { state });
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
    lint(text, { state });
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
      lint(before, { state });
      assertSame(mutate(before, rng), `seed ${seed}`);
    }
  });

  it('escape directive and line-end changes: a doc switched to ` escape, to CRLF, to a lone CR', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n  b `\n  c\nCOPY <<EOF /x\nhello\nEOF\nUSER nobody\n';
    lint(text, { state });
    assertSame(`# escape=\`\n${text}`, 'escape added');
    assertSame(text, 'escape removed');
    assertSame(text.replace(/\n/g, '\r\n'), 'CRLF');
    assertSame(text.replace(/\n/g, '\r'), 'lone CR');
  });

  it('findings kept for unchanged instructions follow the rules and settings of each call', () => {
    state = new LintState();
    const text = 'FROM alpine:3.20\nCOPY --bogus=1 a b\nENV A 1\nEXPOSE 99999\nRUN ssh host\n';
    assert.deepEqual(lint(text, { rules: [UnknownFlag], state }).map((f) => f.code), ['UnknownFlag']);
    // Same instructions, every rule now: the per-instruction rules that did not run before do now.
    assertSame(text, 'all rules after a one-rule call');
    assert.ok(['LegacyKeyValueFormat', 'DL3011', 'DL3001'].every((code) => lint(text, { state }).some((f) => f.code === code)));
    const trusted = { settings: { trustedRegistries: ['example.test'] }, state };
    assert.deepEqual(lint(text, trusted), lint(text, { ...trusted, incremental: false }));
    assertSame(text, 'default settings again');
  });

  it('reuses the parse of unchanged instructions and re-parses only the edited one', () => {
    state = new LintState();
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n  git\nENV A=1\nUSER nobody\n';
    const cache = new ParseCache();
    const before = parseIncrementally(text, cache).getInstructions();
    const after = parseIncrementally(text.replace('A=1', 'A=2'), cache).getInstructions();
    assert.equal(after.length, 4);
    assert.equal(after[0], before[0]);
    assert.equal(after[1], before[1]);
    assert.notEqual(after[2], before[2]);
    assert.equal(after[2].getTextContent(), 'ENV A=2');
    assert.equal(after[3], before[3]);
    // A continuation added to the edited line takes the next line in: that chunk is re-parsed too.
    const joined = parseIncrementally(text.replace('A=1', 'A=1 \\'), cache).getInstructions();
    assert.equal(joined.length, 3);
    assert.equal(joined[2].getRange().end.line, 4);
  });

  it('two documents linted in turn each keep their own incremental state', () => {
    // A per-instruction rule that counts the instructions it is run on: the ones not reused.
    let checked = 0;
    const counting: Rule = {
      meta: { code: 'Counting', severity: 'info', source: 'hadolint', description: 'counts', perInstruction: true },
      check({ dockerfile }) { checked += dockerfile.getInstructions().length; },
    };
    const a = 'FROM alpine:3.20\nRUN echo a\nENV A=1\nUSER nobody\n';
    const b = 'FROM debian:12\nRUN echo b\nWORKDIR /b\nCMD ["b"]\nEXPOSE 80\n';
    const stateA = new LintState();
    const stateB = new LintState();
    const lintCounting = (text: string, own: LintState) => {
      checked = 0;
      const { dockerfile } = analyze(text, { rules: [counting], state: own });
      return { checked, instructions: dockerfile?.getInstructions() ?? [] };
    };
    const a1 = lintCounting(a, stateA);
    const b1 = lintCounting(b, stateB);
    assert.deepEqual([a1.checked, b1.checked], [4, 5]);
    let textA = a;
    let textB = b;
    for (let edit = 0; edit < 3; edit++) {
      textA = textA.replace(/A=\d+/, `A=${edit + 2}`);
      textB = textB.replace(/EXPOSE \d+/, `EXPOSE ${81 + edit}`);
      const a2 = lintCounting(textA, stateA);
      const b2 = lintCounting(textB, stateB);
      // Only the edited instruction is checked again; the others' parse is the same instance.
      assert.equal(a2.checked, 1, `document A, edit ${edit}`);
      assert.equal(b2.checked, 1, `document B, edit ${edit}`);
      assert.deepEqual([0, 1, 3].map((i) => a2.instructions[i] === a1.instructions[i]), [true, true, true]);
      assert.deepEqual([0, 1, 2, 3].map((i) => b2.instructions[i] === b1.instructions[i]), [true, true, true, true]);
    }
    // One state used for both (what module globals amounted to) re-checks everything each time.
    const shared = new LintState();
    lintCounting(a, shared);
    lintCounting(b, shared);
    assert.equal(lintCounting(a.replace('A=1', 'A=9'), shared).checked, 4);
  });

  it('memoized answers do not depend on the order they are asked in (a FROM\'s flags first)', () => {
    // dockerfile-ast fills a FROM's flags through super.getFlags(), past the memo: asked first,
    // the platform flag once left the arguments with the flag in them and the stage name unseen.
    const text = 'FROM --platform=linux/amd64 alpine:3 AS build_amd64\n';
    const answers = (from: From) => [from.getPlatformFlag()?.getValue(), from.getBuildStage(), from.getImageName(), from.getArguments().map((a) => a.getValue())];
    const expected = answers(DockerfileParser.parse(text).getFROMs()[0]);
    assert.deepEqual(answers(parseWhole(text).getFROMs()[0]), expected);
    assert.deepEqual(answers(parseIncrementally(text, new ParseCache()).getFROMs()[0]), expected);
  });
});
