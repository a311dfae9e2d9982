// Mocha's spec reporter, plus the run's counts written as JSON to $WHARF_TEST_STATS_FILE so that
// scripts/test.mjs can sum passed/failed/skipped over the tiers.
const Mocha = require('mocha');
const { writeFileSync } = require('node:fs');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = runner.stats ?? {};
      const file = process.env.WHARF_TEST_STATS_FILE;
      if (file) writeFileSync(file, JSON.stringify({ passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0 }));
    });
  }
}
module.exports = StatsReporter;
