// Mocha's spec reporter, plus the run's results written as JSON to $WHARF_TEST_STATS_FILE so that
// scripts/test.mjs can sum passed/failed/skipped over the tiers and count, over repeated runs,
// how often each test failed: { passed, failed, skipped, passes: [full title], failures:
// [{ title, error }] } (a failing hook counts as a failure under its own title, as in mocha).
const Mocha = require('mocha');
const { writeFileSync } = require('node:fs');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const passes = [];
    const failures = [];
    runner.on('pass', (test) => passes.push(test.fullTitle()));
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: String(err?.message ?? err).split('\n')[0] }));
    runner.once('end', () => {
      const s = runner.stats ?? {};
      const file = process.env.WHARF_TEST_STATS_FILE;
      if (file) writeFileSync(file, JSON.stringify({ passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0, passes, failures }));
    });
  }
}
module.exports = StatsReporter;
