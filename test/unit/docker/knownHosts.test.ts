// known_hosts as OpenSSH reads it: names for ports, plain, wildcard, negated and hashed host
// fields (the hashed lines and fingerprints below were made by OpenSSH's ssh-keygen -H and -l,
// not by this code), @revoked, HostKeyAlias, and the checker's ask-once / remember / refuse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  checkHostKey, fingerprint, globMatch, hostFieldMatches, HostKeyChecker, hostKeyAlias, keyKind, keyTypeOf, knownHostName, parseKnownHosts,
  preferredHostKeyAlgorithms, type UnknownHostKey,
} from '../../../src/docker/knownHosts';

const KEY1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIH9kezFCS6gfBjBPfemxdegeN8b5zEUvIuR+N/tksTF9';
const KEY2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIIyzIrW4m+cffQ1aDY5nfCqkLaSxwvHzU/Oe3O1/y1RX';
const RSA = 'AAAAB3NzaC1yc2EAAAADAQABAAAAgQDT5S0i33yGFH/AgteV5tqXmD9+h9nnmV2t2OStN285BhcTq8BEpGEJJ21z+070nxlzSMs1uq8VTm2eXmlbjDUfWexaYEh/OenLZQmbfDld2uuCpgjRPVYTs4k+HAT4NzTOxRhy5V1ccqzyDcRomy3/L9PLqJiULTBMlmRkPqS7YQ==';
const blob = (base64: string): Buffer => Buffer.from(base64, 'base64');
/** ssh-keygen -H of "[127.0.0.1]:2222 ssh-ed25519 KEY1" and "example.com ssh-ed25519 KEY1". */
const HASHED_PORT = `|1|TQxHI9kI/GNeOd7zhH5MrPu8b+o=|c9xUKgrl09sCnsTYNYQB4IHtkQQ= ssh-ed25519 ${KEY1}`;
const HASHED_NAME = `|1|Z9TNdo50CfQxpSEGsUAh4EJzNKs=|EifDpbsueiZeqZToOnCTDfWxycM= ssh-ed25519 ${KEY1}`;

describe('known_hosts: reading', () => {
  it('names a host as ssh looks it up: bare on port 22, [host]:port otherwise', () => {
    assert.equal(knownHostName('Build-Box.lan', 22), 'build-box.lan');
    assert.equal(knownHostName('127.0.0.1', 2222), '[127.0.0.1]:2222');
    assert.equal(knownHostName('::1', 22), '::1');
    assert.equal(knownHostName('::1', 2222), '[::1]:2222');
  });

  it('prints fingerprints and key kinds as OpenSSH does', () => {
    assert.equal(fingerprint(blob(KEY1)), 'SHA256:mP8o2rwc5WD0TAje3qkHJ+5/0VNNmNDzEaaKVgelTuM');
    assert.equal(fingerprint(blob(RSA)), 'SHA256:pKQ3MzkMG1DgWsQgCc/a2koKVS30wijGz+NBHVSiNUQ');
    assert.equal(keyTypeOf(blob(KEY1)), 'ssh-ed25519');
    assert.equal(keyKind('ssh-ed25519'), 'ED25519');
    assert.equal(keyKind('ssh-rsa'), 'RSA');
    assert.equal(keyKind('ecdsa-sha2-nistp256'), 'ECDSA');
    assert.equal(keyTypeOf(Buffer.from('nonsense')), '');
  });

  it('parses lines, markers and comments; skips what ssh skips', () => {
    const lines = parseKnownHosts([
      '# a comment',
      '',
      `host1,10.0.0.1 ssh-ed25519 ${KEY1} me@laptop`,
      `@revoked * ssh-ed25519 ${KEY2}`,
      `@cert-authority *.lan ssh-ed25519 ${KEY2}`,
      `@unknown-marker host ssh-ed25519 ${KEY2}`,
      'host2 ssh-ed25519',
      `host3 ssh-rsa ${KEY1}`,
      `  host4\tssh-rsa\t${RSA}`,
    ].join('\n'), '/k');
    assert.deepEqual(lines.map((l) => [l.marker, l.hosts, l.keyType, l.line]), [
      [undefined, 'host1,10.0.0.1', 'ssh-ed25519', 3],
      ['revoked', '*', 'ssh-ed25519', 4],
      ['cert-authority', '*.lan', 'ssh-ed25519', 5],
      [undefined, 'host4', 'ssh-rsa', 9],
    ]);
  });

  it('matches globs, negations and hashed entries', () => {
    assert.ok(globMatch('*.lan', 'box.lan'));
    assert.ok(globMatch('box?', 'box1'));
    assert.ok(!globMatch('box?', 'box12'));
    assert.ok(globMatch('[127.0.0.1]:*', '[127.0.0.1]:2222'));
    assert.ok(hostFieldMatches('a,B.lan', 'b.lan'));
    assert.ok(!hostFieldMatches('*.lan,!evil.lan', 'evil.lan'));
    assert.ok(hostFieldMatches('*.lan,!evil.lan', 'good.lan'));
    assert.ok(!hostFieldMatches('127.0.0.1', '[127.0.0.1]:2222'), 'a port other than 22 needs the [host]:port form');
    assert.ok(hostFieldMatches(HASHED_PORT.split(' ')[0], '[127.0.0.1]:2222'));
    assert.ok(!hostFieldMatches(HASHED_PORT.split(' ')[0], '127.0.0.1'));
    assert.ok(hostFieldMatches(HASHED_NAME.split(' ')[0], 'example.com'));
    assert.ok(!hostFieldMatches('|1|garbage', 'example.com'));
  });

  it('globs stay fast on hostile patterns', () => {
    const start = performance.now();
    assert.ok(!globMatch('*a'.repeat(500), 'a'.repeat(1000) + 'b'));
    assert.ok(!globMatch('*'.repeat(10), 'x'.repeat(100_000)));
    assert.ok(performance.now() - start < 1000);
  });

  it('reads HostKeyAlias from the first matching Host block', () => {
    const config = [
      'Host *.internal !skip.internal',
      '  HostKeyAlias internal-alias',
      'Match host other',
      '  HostKeyAlias never',
      'Host engine',
      '  HostKeyAlias=engine-key',
      'Host *',
      '  HostKeyAlias "fallback"',
    ].join('\n');
    assert.equal(hostKeyAlias(config, 'a.internal'), 'internal-alias');
    assert.equal(hostKeyAlias(config, 'skip.internal'), 'fallback');
    assert.equal(hostKeyAlias(config, 'ENGINE'), 'engine-key');
    assert.equal(hostKeyAlias('Host x\n HostName y', 'z'), undefined);
  });

  it('offers the known key types first', () => {
    assert.deepEqual(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 4), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
    assert.equal(preferredHostKeyAlgorithms([])[0], 'ssh-ed25519');
    assert.ok(!preferredHostKeyAlgorithms(['ssh-dss']).includes('ssh-dss'));
  });
});

