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
import { allRules } from '../../../src/lint/rules/index';
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

describe('lint incremental: what each rule depends on (RuleMeta.context, RuleMeta.reads)', function () {
  this.timeout(60_000);

  /** Lints `texts` in turn with one state; each result must equal a whole-text lint. */
  function lintInTurn(texts: string[]): string[][] {
    const own = new LintState();
    return texts.map((text, i) => {
      const actual = lint(text, { state: own });
      assert.deepEqual(actual, reference(text), `text ${i} differs from a whole-text lint`);
      return actual.map((f) => `${f.code}@${f.range.start.line}`);
    });
  }

  it('a change in an ARG re-runs DL3033 and DL3041 on RUNs that did not change', () => {
    const yum = 'FROM centos:7\nARG V=1\nRUN yum install -y httpd-$V\nRUN dnf install -y nginx-$V\n';
    const [defined, renamed, back] = lintInTurn([yum, yum.replace('ARG V=1', 'ARG W=1'), yum]);
    assert.deepEqual([defined, back].map((codes) => codes.filter((c) => /DL3033|DL3041/.test(c))), [[], []]);
    assert.deepEqual(renamed.filter((c) => /DL3033|DL3041/.test(c)), ['DL3033@2', 'DL3041@3']);
  });

  it('a change in an ENV re-runs DL3033 (ENV defines version variables too) and DL3042 (PIP_NO_CACHE_DIR)', () => {
    const text = 'FROM centos:7\nENV V=1 PIP_NO_CACHE_DIR=1\nRUN yum install -y httpd-$V && pip install flask\n';
    const [before, after] = lintInTurn([text, text.replace('ENV V=1 PIP_NO_CACHE_DIR=1', 'ENV X=1')]);
    assert.deepEqual(before.filter((c) => /DL3033|DL3042/.test(c)), []);
    assert.deepEqual(after.filter((c) => /DL3033|DL3042/.test(c)), ['DL3033@2', 'DL3042@2']);
  });

  it('a change in a FROM re-runs DL3009 and DL3060 (which stages reach the image)', () => {
    const text = 'FROM debian:12 AS build\nRUN apt-get update && yarn install\nFROM debian:12\nCOPY --from=build /a /a\n';
    // The build stage only gives files: its lists are not in the image. Built upon, they are.
    const [apart, builtOn] = lintInTurn([text, text.replace('FROM debian:12\nCOPY', 'FROM build\nCOPY')]);
    assert.deepEqual(apart.filter((c) => /DL3009|DL3060/.test(c)), []);
    assert.deepEqual(builtOn.filter((c) => /DL3009|DL3060/.test(c)), ['DL3009@1', 'DL3060@1']);
  });

  it('a change in an ENV or ARG re-runs UndefinedVar on the instructions that expand it', () => {
    const text = 'FROM scratch\nENV DIR=/app\nARG USER_ID=1\nCOPY x $DIR/x\nUSER $USER_ID\n';
    const [defined, renamed] = lintInTurn([text, text.replace('ENV DIR', 'ENV DST').replace('ARG USER_ID', 'ARG UID')]);
    assert.deepEqual(defined.filter((c) => c.startsWith('UndefinedVar')), []);
    assert.deepEqual(renamed.filter((c) => c.startsWith('UndefinedVar')), ['UndefinedVar@3', 'UndefinedVar@4']);
  });

  it('a change in a SHELL re-runs DL4006 on the RUNs after it', () => {
    const text = 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -O - https://x.test | tar x\n';
    const [safe, unsafe] = lintInTurn([text, text.replace('"-o", "pipefail", ', '')]);
    assert.deepEqual([safe.filter((c) => c.startsWith('DL4006')), unsafe.filter((c) => c.startsWith('DL4006'))], [[], ['DL4006@2']]);
  });

  it('an edit that touches no context instruction re-checks only the edited instruction; one that does, every instruction', () => {
    let seen: string[] = [];
    const counting: Rule = {
      meta: { code: 'CountingArgs', severity: 'info', source: 'hadolint', description: 'counts', perInstruction: true, context: ['ARG'] },
      check({ dockerfile }) { seen = dockerfile.getInstructions().map((i) => i.getKeyword()); },
    };
    const own = new LintState();
    const text = 'ARG A=1\nFROM alpine:3.20\nRUN echo one\nRUN echo two\nARG B=2\nUSER nobody\n';
    lint(text, { rules: [counting], state: own });
    assert.deepEqual(seen, ['ARG', 'FROM', 'RUN', 'RUN', 'ARG', 'USER']);
    // The RUN changed: the rule sees it and its context (every ARG), nothing else.
    lint(text.replace('echo two', 'echo 2'), { rules: [counting], state: own });
    assert.deepEqual(seen, ['ARG', 'RUN', 'ARG']);
    // An ARG changed: everything is checked again.
    lint(text.replace('echo two', 'echo 2').replace('B=2', 'B=3'), { rules: [counting], state: own });
    assert.deepEqual(seen, ['ARG', 'FROM', 'RUN', 'RUN', 'ARG', 'USER']);
  });

  it('a finding on a context instruction is reported once, from the store, while that instruction is unchanged', () => {
    const onArgs: Rule = {
      meta: { code: 'OnArgs', severity: 'info', source: 'hadolint', description: 'on every ARG', perInstruction: true, context: ['ARG'] },
      check({ dockerfile, report }) {
        for (const i of dockerfile.getInstructions()) if (i.getKeyword() === 'ARG') report({ range: i.getRange() });
      },
    };
    const own = new LintState();
    const text = 'ARG A=1\nFROM alpine:3.20\nRUN echo one\n';
    const lines = (t: string) => lint(t, { rules: [onArgs], state: own }).map((f) => f.range.start.line);
    assert.deepEqual(lines(text), [0]);
    assert.deepEqual(lines(text.replace('one', 'two')), [0]);
    assert.deepEqual(lines(text.replace('one', 'two').replace('FROM', 'ARG B\nFROM')), [0, 1]);
  });

  it('a rule that reads some keywords sees only their instructions and runs again only when one of them changed', () => {
    let runs = 0;
    let seen: string[] = [];
    const fromsOnly: Rule = {
      meta: { code: 'FromsOnly', severity: 'info', source: 'buildkit', description: 'every FROM', reads: ['FROM'] },
      check({ dockerfile, report }) {
        runs++;
        seen = dockerfile.getInstructions().map((i) => i.getKeyword());
        for (const from of dockerfile.getInstructions()) report({ range: from.getRange() });
      },
    };
    const own = new LintState();
    const text = 'FROM alpine:3.20 AS a\nRUN echo one\nFROM a\nCOPY x /x\n';
    const lines = (t: string) => lint(t, { rules: [fromsOnly], state: own }).map((f) => f.range.start.line);
    assert.deepEqual(lines(text), [0, 2]);
    assert.deepEqual([runs, seen], [1, ['FROM', 'FROM']]);
    // Other instructions changed, were added or removed: the findings are kept, the rule not run.
    assert.deepEqual(lines(text.replace('one', 'two')), [0, 2]);
    assert.deepEqual(lines(text.replace('COPY x /x\n', 'COPY x /x\nUSER nobody\n')), [0, 2]);
    assert.equal(runs, 1);
    // A FROM changed, or moved to other lines: it runs again.
    assert.deepEqual(lines(text.replace('FROM a', 'FROM a AS b')), [0, 2]);
    assert.deepEqual(lines(text.replace('RUN echo one\n', 'RUN echo one\nRUN echo two\n')), [0, 3]);
    assert.equal(runs, 3);
    // Other settings: it runs again too.
    lint(text, { rules: [fromsOnly], state: own, settings: { trustedRegistries: ['example.test'] } });
    assert.equal(runs, 4);
  });

  it('a rule without state, or the reference, still sees every instruction', () => {
    let seen: string[] = [];
    const fromsOnly: Rule = {
      meta: { code: 'FromsOnly', severity: 'info', source: 'buildkit', description: 'every FROM', reads: ['FROM'] },
      check({ dockerfile }) { seen = dockerfile.getInstructions().map((i) => i.getKeyword()); },
    };
    lint('FROM a\nRUN x\n', { rules: [fromsOnly] });
    assert.deepEqual(seen, ['FROM', 'RUN']);
    lint('FROM a\nRUN x\n', { rules: [fromsOnly], incremental: false });
    assert.deepEqual(seen, ['FROM', 'RUN']);
  });

  it('every rule that declares what it reads names keywords the builder knows', () => {
    const known = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
    for (const rule of allRules) {
      for (const keyword of [...(rule.meta.reads ?? []), ...(rule.meta.context ?? [])]) assert.ok(known.has(keyword), `${rule.meta.code}: ${keyword}`);
      assert.ok(!(rule.meta.reads && rule.meta.perInstruction), `${rule.meta.code}: reads is for whole-document rules, context for per-instruction ones`);
      assert.ok(!rule.meta.context || rule.meta.perInstruction, `${rule.meta.code}: context without perInstruction`);
    }
  });
});
