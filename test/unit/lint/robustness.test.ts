// Issue §6: any input — binary, 10 MB, 10,000 continuation lines, unterminated quotes or
// heredocs, CRLF, a BOM, NUL bytes, lone surrogates, very long lines — returns findings (a syntax
// error where there is one) and never throws. No timings are asserted; the generous per-test
// timeout only turns a hang into a failure.
import * as assert from 'node:assert/strict';
import { lint, maxLintLength, tooLargeCode } from '../../../src/lint/lint';
import type { Finding } from '../../../src/lint/rule';
import { findingProblem, linesOf, prng } from './fuzzInput';

/** Lints, and asserts that nothing failed inside and every finding is well formed. */
function sane(text: string): Finding[] {
  const findings = lint(text);
  const lines = linesOf(text);
  for (const finding of findings) {
    assert.notEqual(finding.code, 'WharfInternal', finding.message);
    const problem = findingProblem(finding, lines);
    assert.equal(problem, undefined, `${finding.code} ${JSON.stringify(finding.range)}: ${problem}`);
  }
  return findings;
}

const codes = (findings: Finding[]) => new Set(findings.map((f) => f.code));
const at = (findings: Finding[], code: string) => findings.filter((f) => f.code === code).map((f) => `${f.range.start.line}:${f.range.start.character}`);