describe('known_hosts: verdicts', () => {
  const lines = parseKnownHosts([
    `[127.0.0.1]:2222 ssh-ed25519 ${KEY1}`,
    HASHED_NAME,
    `rsa-only.lan ssh-rsa ${RSA}`,
    `@revoked bad.lan ssh-ed25519 ${KEY2}`,
    `bad.lan ssh-ed25519 ${KEY2}`,
  ].join('\n'), '/home/me/.ssh/known_hosts');

  it('knows a key listed for the host, plain or hashed', () => {
    assert.equal(checkHostKey(lines, '[127.0.0.1]:2222', blob(KEY1)).kind, 'known');
    assert.equal(checkHostKey(lines, 'example.com', blob(KEY1)).kind, 'known');
  });

  it('calls a different key of a known type changed, naming the line', () => {
    const verdict = checkHostKey(lines, 'example.com', blob(KEY2));
    assert.equal(verdict.kind, 'changed');
    assert.equal(verdict.kind === 'changed' && verdict.line.line, 2);
  });

  it('calls a key of a type not known for the host unknown, listing the known types', () => {
    assert.deepEqual(checkHostKey(lines, 'rsa-only.lan', blob(KEY1)), { kind: 'unknown', otherTypes: ['ssh-rsa'] });
    assert.deepEqual(checkHostKey(lines, 'new.lan', blob(KEY1)), { kind: 'unknown', otherTypes: [] });
    assert.equal(checkHostKey(lines, '127.0.0.1', blob(KEY1)).kind, 'unknown', 'port 22 is another name');
  });

  it('refuses a revoked key even where it is also listed', () => {
    assert.equal(checkHostKey(lines, 'bad.lan', blob(KEY2)).kind, 'revoked');
  });
});

