// Issue §6: lint never throws, whatever the input. 10,000 mutated Dockerfiles (deterministic:
// case i uses seed BASE + i, BASE from WHARF_FUZZ_SEED or a fixed default); each must lint
// without an exception or an internal-error finding, every finding must be well formed, and
// every fix must apply. A failure names the seed that reproduces it.
// Issue 16: the mutations include the hostile shapes (hostileInputs.ts), every tenth case lints
// beside a pathological .dockerignore, and no case may take HANG_LIMIT_MS (a hang detector, not
// a speed test); the matcher and the image-reference check get generated inputs of their own.
import * as assert from 'node:assert/strict';
import { applyFixes } from '../../../src/lint/applyFix';
import { lint } from '../../../src/lint/lint';
import { isImageReference } from '../../../src/lint/reference';
import type { Finding } from '../../../src/lint/rule';
import { parseDockerignore } from '../../../src/workspace/dockerignore';
import { hostileGlobs } from '../adversarial/hostileInputs';
import { corpus, excerpt, findingProblem, linesOf, mutate, prng } from './fuzzInput';

const HANG_LIMIT_MS = 1000;
// Small enough that 1,000 cases lint quickly, hostile enough that a backtracking matcher stalls.
const hostileIgnores = hostileGlobs(8 * 1024).map((g) => g.patterns.split('\n'));

const cases = 10_000;
const baseSeed = Number(process.env.WHARF_FUZZ_SEED ?? 0x5eed);
function check(text: string, seed: number, dockerignore?: string[]): number {
  const fail = (what: string) => assert.fail(`seed ${seed} (WHARF_FUZZ_SEED=${baseSeed}, case ${seed - baseSeed}): ${what}\ninput: ${JSON.stringify(text.slice(0, 2000))}`);
  let findings: Finding[] = [];
  const started = performance.now();
  try {
    findings = lint(text, dockerignore ? { settings: { dockerignore } } : {});
  } catch (error) {
    fail(`lint threw ${String(error)}`);
  }
  const ms = performance.now() - started;
  if (ms > HANG_LIMIT_MS) fail(`lint took ${ms.toFixed(0)} ms (limit ${HANG_LIMIT_MS} ms)`);
  const lines = linesOf(text);
  for (const finding of findings) {
    if (finding.code === 'WharfInternal') fail(`internal error: ${finding.message}`);
    const problem = findingProblem(finding, lines);
    if (problem) fail(`${finding.code} at ${JSON.stringify(finding.range)}: ${problem}`);
    for (const fix of finding.fixes) {
      try {
        applyFixes(text, [fix]);
      } catch (error) {
        fail(`applying "${fix.title}" of ${finding.code} threw ${String(error)}`);
      }
    }
  }
  try {
    applyFixes(text, findings.flatMap((f) => f.fixes));
  } catch (error) {
    fail(`applying every fix at once threw ${String(error)}`);
  }
  return findings.length;
}

describe('lint fuzz (§6)', function () {
  this.timeout(300_000);

  it(`lints ${cases} mutated corpus Dockerfiles without an exception, with well-formed findings and fixes that apply`, () => {
    const files = corpus();
    assert.ok(files.length >= 30, 'the bench corpus is there');
    let findingsSeen = 0;
    for (let i = 0; i < cases; i++) {
      const seed = baseSeed + i;
      const rng = prng(seed);
      const source = files[Math.floor(rng() * files.length)].text;
      // Mostly small documents (a few lines of a file), every fifth a whole file.
      const text = mutate(i % 5 === 0 ? source : excerpt(source, rng), rng);
      findingsSeen += check(text, seed, i % 10 === 3 ? hostileIgnores[i % hostileIgnores.length] : undefined);
    }
    // The inputs reach the rules, not only the parser.
    assert.ok(findingsSeen > cases, `only ${findingsSeen} findings over ${cases} inputs`);
  });
});

describe('matcher and reference fuzz (issue 16)', function () {
  this.timeout(120_000);
  const cases = 2_000;
  const globParts = ['*', '**', '**/', '?', 'a', 'b', '/', '.', '[a-c]', '[^a]', '\\*', '!', '[', '\\', '\u2028', '\n', ' ', '#'];
  const pathParts = ['a', 'b', 'c', '/', '.', '..', '*', '\n', '\u00e9', '\ud83d\udc33'];
  const refParts = ['a', '0', '.', '_', '__', '-', ':', '/', '@', 'sha256:', '0123456789abcdef'.repeat(4), 'A', '[::1]', ':5000', ' ', '!'];

  it(`${cases} generated .dockerignore files and paths: no exception, each match under the hang limit, literal patterns match themselves`, () => {
    for (let i = 0; i < cases; i++) {
      const seed = baseSeed + i;
      const rng = prng(seed);
      const piece = (parts: string[], max: number) => Array.from({ length: 1 + Math.floor(rng() * max) }, () => parts[Math.floor(rng() * parts.length)]).join('');
      // Every 50th case is long: hundreds of tokens against a long path.
      const long = i % 50 === 0;
      const patterns = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => piece(globParts, long ? 400 : 12)).join('\n');
      const path = piece(pathParts, long ? 4000 : 16);
      const started = performance.now();
      const matcher = parseDockerignore(patterns);
      matcher.ignores(path);
      matcher.mayHoldExceptions(path);
      const ms = performance.now() - started;
      assert.ok(ms < HANG_LIMIT_MS, `seed ${seed}: ${ms.toFixed(0)} ms for ${JSON.stringify(patterns.slice(0, 200))} against ${JSON.stringify(path.slice(0, 200))}`);
      const literal = path.replace(/[^a-c/]/g, '').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
      if (literal !== '') assert.equal(parseDockerignore(literal).ignores(literal), true, `seed ${seed}: ${literal}`);
    }
  });

  it(`${cases} generated references: no exception, each check under the hang limit`, () => {
    for (let i = 0; i < cases; i++) {
      const rng = prng(baseSeed + i);
      const text = Array.from({ length: 1 + Math.floor(rng() * (i % 50 === 0 ? 2000 : 20)) }, () => refParts[Math.floor(rng() * refParts.length)]).join('');
      const started = performance.now();
      isImageReference(text);
      assert.ok(performance.now() - started < HANG_LIMIT_MS, `seed ${baseSeed + i}: ${JSON.stringify(text.slice(0, 200))}`);
    }
  });
});
