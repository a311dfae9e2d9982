// ~/.ssh/config as OpenSSH reads it for an engine: Host patterns (wildcards, negation), first
// value wins, IdentityFile accumulates with ~ and %-tokens expanded, Match blocks skipped; which
// key files are usable without a passphrase.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globMatch, isUnencryptedKey, sshConfigFor } from '../../../src/docker/sshConfig';

const HOME = '/home/me';

describe('ssh config', () => {
  it('matches Host patterns case-insensitively with OpenSSH wildcards', () => {
    assert.ok(globMatch('build-*', 'build-box'));
    assert.ok(!globMatch('*.example.com', 'example.com'));
    assert.equal(sshConfigFor('BUILD-box', 'Host build-*\n  User x\n', HOME).user, 'x', 'host names are case-insensitive');
  });

  it('reads HostName, User, Port and IdentityFiles for an alias, the first value winning', () => {
    const text = [
      '# global',
      'Host build-box buildbox',
      '  HostName 10.0.0.5',
      '  User deploy',
      '  Port 2222',
      '  IdentityFile ~/.ssh/build_ed25519',
      '',
      'Host build-*',
      '  User someone-else',
      '  IdentityFile %d/.ssh/%r@%h',
      'Host *',
      '  Port 22',
      '  IdentityFile=id_rsa',
    ].join('\n');
    assert.deepEqual(sshConfigFor('build-box', text, HOME, 'me'), {
      hostName: '10.0.0.5', user: 'deploy', port: 2222,
      identityFiles: ['/home/me/.ssh/build_ed25519', '/home/me/.ssh/deploy@10.0.0.5', '/home/me/.ssh/id_rsa'],
    });
    assert.deepEqual(sshConfigFor('elsewhere', text, HOME, 'me'), { port: 22, identityFiles: ['/home/me/.ssh/id_rsa'] });
  });

  it('honours negated patterns and skips Match blocks', () => {
    const text = 'Host * !secret\n  User everyone\nMatch exec "true"\n  User matched\nHost secret\n  User hidden\n';
    assert.equal(sshConfigFor('box', text, HOME).user, 'everyone');
    assert.equal(sshConfigFor('secret', text, HOME).user, 'hidden');
  });

  it('has nothing to say without a config', () => {
    assert.deepEqual(sshConfigFor('box', undefined, HOME), { identityFiles: [] });
  });

  it('tells keys usable without a passphrase from encrypted ones (real ssh-keygen output)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-keys-'));
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'plain')]);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret phrase', '-f', path.join(dir, 'locked')]);
      assert.equal(isUnencryptedKey(fs.readFileSync(path.join(dir, 'plain'), 'utf8')), true);
      assert.equal(isUnencryptedKey(fs.readFileSync(path.join(dir, 'locked'), 'utf8')), false);
      assert.equal(isUnencryptedKey('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n…'), false);
      assert.equal(isUnencryptedKey('not a key'), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
