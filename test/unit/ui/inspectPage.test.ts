// The inspect page's pure parts: JSON paths, the filter and what a copy puts on the clipboard,
// over the data the host gives the page (masked by src/docker/secrets.ts unless Show secrets is
// ticked): a guess typed in the filter, or a copy of a parent, never reaches a masked secret.
import * as assert from 'node:assert/strict';
import { MASK, maskInspect } from '../../../src/docker/secrets';
import { clipboardText, formatPath, matchesFilter, valueAt } from '../../../src/webview/inspect/jsonPath';

const inspected = {
  Id: 'c0ffee',
  Config: {
    Env: ['DB_PASSWORD=hunter2', 'PATH=/bin'],
    Cmd: ['serve', '--token', 'tok-123'],
    Labels: { 'com.example.api-key': 'k-456', upstream: 'https://me:pw-789@h' },
  },
};
const SECRETS = ['hunter2', 'tok-123', 'k-456', 'pw-789'];
const given = maskInspect(inspected);

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

  it('reads the value at a path, own properties only', () => {
    assert.equal(valueAt(inspected, ['Config', 'Env', 1]), 'PATH=/bin');
    assert.equal(valueAt(inspected, ['Config', 'Nope']), undefined);
    assert.equal(valueAt(inspected, ['Config', 'constructor']), undefined);
    assert.equal(valueAt(inspected, ['Id', 'length']), undefined);
  });
});

describe('inspect page: secrets stay masked on every path', () => {
  it('the filter never matches a guess of a masked secret, and still matches what is shown', () => {
    for (const secret of SECRETS) {
      assert.ok(matchesFilter(inspected, [], secret), `the unmasked data has ${secret}`);
      assert.ok(!matchesFilter(given, [], secret), `${secret} matched the filter`);
      assert.ok(!matchesFilter(given, [], secret.slice(-4)), `the end of ${secret} matched`);
    }
    assert.ok(matchesFilter(given, [], 'db_password'));
    assert.ok(matchesFilter(given, [], MASK));
  });

  it('Copy value on the root, a parent, a leaf; Copy JSON; Copy path: no secret in any', () => {
    const copies = [
      clipboardText(given, 'value', []),
      clipboardText(given, 'value', ['Config']),
      clipboardText(given, 'value', ['Config', 'Env']),
      clipboardText(given, 'value', ['Config', 'Env', 0]),
      clipboardText(given, 'value', ['Config', 'Cmd']),
      clipboardText(given, 'value', ['Config', 'Labels']),
      clipboardText(given, 'json', []),
      clipboardText(given, 'path', ['Config', 'Labels', 'com.example.api-key']),
    ];
    for (const text of copies) {
      assert.ok(text !== undefined);
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    }
    assert.equal(clipboardText(given, 'value', ['Config', 'Env', 0]), `DB_PASSWORD=${MASK}`);
    assert.equal(clipboardText(given, 'path', ['Config', 'Labels', 'com.example.api-key']), 'Config.Labels["com.example.api-key"]');
    assert.equal(JSON.parse(clipboardText(given, 'json', [])!).Id, 'c0ffee');
  });

  it('with Show secrets ticked the page is given the real data, and copies it', () => {
    assert.equal(clipboardText(inspected, 'value', ['Config', 'Env', 0]), 'DB_PASSWORD=hunter2');
  });

  it('copies nothing for a path the page was not given, or a malformed one', () => {
    assert.equal(clipboardText(given, 'value', ['Config', 'Secret']), undefined);
    assert.equal(clipboardText(given, 'path', ['Nowhere']), undefined);
    assert.equal(clipboardText(given, 'value', [{ toString: () => 'Config' }]), undefined);
    assert.equal(clipboardText(given, 'value', 'Config'), undefined);
    assert.equal(clipboardText(given, 'bogus' as 'value', []), undefined);
  });
});
