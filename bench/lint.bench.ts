// Lint speed (issue 5 §7): Wharf's lint() beside dockerfile-utils' validate() on the same inputs,
// in one run, runs interleaved so that a noisy machine slows both alike.
//  - a 1,000-line Dockerfile built deterministically from the corpus: linted cold (no parse
//    cache), re-linted after a one-character edit the way the editor does it (the previous text
//    was linted just before, each edit is a new character typed at another place), and as a
//    whole-text parse without the incremental cache; re-lint rounds and cold rounds are run
//    apart (a cold lint between two re-lints is not what an editor does), each interleaved with
//    validate() on the same text;
//  - every file of bench/corpus: the per-file median of each.
// It reports figures and never passes or fails. Standalone:
//   npm run build && npx tsc -p tsconfig.test.json && node out/bench/lint.bench.js
import { validate } from 'dockerfile-utils';
import { lint, LintState } from '../src/lint/lint';
import { figures, ms, ratio, table, type Figures } from './lib/figures';
import { corpusFiles, largeDockerfile } from './lib/largeDockerfile';

// Issue 17: re-lint ≤ 5 ms median; cold lint (1,000 lines, and the corpus per-file median) ≤ 1.0× validate().
const targetMs = 5;
const targetRatio = 1.0;
const largeRuns = Number(process.env.WHARF_BENCH_LINT_RUNS ?? 60);
const corpusRuns = Number(process.env.WHARF_BENCH_LINT_CORPUS_RUNS ?? 25);
const warmup = 10;

const files = corpusFiles();

/** Where the edits go: the middle of the first word after the keyword on each instruction line. */
function editPoints(text: string): number[] {
  const points: number[] = [];
  const pattern = /^(?:RUN|ENV|LABEL|COPY|WORKDIR|USER|EXPOSE|CMD)[ \t]+\S{2}/gim;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) points.push(m.index + m[0].length - 1);
  // Spread over the file: every edit lands on another instruction.
  const step = Math.max(1, Math.floor(points.length / 17));
  return points.filter((_, i) => i % step === 0);
}

