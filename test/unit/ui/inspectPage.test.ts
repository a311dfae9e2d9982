// The inspect page's pure parts: secret masking and JSON paths/filtering.
import * as assert from 'node:assert/strict';
import { formatPath, matchesFilter } from '../../../src/webview/inspect/jsonPath';
import { isEnvPath, isSecretKey, maskEnvEntry, maskSecrets } from '../../../src/webview/inspect/secrets';

describe('inspect page: secrets', () => {
  it('treats pass/secret/token/key/pwd/credential names as secret, case-insensitively', () => {
    for (const name of ['DB_PASSWORD', 'client_secret', 'GITHUB_TOKEN', 'API_KEY', 'MYSQL_PWD', 'AWS_CREDENTIALS']) assert.ok(isSecretKey(name), name);
    for (const name of ['PATH', 'HOME', 'MODE']) assert.ok(!isSecretKey(name), name);
  });

  it('masks values of secret Env entries only', () => {
    assert.equal(maskEnvEntry('DB_PASSWORD=hunter2'), 'DB_PASSWORD=••••••');
    assert.equal(maskEnvEntry('PATH=/bin'), 'PATH=/bin');
    const masked = maskSecrets({ Config: { Env: ['API_TOKEN=abc', 'PATH=/bin'], Labels: { API_TOKEN: 'label stays' } } }) as { Config: { Env: string[]; Labels: Record<string, string> } };
    assert.deepEqual(masked.Config.Env, ['API_TOKEN=••••••', 'PATH=/bin']);
    assert.equal(masked.Config.Labels.API_TOKEN, 'label stays');
    assert.ok(isEnvPath(['Config', 'Env', 0]));
    assert.ok(!isEnvPath(['Config', 'Cmd', 0]));
  });
});

describe('inspect page: paths and filter', () => {
  it('writes paths as people do', () => {
    assert.equal(formatPath(['State', 'Health', 'Status']), 'State.Health.Status');
    assert.equal(formatPath(['Config', 'Env', 2]), 'Config.Env[2]');
    assert.equal(formatPath(['Config', 'Labels', 'com.docker.compose.project']), 'Config.Labels["com.docker.compose.project"]');
  });

  it('keeps a branch when a key or value below it matches', () => {
    const data = { State: { Status: 'running' }, Name: '/web' };
    assert.ok(matchesFilter(data.State, ['State'], 'running'));
    assert.ok(matchesFilter(data.State, ['State'], 'status'));
    assert.ok(!matchesFilter(data.Name, ['Name'], 'running'));
  });
});
