// Hostile input (issue 16): how long each input of test/unit/adversarial/hostileInputs.ts takes
// through lint(), the .dockerignore matcher, the image-reference check, and the wharf-lint CLI
// (ShellCheck included when it is on PATH), beside what the same input took before the fix.
// The "before" column was measured once on this project's commit 16bd834 (the parent of the
// issue-16 work) on the shared 2-core test machine, each input in its own process stopped after
// 60 s, right before the same input on the new code; this benchmark measures only the current
// code. Inputs not listed there took about as long before as now. It reports figures and never
// passes or fails.
// Standalone: npm run build && npx tsc -p tsconfig.test.json && node out/bench/hostile.bench.js
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lint } from '../src/lint/lint';
import { isImageReference } from '../src/lint/reference';
import { parseDockerignore } from '../src/workspace/dockerignore';
import { generatedDockerfiles, hostileGlobs, hostileReferences, reportedDockerfiles } from '../test/unit/adversarial/hostileInputs';
import { figures, ms, table } from './lib/figures';

const runs = Number(process.env.WHARF_BENCH_HOSTILE_RUNS ?? 5);
const cli = resolve(__dirname, '../../dist/wharf-lint.js');

/** Before the fix (commit 16bd834), by input name: lint(), wharf-lint with ShellCheck, matcher, reference check. */
const before: Record<string, { lint?: string; cli?: string; glob?: string; ref?: string }> = {
  'directive: "# a=" + 3,000 spaces + U+2028': { lint: '3.3 s', cli: '6.8 s' },
  '.dockerignore *a*a*a*a*a*a*b, a 60-character COPY source': { lint: '2.8 s', cli: '3.3 s' },
  'DL4006: SHELL with a 100,000-character option word': { lint: '3.7 s', cli: '5.6 s' },
  'DL3046: useradd with a 100,000-character option word': { lint: '3.7 s', cli: '5.2 s' },
  'suggestions: a 50,000-character undefined name beside a declared one': { lint: '9.0 s', cli: '13.8 s' },
  'stage names of 50,000 characters': { lint: '167 ms', cli: '430 ms' },
  'RUN continued over 20,000 lines': { lint: '537 ms', cli: '12.6 s, 1.6 GB (ShellCheck stopped at its 10 s deadline)' },
  'ENV with 6,000 variables': { lint: '13.0 s', cli: '14.6 s' },
  'unterminated heredoc of 8,000 lines': { lint: '220 ms', cli: '2.6 s, 225 MB' },
  'one long line of spaces ending in U+2028': { lint: '> 60 s' },
  'a long word of option letters': { lint: '30.0 s' },
  'many ENV pairs on one line': { lint: '> 60 s' },
  'long COPY sources against a pathological .dockerignore': { lint: '> 60 s' },
  '*a*a*a*a*a*a*b against a 60-character name': { glob: '4.4 s' },
  '(*a)×200 *b against long names': { glob: '> 60 s' },
  '(**/)×200 b against a deep path': { glob: '> 60 s' },
  '**a**a**a**b against a deep path': { glob: '> 60 s' },
  '?*?*?* against a long name': { glob: '> 60 s' },
  'classes and stars': { glob: '> 60 s' },
  'many patterns with exceptions': { glob: '> 60 s' },
  'one pattern as long as the file': { glob: 'threw (regular expression too large)' },
  'a 130-character path of a.a segments': { ref: '> 60 s' },
  'a 130-character path of a-a segments': { ref: '> 60 s' },
};

function median(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return figures(samples).median;
}

function main(): void {
  console.log(`hostile-input benchmark — median of ${runs} runs; node ${process.version}`);
  const rows: string[][] = [];
  for (const { name, text, dockerignore } of [...reportedDockerfiles(), ...generatedDockerfiles()]) {
    const settings = dockerignore === undefined ? {} : { dockerignore: dockerignore.split('\n') };
    rows.push([name, `${Math.round(text.length / 1024)} KB`, before[name]?.lint ?? '', ms(median(() => { lint(text, { settings }); }))]);
  }
  console.log('\nlint() (cold: no parse cache)');
  console.log(table(['input', 'size', 'before', 'now'], rows));

  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-hostile-'));
  try {
    const cliRows = reportedDockerfiles().map(({ name, text, dockerignore }, index) => {
      const folder = join(dir, String(index));
      mkdirSync(folder);
      writeFileSync(join(folder, 'Dockerfile'), text);
      if (dockerignore !== undefined) writeFileSync(join(folder, '.dockerignore'), dockerignore);
      const now = median(() => spawnSync(process.execPath, [cli, '--format', 'json', join(folder, 'Dockerfile')], { encoding: 'utf8', timeout: 60_000 }));
      return [name, before[name]?.cli ?? '', ms(now)];
    });
    console.log('\nwharf-lint FILE (a new process each run, ShellCheck when on PATH)');
    console.log(table(['input', 'before', 'now'], cliRows));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\n.dockerignore matcher (parse the file, match every path)');
  console.log(table(['input', 'before', 'now'], hostileGlobs().map(({ name, patterns, paths }) =>
    [name, before[name]?.glob ?? '', ms(median(() => { const m = parseDockerignore(patterns); for (const p of paths) m.ignores(p); }))])));

  console.log('\nimage-reference check (the Pull and Tag input boxes)');
  console.log(table(['input', 'before', 'now'], hostileReferences().map(({ name, text }) =>
    [name, before[name]?.ref ?? '', ms(median(() => isImageReference(text)))])));
}

main();