describe('lint robustness (§6)', function () {
  this.timeout(20_000);

  it('binary input: every byte value, as Latin-1 and as UTF-16 units', () => {
    const rng = prng(1);
    const bytes = Array.from({ length: 200_000 }, () => Math.floor(rng() * 256));
    const latin1 = Buffer.from(bytes).toString('latin1');
    const findings = sane(latin1);
    assert.ok(findings.length > 0, 'binary text is reported, not silently accepted');
    const utf16 = Array.from({ length: 50_000 }, () => String.fromCharCode(Math.floor(rng() * 0x10000))).join('');
    assert.ok(sane(utf16).length > 0);
  });

  it('a 10 MB file: lints the first part and marks where it stopped', () => {
    const block = 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y curl \\\n    git\nCOPY . /src\nFROM alpine\nUSER nobody\n';
    const text = block.repeat(Math.ceil(10 * 1024 * 1024 / block.length));
    const findings = sane(text);
    const tooLarge = findings.filter((f) => f.code === tooLargeCode);
    assert.equal(tooLarge.length, 1);
    // It starts on the first line not linted and runs to the end of the file.
    const linted = text.slice(0, maxLintLength);
    const firstUnlinted = linted.slice(0, linted.lastIndexOf('\n') + 1).split('\n').length - 1;
    assert.deepEqual(tooLarge[0].range.start, { line: firstUnlinted, character: 0 });
    assert.equal(tooLarge[0].range.end.line, linesOf(text).length - 1);
    // The part that was read is linted as usual (DL3008: unpinned apt-get packages).
    assert.ok(findings.filter((f) => f.code === 'DL3008').length > 100);
    assert.ok(findings.every((f) => f.code === tooLargeCode || f.range.start.line < firstUnlinted));
  });

  it('10,000 continuation lines are one RUN', () => {
    const text = `FROM alpine:3.20\nRUN apk add --no-cache \\\n${'    pkg \\\n'.repeat(10_000)}    last\nUSER nobody\n`;
    const findings = sane(text);
    // Nothing inside the continuation is taken for an instruction of its own.
    assert.ok(!codes(findings).has('UnknownInstruction'), JSON.stringify(findings.slice(0, 3)));
    // Each unpinned package is found on its own continued line (DL3018).
    const unpinned = at(findings, 'DL3018');
    assert.equal(unpinned.length, 10_001);
    assert.deepEqual([unpinned[0], unpinned[10_000]], ['2:4', '10002:4']);
    // And with a comment line between every continued line (the builder drops those).
    const commented = `FROM alpine:3.20\nRUN apk add --no-cache \\\n${'# note\n    pkg \\\n'.repeat(10_000)}    last\n`;
    assert.ok(!codes(sane(commented)).has('UnknownInstruction'));
  });

  it('unterminated quotes and heredocs are syntax errors at the opening', () => {
    const quote = sane('FROM alpine:3.20\nENV GREETING="hello\nUSER nobody\n');
    assert.deepEqual(at(quote, 'UnterminatedQuote'), ['1:13']);
    assert.equal(quote.find((f) => f.code === 'UnterminatedQuote')?.severity, 'error');
    const heredoc = sane(`FROM alpine:3.20\nRUN <<EOF\n${'echo hi\n'.repeat(5_000)}`);
    assert.deepEqual(at(heredoc, 'UnterminatedHeredoc'), ['1:4']);
    // A quote left open at the very end of the file, without a final line break.
    assert.ok(codes(sane('FROM alpine:3.20\nLABEL a="b')).has('UnterminatedQuote'));
  });

  it('CRLF line ends give the same findings as LF', () => {
    const lf = 'FROM ubuntu\nRUN apt-get update && apt-get install curl \\\n  git\nMAINTAINER me\nEXPOSE 80/TCP\nCMD node app.js\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const key = (findings: Finding[]) => findings.map((f) => `${f.code}@${JSON.stringify(f.range)}`);
    assert.deepEqual(key(sane(crlf)), key(sane(lf)));
    assert.ok(sane(lf).length >= 5);
  });

  it('a byte-order mark: same findings, columns on the first line moved by one', () => {
    const text = 'FROM ubuntu\nMAINTAINER me\n';
    const plain = sane(text);
    const withBom = sane(`\ufeff${text}`);
    assert.deepEqual(at(plain, 'DL3006'), ['0:5']);
    assert.deepEqual(at(withBom, 'DL3006'), ['0:6']);
    assert.deepEqual(at(withBom, 'MaintainerDeprecated'), at(plain, 'MaintainerDeprecated'));
    assert.equal(withBom.length, plain.length);
  });

  it('NUL bytes, lone surrogates and control characters anywhere', () => {
    const texts = [
      'FROM alpine\u0000:3.20\nRUN echo \u0000\u0000\nUSER\u0000nobody\n',
      '\u0000\u0000\u0000',
      'FROM alpine:3.20\nLABEL name="\ud800" other=\udfff\nRUN echo \ud83d\n',
      'FROM alpine:3.20\nRUN echo \u0007\u001b[31m\u007f\nWORKDIR /\u0085\u2028x\n',
    ];
    for (const text of texts) sane(text);
    assert.ok(codes(sane('\u0000\u0000\u0000')).has('UnknownInstruction'));
  });

  it('very long lines: one 400 KB word, and one line longer than the limit', () => {
    const word = sane(`FROM alpine:3.20\nRUN echo ${'x'.repeat(400_000)}\nUSER nobody\n`);
    assert.ok(!codes(word).has(tooLargeCode));
    const line = sane(`FROM alpine:3.20\nRUN ${'echo x && '.repeat(100_000)}true\n`);
    const tooLarge = line.filter((f) => f.code === tooLargeCode);
    assert.equal(tooLarge.length, 1);
    assert.deepEqual(tooLarge[0].range.start, { line: 1, character: 0 });
  });

  it('a lone CR is a line break, as editors show it', () => {
    const findings = sane('FROM ubuntu\rMAINTAINER me\r');
    assert.deepEqual(at(findings, 'DL3006'), ['0:5']);
    assert.deepEqual(at(findings, 'DL4000'), ['1:0']);
  });

  it('an escaped # on a continued RUN (dockerfile-ast\'s getHeredocs throws on it) lints without an internal error', () => {
    for (const text of ['RUN \\\n\\#]\n', 'RUN <<EOF \\\n\\#]\nEOF\n', 'COPY \\\n\\#] /x\n']) sane(text);
  });
});