/** Types one letter at the k-th edit point, keeping earlier edits (offsets move with them). */
function typeAt(text: string, points: number[], k: number): string {
  const at = points[k % points.length] + Math.floor(k / points.length);
  return text.slice(0, at) + String.fromCharCode(97 + (k % 26)) + text.slice(at);
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

interface Samples { cold: number[]; relint: number[]; whole: number[]; utils: number[]; utilsOfRelint: number[] }
const emptySamples = (): Samples => ({ cold: [], relint: [], whole: [], utils: [], utilsOfRelint: [] });

/** Runs the measurements of one round in an order that rotates with the round. */
function interleaved(round: number, steps: [keyof Samples, () => unknown][], samples: Samples | undefined): void {
  for (let i = 0; i < steps.length; i++) {
    const [name, fn] = steps[(i + round) % steps.length];
    const elapsed = time(fn);
    if (samples) samples[name].push(elapsed);
  }
}

/**
 * Re-lint rounds: each types one more character and lints, as the editor does (the previous
 * text was linted just before, nothing else ran in between), beside validate() on the same text.
 */
function relintRounds(start: string, points: number[], rounds: number, skip: number, samples: Samples): void {
  let text = start;
  // The editor's state for this one document, as it holds one per open Dockerfile.
  const state = new LintState();
  lint(text, { state });
  for (let k = 0; k < skip + rounds; k++) {
    text = typeAt(text, points, k);
    const current = text;
    interleaved(k, [['relint', () => lint(current, { state })], ['utilsOfRelint', () => validate(current)]], k >= skip ? samples : undefined);
  }
}

/** Cold rounds: no incremental state; optionally the whole-text parse too. */
function coldRounds(text: string, rounds: number, skip: number, samples: Samples, withWhole: boolean): void {
  for (let k = 0; k < skip + rounds; k++) {
    interleaved(k, [
      ['cold', () => lint(text)],
      ['utils', () => validate(text)],
      ...(withWhole ? [['whole', () => lint(text, { incremental: false })] as [keyof Samples, () => unknown]] : []),
    ], k >= skip ? samples : undefined);
  }
}

function main(): void {
  console.log(`lint benchmark — Wharf lint() vs dockerfile-utils validate(), interleaved; node ${process.version}`);
  const large = largeDockerfile();
  const largeSamples = emptySamples();
  relintRounds(large, editPoints(large), largeRuns, warmup, largeSamples);
  coldRounds(large, largeRuns, warmup, largeSamples, true);
  const f = (s: number[]) => figures(s);
  const row = (label: string, wharf: Figures, utils: Figures, target?: string): string[] =>
    [label, ms(wharf.median), ms(wharf.p90), ms(utils.median), ms(utils.p90), ratio(wharf.median / utils.median), target ?? ''];
  const utils = f(largeSamples.utils);
  console.log(`\n1,000-line Dockerfile (${large.split('\n').length - 1} lines, ${Math.round(large.length / 1024)} KB, ${largeRuns} runs, edits at ${editPoints(large).length} places)`);
  console.log(table(['case', 'Wharf median', 'Wharf p90', 'd-utils median', 'd-utils p90', 'Wharf/d-utils', 'target'], [
    row('re-lint after a 1-char edit', f(largeSamples.relint), f(largeSamples.utilsOfRelint), `≤ ${targetMs} ms (measured ${ms(f(largeSamples.relint).median)})`),
    row('cold (no incremental state)', f(largeSamples.cold), utils, `≤ ${targetRatio.toFixed(1)}×`),
    row('whole-text parse, no cache', f(largeSamples.whole), utils),
  ]));

  const perFile: { name: string; cold: Figures; relint: Figures; utils: Figures }[] = [];
  for (const file of files) {
    const samples = emptySamples();
    const points = editPoints(file.text);
    if (points.length > 0) relintRounds(file.text, points, corpusRuns, 3, samples);
    coldRounds(file.text, corpusRuns, 3, samples, false);
    perFile.push({ name: file.name, cold: f(samples.cold), relint: f(samples.relint), utils: f(samples.utils) });
  }
  console.log(`\nCorpus: ${files.length} files, ${corpusRuns} runs each — per-file medians`);
  console.log(table(['file', 'lines', 'Wharf cold', 'Wharf re-lint', 'd-utils', 'cold/d-utils'], perFile.map((p, i) => [
    p.name, String(files[i].text.split('\n').length), ms(p.cold.median), ms(p.relint.median), ms(p.utils.median), ratio(p.cold.median / p.utils.median),
  ])));
  const across = (pick: (p: (typeof perFile)[number]) => number) => figures(perFile.map(pick).filter(Number.isFinite));
  const cold = across((p) => p.cold.median);
  const relint = across((p) => p.relint.median);
  const utilsAcross = across((p) => p.utils.median);
  console.log('\nCorpus summary (over the per-file medians)');
  console.log(table(['case', 'median', 'p90', 'd-utils median', 'd-utils p90', 'Wharf/d-utils'], [
    ['Wharf cold', ms(cold.median), ms(cold.p90), ms(utilsAcross.median), ms(utilsAcross.p90), ratio(cold.median / utilsAcross.median)],
    ['Wharf cold ÷ d-utils, per-file median of the ratios', '', '', '', '', ratio(figures(perFile.map((p) => p.cold.median / p.utils.median)).median)],
    ['Wharf re-lint after a 1-char edit', ms(relint.median), ms(relint.p90), ms(utilsAcross.median), ms(utilsAcross.p90), ratio(relint.median / utilsAcross.median)],
  ]));
  console.log(`\nTargets (reported, not judged): re-lint of a 1,000-line file ≤ ${targetMs} ms median — measured ${ms(f(largeSamples.relint).median)}; `
    + `cold 1,000 lines ≤ ${targetRatio.toFixed(1)}× — measured ${ratio(f(largeSamples.cold).median / utils.median)}; corpus cold ≤ ${targetRatio.toFixed(1)}× — measured ${ratio(cold.median / utilsAcross.median)}`);
}

main();
