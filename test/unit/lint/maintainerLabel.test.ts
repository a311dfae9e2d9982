// DL4000 and MaintainerDeprecated report the same MAINTAINER line: linted with both rule sets they
// are one finding with one fix, so each rule on its own must rewrite the line to the same text.
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';

const inputs = [
  'FROM alpine:3\nMAINTAINER "Jane Doe"\n',
  'FROM alpine:3\nMAINTAINER The "Ops" team $5\n',
  'FROM alpine:3\nmaintainer jane\n',
  'FROM alpine:3\n  Maintainer ops@example.com <ops>\n',
  'FROM alpine:3\nMAINTAINER "a" "b"\n',
];

describe('MAINTAINER quick fixes', () => {
  for (const text of inputs) {
    it(`DL4000 and MaintainerDeprecated offer the same rewrite of ${JSON.stringify(text.split('\n')[1])}`, () => {
      const edits = (code: string) => {
        const finding = lint(text, { ruleSet: code === 'DL4000' ? 'hadolint' : 'buildkit' }).find((f) => f.code === code);
        assert.ok(finding, `${code} reported`);
        assert.equal(finding.fixes.length, 1);
        return finding.fixes[0];
      };
      assert.deepEqual(edits('DL4000'), edits('MaintainerDeprecated'));
      const merged = lint(text).filter((f) => f.code === 'DL4000' || f.code === 'MaintainerDeprecated');
      assert.deepEqual(merged.map((f) => [f.code, f.alsoCodes, f.fixes.length]), [['DL4000', ['MaintainerDeprecated'], 1]]);
    });
  }
});
