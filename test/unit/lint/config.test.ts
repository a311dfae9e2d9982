import * as assert from 'node:assert/strict';
import { ConfigError, configCandidates, meetsThreshold, mergeConfig, parseHadolintConfig } from '../../../src/lint/config';

describe('lint config (.hadolint.yaml)', () => {
  it('reads every hadolint key', () => {
    const { config, problems } = parseHadolintConfig([
      'ignored: [DL3006, DL3008]',
      'override:',
      '  error: [DL3001]',
      '  warning: [DL3042]',
      '  info: [DL3032]',
      '  style: [DL3015]',
      'trustedRegistries:',
      '  - docker.io',
      '  - my-company.com:5000',
      'label-schema:',
      '  author: text',
      '  version: semver',
      'strict-labels: true',
      'failure-threshold: warning',
      'no-fail: true',
    ].join('\n'));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.ignored, ['DL3006', 'DL3008']);
    assert.deepEqual(config.override, { DL3001: 'error', DL3042: 'warning', DL3032: 'info', DL3015: 'style' });
    assert.deepEqual(config.trustedRegistries, ['docker.io', 'my-company.com:5000']);
    assert.deepEqual(config.labelSchema, { author: 'text', version: 'semver' });
    assert.equal(config.strictLabels, true);
    assert.equal(config.failureThreshold, 'warning');
    assert.equal(config.noFail, true);
  });

  it('an empty file is an empty configuration', () => {
    assert.deepEqual(parseHadolintConfig('').config.ignored, []);
    assert.equal(parseHadolintConfig('# only a comment\n').config.failureThreshold, undefined);
  });

  it('reports wrong types as problems and keeps the rest', () => {
    const { config, problems } = parseHadolintConfig('ignored: 3\nfailure-threshold: loud\nstrict-labels: maybe\ntrustedRegistries: [a]\n');
    assert.equal(problems.length, 3);
    assert.deepEqual(config.trustedRegistries, ['a']);
  });

  it('throws ConfigError for YAML that does not parse or is not a mapping', () => {
    assert.throws(() => parseHadolintConfig('ignored: [DL3006\n', 'x.yaml'), (e: unknown) => e instanceof ConfigError && e.message.startsWith('x.yaml:'));
    assert.throws(() => parseHadolintConfig('- a\n- b\n'), ConfigError);
  });

  it('a code overridden twice ends at the most severe level', () => {
    assert.equal(parseHadolintConfig('override:\n  style: [DL3006]\n  error: [DL3006]\n').config.override.DL3006, 'error');
  });

  it('looks in the project first, then XDG, ~/.config, ~/.hadolint, ~', () => {
    const list = configCandidates({ cwd: '/proj', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/u' });
    assert.deepEqual(list.slice(0, 4), ['/proj/.hadolint.yaml', '/proj/.hadolint.yml', '/xdg/hadolint.yaml', '/xdg/hadolint.yml']);
    assert.ok(list.indexOf('/home/u/.config/hadolint.yaml') < list.indexOf('/home/u/.hadolint/hadolint.yaml'));
    assert.equal(list[list.length - 2], '/home/u/.hadolint.yaml');
  });

  it('mergeConfig layers editor settings over the file', () => {
    const file = parseHadolintConfig('ignored: [DL3006]\noverride:\n  error: [DL3008]\n').config;
    const merged = mergeConfig(file, { ignored: ['DL3007'], severity: { DL3008: 'off', DL3009: 'style', DL3010: 'bogus' as never } });
    assert.deepEqual(merged.ignored, ['DL3006', 'DL3007']);
    assert.deepEqual(merged.override, { DL3008: 'off', DL3009: 'style' });
    assert.equal(merged.failureThreshold, 'info');
  });

  it('meetsThreshold orders error > warning > info > style, none never fails', () => {
    assert.equal(meetsThreshold('warning', 'info'), true);
    assert.equal(meetsThreshold('style', 'info'), false);
    assert.equal(meetsThreshold('error', 'error'), true);
    assert.equal(meetsThreshold('error', 'none'), false);
  });
});