describe('known_hosts: the checker', () => {
  let home: string;
  beforeEach(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-kh-')); });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
  const readFile = (file: string): string | undefined => (file.startsWith(home) && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const knownHosts = (): string => path.join(home, '.ssh', 'known_hosts');

  it('asks once about an unknown key however many connections present it, then remembers it in known_hosts', async () => {
    const asked: UnknownHostKey[] = [];
    let answer!: (trusted: boolean) => void;
    const checker = new HostKeyChecker({ host: '127.0.0.1', port: 2222, homedir: home, readFile, ask: (q) => { asked.push(q); return new Promise((resolve) => { answer = resolve; }); } });
    const checks = [checker.check(blob(KEY1)), checker.check(blob(KEY1)), checker.check(blob(KEY1))];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0], { host: '127.0.0.1', port: 2222, name: '[127.0.0.1]:2222', keyType: 'ssh-ed25519', fingerprint: fingerprint(blob(KEY1)), otherTypes: [], knownHostsFile: knownHosts() });
    answer(true);
    assert.deepEqual(await Promise.all(checks), [true, true, true]);
    assert.equal(fs.readFileSync(knownHosts(), 'utf8'), `[127.0.0.1]:2222 ssh-ed25519 ${KEY1}\n`);
    assert.equal(fs.statSync(knownHosts()).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(knownHosts())).mode & 0o777, 0o700);
    // A fresh checker (a new session) finds it known.
    const next = new HostKeyChecker({ host: '127.0.0.1', port: 2222, homedir: home, readFile, ask: () => assert.fail('asked again') });
    assert.equal(await next.check(blob(KEY1)), true);
  });

  it('appends after a last line without a newline', async () => {
    fs.mkdirSync(path.dirname(knownHosts()));
    fs.writeFileSync(knownHosts(), `other ssh-ed25519 ${KEY2}`);
    const checker = new HostKeyChecker({ host: 'h', port: 22, homedir: home, readFile, ask: async () => true });
    assert.equal(await checker.check(blob(KEY1)), true);
    assert.equal(fs.readFileSync(knownHosts(), 'utf8'), `other ssh-ed25519 ${KEY2}\nh ssh-ed25519 ${KEY1}\n`);
  });

  it('refuses a declined key and does not ask again in the same session', async () => {
    let asked = 0;
    const checker = new HostKeyChecker({ host: 'h', port: 22, homedir: home, readFile, ask: async () => { asked++; return false; } });
    assert.equal(await checker.check(blob(KEY1)), false);
    assert.equal(await checker.check(blob(KEY1)), false);
    assert.equal(asked, 1);
    assert.match(checker.refusal?.message ?? '', /not known, and it was not trusted/);
    assert.ok(!fs.existsSync(knownHosts()));
  });

  it('refuses an unknown key when nobody can be asked', async () => {
    const checker = new HostKeyChecker({ host: 'h', port: 22, homedir: home, readFile });
    assert.equal(await checker.check(blob(KEY1)), false);
    assert.match(checker.refusal?.hint ?? '', /Connect once with ssh/);
  });

  it('refuses a changed key with its SHA256 fingerprint and the line that holds the old one, without asking', async () => {
    fs.mkdirSync(path.dirname(knownHosts()));
    fs.writeFileSync(knownHosts(), `# mine\n[127.0.0.1]:2222 ssh-ed25519 ${KEY1}\n`);
    const checker = new HostKeyChecker({ host: '127.0.0.1', port: 2222, homedir: home, readFile, ask: () => assert.fail('asked about a changed key') });
    assert.equal(await checker.check(blob(KEY2)), false);
    const message = checker.refusal?.message ?? '';
    assert.ok(message.includes(`ED25519 key ${fingerprint(blob(KEY2))}`), message);
    assert.ok(message.includes(`${knownHosts()}:2`), message);
    assert.match(message, /has changed/);
    assert.match(checker.refusal?.hint ?? '', /ssh-keygen -R "\[127\.0\.0\.1\]:2222"/);
    assert.equal(await checker.check(blob(KEY1)), true);
    assert.equal(checker.refusal, undefined, 'an accepted key clears the refusal');
  });

  it('looks keys up by HostKeyAlias when ~/.ssh/config names one', async () => {
    fs.mkdirSync(path.join(home, '.ssh'));
    fs.writeFileSync(path.join(home, '.ssh', 'config'), 'Host 127.0.0.1\n  HostKeyAlias engine-box\n');
    fs.writeFileSync(knownHosts(), `engine-box ssh-ed25519 ${KEY1}\n`);
    const checker = new HostKeyChecker({ host: '127.0.0.1', port: 2222, homedir: home, readFile });
    assert.equal(checker.lookupName(), 'engine-box');
    assert.equal(await checker.check(blob(KEY1)), true);
    assert.deepEqual(checker.preferredAlgorithms()[0], 'ssh-ed25519');
  });

  it('asks again after a question that failed', async () => {
    let calls = 0;
    const checker = new HostKeyChecker({ host: 'h', port: 22, homedir: home, readFile, ask: async () => { calls++; if (calls === 1) throw new Error('dialog failed'); return true; } });
    await assert.rejects(checker.check(blob(KEY1)), /dialog failed/);
    assert.equal(await checker.check(blob(KEY1)), true);
    assert.equal(calls, 2);
  });
});
