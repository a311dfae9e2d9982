// One finding per problem (src/lint/overlaps.ts): each hadolint/BuildKit pair folded when both
// report at the same place, and only then.
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';
import { overlappingChecks } from '../../../src/lint/overlaps';
import { allRules } from '../../../src/lint/rules/index';

const at = (text: string, options: Parameters<typeof lint>[1] = {}) =>
  lint(text, options).map((f) => `${f.code}${f.alsoCodes ? `+${f.alsoCodes.join('+')}` : ''}@${f.range.start.line}:${f.range.start.character}/${f.severity}`);

describe('lint: one finding per problem', () => {
  it('every pair names a hadolint rule and a BuildKit check that exist', () => {
    const sourceOf = new Map(allRules.map((r) => [r.meta.code, r.meta.source]));
    for (const [hadolint, buildkit] of Object.entries(overlappingChecks)) {
      assert.equal(sourceOf.get(hadolint), 'hadolint', hadolint);
      assert.equal(sourceOf.get(buildkit), 'buildkit', buildkit);
    }
  });

  const cases: [string, string, string[]][] = [
    ['MAINTAINER', 'FROM debian:12\nMAINTAINER me\n', ['DL4000+MaintainerDeprecated@1:0/error']],
    ['CMD shell form', 'FROM debian:12\nCMD node app.js\n', ['DL3025+JSONArgsRecommended@1:4/warning']],
    ['relative WORKDIR', 'FROM debian:12\nWORKDIR app\n', ['DL3000+WorkdirRelativePath@1:8/error']],
    ['duplicate stage', 'FROM debian:12 AS a\nFROM debian:12 AS a\n', ['DL3024+DuplicateStageName@1:18/error']],
    ['constant platform', 'FROM --platform=linux/amd64 debian:12\n', ['DL3029+FromPlatformFlagConstDisallowed@0:5/warning']],
    ['reserved stage name', 'FROM debian:12 AS scratch\n', ['DL3063+ReservedStageName@0:18/warning']],
    ['secret in ENV', 'FROM debian:12\nENV DB_PASSWORD=x\n', ['DL3064+SecretsUsedInArgOrEnv@1:4/warning']],
    ['redundant platform', 'FROM --platform=$TARGETPLATFORM debian:12\n', ['DL3065+RedundantTargetPlatform@0:16/warning']],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: one finding naming both codes`, () => {
      assert.deepEqual(at(text).filter((f) => !f.startsWith('DL3006') && !f.startsWith('DL3059')), expected);
    });
  }

  it('only one half reported: nothing to fold', () => {
    // DL3000 reports every relative WORKDIR, WorkdirRelativePath only before an absolute one.
    assert.deepEqual(at('FROM debian:12\nWORKDIR /srv\nWORKDIR app\n'), ['DL3000@2:8/error']);
    // DL4003 and MultipleInstructionsDisallowed point at different CMDs: both stay.
    assert.deepEqual(at('FROM debian:12\nCMD ["a"]\nCMD ["b"]\n'), ['MultipleInstructionsDisallowed@1:0/warning', 'DL4003@2:0/warning']);
  });

  it('the same pair on two lines folds line by line', () => {
    assert.deepEqual(at('FROM debian:12\nMAINTAINER a\nMAINTAINER b\n'), ['DL4000+MaintainerDeprecated@1:0/error', 'DL4000+MaintainerDeprecated@2:0/error']);
  });

  it('the folded finding carries one fix per distinct edit', () => {
    const [finding] = lint('FROM debian:12\nMAINTAINER me\n').filter((f) => f.code === 'DL4000');
    assert.equal(finding.fixes.length, 1);
  });

  it('configuration first: an ignored or re-levelled half leaves the other as it is', () => {
    const text = 'FROM debian:12\nMAINTAINER me\n';
    assert.deepEqual(at(text, { config: { ignored: ['DL4000'] } }), ['MaintainerDeprecated@1:0/warning']);
    assert.deepEqual(at(`# hadolint ignore=MaintainerDeprecated\n${text.replace('FROM debian:12\n', 'FROM debian:12\n# hadolint ignore=MaintainerDeprecated\n')}`.split('\n').slice(1).join('\n')), ['DL4000@2:0/error']);
    assert.deepEqual(at(text, { config: { override: { DL4000: 'info', MaintainerDeprecated: 'style' } } }), ['DL4000+MaintainerDeprecated@1:0/info']);
  });

  it('rule sets: hadolint or buildkit alone report their own code only', () => {
    const text = 'FROM debian:12\nMAINTAINER me\nRUNN x\n';
    assert.deepEqual(at(text, { ruleSet: 'hadolint' }), ['DL4000@1:0/error', 'UnknownInstruction@2:0/error']);
    assert.deepEqual(at(text, { ruleSet: 'buildkit' }), ['MaintainerDeprecated@1:0/warning', 'UnknownInstruction@2:0/error']);
  });
});
