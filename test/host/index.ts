// Entry of the host tier, loaded by VS Code as extensionTestsPath (the @vscode/test-electron
// run() contract): runs every out/test/host/suite/**/*.test.js with mocha inside the extension
// host, writes the results as JSON to $WHARF_TEST_STATS_FILE (inherited from the VS Code server's
// environment; the same shape as scripts/lib/mochaStatsReporter.cjs writes, titles included) and
// rejects when a test failed, which makes VS Code report a non-zero exit code.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface HostStats {
  passed: number;
  failed: number;
  skipped: number;
  /** Full titles of the tests that passed. */
  passes: string[];
  /** Full titles of the tests (and hooks) that failed, with the first line of the error. */
  failures: { title: string; error: string }[];
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // A hang detector only: every wait inside a test ends on its state and has its own limit
    // (test/engine/waitFor.ts, 60 s), so one test may hold a few of those on a loaded machine.
    timeout: 300_000,
    // The extension host's console is forwarded to the page (codeAutomationLog) without a TTY.
    color: false,
    reporter: 'spec',
  });
  if (process.env.WHARF_TEST_GREP) mocha.grep(process.env.WHARF_TEST_GREP);
  const files = testFiles(join(__dirname, 'suite'));
  for (const file of files) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const passes: string[] = [];
      const failed: HostStats['failures'] = [];
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        const stats: HostStats = { passed: s?.passes ?? 0, failed: s?.failures ?? failures, skipped: s?.pending ?? 0, passes, failures: failed };
        const statsFile = process.env.WHARF_TEST_STATS_FILE;
        if (statsFile) writeFileSync(statsFile, JSON.stringify(stats));
        console.log(`[wharf-host] ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped} skipped (${files.length} files)`);
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => passes.push(test.fullTitle()));
      runner.on('fail', (test, err: unknown) => failed.push({ title: test.fullTitle(), error: String(err instanceof Error ? err.message : err).split('\n')[0] }));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
