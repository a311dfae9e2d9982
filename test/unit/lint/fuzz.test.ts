// Issue §6: lint never throws, whatever the input. 10,000 mutated Dockerfiles (deterministic:
// case i uses seed BASE + i, BASE from WHARF_FUZZ_SEED or a fixed default); each must lint
// without an exception or an internal-error finding, every finding must be well formed, and
// every fix must apply. A failure names the seed that reproduces it.
import * as assert from 'node:assert/strict';
import { applyFixes } from '../../../src/lint/applyFix';
import { lint, tooLargeCode } from '../../../src/lint/lint';
import { allRules } from '../../../src/lint/rules/index';
import type { Finding, Range } from '../../../src/lint/rule';
import { corpus, excerpt, mutate, prng } from './fuzzInput';

const cases = 10_000;
const baseSeed = Number(process.env.WHARF_FUZZ_SEED ?? 0x5eed);
const knownCodes = new Set([...allRules.map((r) => r.meta.code), tooLargeCode]);

/** Lines as an editor counts them (\n, \r\n, lone \r), each without its line break. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function rangeProblem(range: Range, lines: string[]): string | undefined {
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= lines.length) return `line ${p.line} past the last line ${lines.length - 1}`;
    if (p.character > lines[p.line].length) return `character ${p.character} past the end of line ${p.line} (${lines[p.line].length})`;
  }
  const { start, end } = range;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return 'end before start';
  return undefined;
}

export function findingProblem(finding: Finding, lines: string[]): string | undefined {
  if (!knownCodes.has(finding.code)) return `unknown code ${finding.code} (${finding.message})`;
  if (!['error', 'warning', 'info', 'style'].includes(finding.severity)) return `bad severity ${finding.severity}`;
  if (typeof finding.message !== 'string' || finding.message.length === 0) return 'empty message';
  const range = rangeProblem(finding.range, lines);
  if (range) return `range: ${range}`;
  for (const fix of finding.fixes) {
    if (!fix.title) return 'fix without a title';
    for (const edit of fix.edits) {
      const problem = rangeProblem(edit.range, lines);
      if (problem) return `fix "${fix.title}" edit range: ${problem}`;
      if (typeof edit.newText !== 'string') return `fix "${fix.title}" edit without text`;
    }
  }
  return undefined;
}

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
