// The log and build channels print nothing secret: every printing method's arguments are masked,
// everything else reaches the real channel untouched.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { MASK } from '../../../src/docker/secrets';
import { maskedOutput } from '../../../src/ui/maskedOutput';

function recordingChannel(): { channel: vscode.LogOutputChannel; printed: unknown[][]; shown: number } {
  const record = { printed: [] as unknown[][], shown: 0 };
  const print = (...args: unknown[]): void => { record.printed.push(args); };
  const channel = {
    name: 'Wharf', logLevel: 2,
    trace: print, debug: print, info: print, warn: print, error: print, append: print, appendLine: print, replace: print,
    show(): void { record.shown++; },
  } as unknown as vscode.LogOutputChannel;
  return { channel, get printed() { return record.printed; }, get shown() { return record.shown; } };
}

describe('masked output channels', () => {
  it('masks what every printing method is given', () => {
    const recorder = recordingChannel();
    const log = maskedOutput(recorder.channel);
    log.info('engine endpoint ssh://me:pw1@host (from setting)');
    log.warn('run failed: exec "--password=pw2"');
    log.error(new Error('start: --token pw3'));
    log.error('with args', { Env: ['A=1'], Password: 'pw4' });
    log.appendLine('Step 3/5 : ARG API_KEY=pw5');
    log.append('DB_SECRET=pw6');
    log.replace('postgres://u:pw7@db');
    log.debug('nothing secret');
    const text = JSON.stringify(recorder.printed);
    for (let n = 1; n <= 7; n++) assert.ok(!text.includes(`pw${n}`), `pw${n} printed: ${text}`);
    assert.ok(text.includes(MASK));
    assert.deepEqual(recorder.printed.at(-1), ['nothing secret']);
  });

  it('leaves the rest of the channel as it is', () => {
    const recorder = recordingChannel();
    const log = maskedOutput(recorder.channel);
    log.show();
    assert.equal(recorder.shown, 1);
    assert.equal(log.name, 'Wharf');
    assert.equal(log.logLevel, 2);
  });
});
