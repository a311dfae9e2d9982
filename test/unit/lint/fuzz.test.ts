// Issue §6: lint never throws, whatever the input. 10,000 mutated Dockerfiles (deterministic:
// case i uses seed BASE + i, BASE from WHARF_FUZZ_SEED or a fixed default); each must lint
// without an exception or an internal-error finding, every finding must be well formed, and
// every fix must apply. A failure names the seed that reproduces it.
import * as assert from 'node:assert/strict';
import { applyFixes } from '../../../src/lint/applyFix';
import { lint } from '../../../src/lint/lint';
import type { Finding } from '../../../src/lint/rule';
import { corpus, excerpt, findingProblem, linesOf, mutate, prng } from './fuzzInput';

const cases = 10_000;
const baseSeed = Number(process.env.WHARF_FUZZ_SEED ?? 0x5eed);
function check(text: string, seed: number): number {
  const fail = (what: string) => assert.fail(`seed ${seed} (WHARF_FUZZ_SEED=${baseSeed}, case ${seed - baseSeed}): ${what}\ninput: ${JSON.stringify(text.slice(0, 2000))}`);
  let findings: Finding[] = [];
  try {
    findings = lint(text);
  } catch (error) {
    fail(`lint threw ${String(error)}`);
  }
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
      findingsSeen += check(text, seed);
    }
    // The inputs reach the rules, not only the parser.
    assert.ok(findingsSeen > cases, `only ${findingsSeen} findings over ${cases} inputs`);
  });
});
