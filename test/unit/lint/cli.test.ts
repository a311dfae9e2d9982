// Spawns the compiled CLI (out/src/lint/cli.js) as a user would run it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(__dirname, '../../../src/lint/cli.js');

function run(args: string[], options: { cwd?: string; input?: string; stdinFd?: number; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    ...(options.stdinFd === undefined ? { input: options.input ?? '' } : { stdio: [options.stdinFd, 'pipe', 'pipe'] }),
    encoding: 'utf8',
    // HOME points at an empty folder so a developer's own ~/.hadolint.yaml cannot change results.
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd ?? tmpdir(), ...options.env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('wharf-lint CLI', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wharf-cli-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };

  it('JSON output follows the contract (1-based positions, level, code, message)', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\n');
    const { code, stdout } = run(['--format', 'json', '--no-shellcheck', path], { cwd: dir });
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout), [
      { file: path, line: 1, column: 6, endLine: 1, endColumn: 12, level: 'warning', code: 'DL3006', message: 'Always tag the version of an image explicitly' },
    ]);
  });

  it('exits 0 when nothing reaches the threshold, 1 when something does', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\n');
    assert.equal(run(['--failure-threshold', 'error', '--no-shellcheck', path], { cwd: dir }).code, 0);
    assert.equal(run(['--failure-threshold=warning', '--no-shellcheck', path], { cwd: dir }).code, 1);
    assert.equal(run(['--failure-threshold', 'none', '--no-shellcheck', path], { cwd: dir }).code, 0);
    assert.equal(run(['--ignore', 'DL3006', '--no-shellcheck', path], { cwd: dir }).code, 0);
  });

  it('exits 2 naming an unreadable file, and on usage errors', () => {
    const missing = run([join(dir, 'nope')], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope/);
    assert.equal(run(['--format', 'xml', 'x'], { cwd: dir }).code, 2);
    assert.equal(run(['--bogus'], { cwd: dir }).code, 2);
    assert.equal(run([], { cwd: dir }).code, 2);
    assert.equal(run(['--failure-threshold', 'loud', 'x'], { cwd: dir }).code, 2);
  });

  it('reads only regular files: a FIFO or a link to /dev/zero is named, never waited on or read', () => {
    const fifo = join(dir, 'Dockerfile');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    symlinkSync('/dev/zero', join(dir, 'zero.Dockerfile'));
    const ok = file('ok.Dockerfile', 'FROM debian:12\n');
    const result = run(['--no-shellcheck', fifo, join(dir, 'zero.Dockerfile'), ok], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read .*\/Dockerfile: not a regular file \(a FIFO\)/);
    assert.match(result.stderr, /cannot read .*zero\.Dockerfile: not a regular file \(a character device\)/);
  });

  it('a .hadolint.yaml or .dockerignore that is no regular file is named; the .dockerignore one only warns', () => {
    const path = file('Dockerfile', 'FROM debian:12\nCOPY secret.env /x\n');
    symlinkSync('/dev/zero', join(dir, '.dockerignore'));
    const warned = run(['--format', 'json', '--no-shellcheck', path], { cwd: dir });
    assert.equal(warned.code, 0);
    assert.match(warned.stderr, /cannot read .*\.dockerignore: not a regular file \(a character device\)/);
    symlinkSync('/dev/zero', join(dir, '.hadolint.yaml'));
    const config = run(['--no-shellcheck', path], { cwd: dir });
    assert.equal(config.code, 2);
    assert.match(config.stderr, /cannot read .*\.hadolint\.yaml: not a regular file/);
  });

  it('CopyIgnoredFile reads <Dockerfile>.dockerignore before the folder\'s .dockerignore', () => {
    const path = file('api.Dockerfile', 'FROM debian:12\nCOPY a.txt b.txt /x/\n');
    file('.dockerignore', 'a.txt\n');
    const codes = () => JSON.parse(run(['--format', 'json', '--no-shellcheck', path], { cwd: dir }).stdout).map((f: { code: string; column: number }) => `${f.code}@${f.column}`);
    assert.deepEqual(codes(), ['CopyIgnoredFile@6']);
    file('api.Dockerfile.dockerignore', 'b.txt\n');
    assert.deepEqual(codes(), ['CopyIgnoredFile@12']);
  });

  it('stdin is read up to the Dockerfile cap: - < /dev/zero ends with an error', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const result = run(['--no-shellcheck', '-'], { cwd: dir, stdinFd: zero });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /standard input: larger than 4 MiB/);
    } finally {
      closeSync(zero);
    }
  });

  it('one finding per problem: DL4000 names MaintainerDeprecated in alsoCodes; --rule-set picks a family', () => {
    const path = file('Dockerfile', 'FROM debian:12\nMAINTAINER me\nCMD node app.js\nWORKDIR app\n');
    const json = (args: string[]) => JSON.parse(run(['--format', 'json', '--no-shellcheck', ...args, path], { cwd: dir }).stdout) as Record<string, unknown>[];
    const shape = (found: Record<string, unknown>[]) => found.map((f) => [f.line, f.code, f.alsoCodes ?? null, f.level]);
    const both = json([]);
    assert.deepEqual(shape(both), [
      [2, 'DL4000', ['MaintainerDeprecated'], 'error'],
      [3, 'DL3025', ['JSONArgsRecommended'], 'warning'],
      [4, 'DL3000', ['WorkdirRelativePath'], 'error'],
    ]);
    // The contract's fields are all still there, with the same meaning.
    assert.deepEqual(Object.keys(both[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'level', 'code', 'message', 'alsoCodes']);
    assert.deepEqual(shape(json(['--rule-set', 'hadolint'])), [[2, 'DL4000', null, 'error'], [3, 'DL3025', null, 'warning'], [4, 'DL3000', null, 'error']]);
    assert.deepEqual(shape(json(['--rule-set=buildkit'])), [[2, 'MaintainerDeprecated', null, 'warning'], [3, 'JSONArgsRecommended', null, 'warning'], [4, 'WorkdirRelativePath', null, 'warning']]);
    // Ignoring one half leaves the other, on its own.
    assert.deepEqual(shape(json(['--ignore', 'DL4000'])).slice(0, 1), [[2, 'MaintainerDeprecated', null, 'warning']]);
    const tty = run(['--no-shellcheck', path], { cwd: dir }).stdout;
    assert.match(tty, /:2:1 error DL4000 MAINTAINER is deprecated \(also MaintainerDeprecated\)/);
    assert.equal(run(['--rule-set', 'all', path], { cwd: dir }).code, 2);
  });

  it('reads stdin for -', () => {
    const { code, stdout } = run(['--format', 'json', '--no-shellcheck', '-'], { cwd: dir, input: 'FROM debian:12\nHEALTHCHECK NONE\nRUNN x\n' });
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).map((f: { file: string; code: string; line: number }) => [f.file, f.code, f.line]), [['-', 'UnknownInstruction', 3]]);
  });

  it('finds .hadolint.yaml in the working folder: ignored, override, failure-threshold', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\nMAINTAINER me\n');
    file('.hadolint.yaml', 'ignored: [DL4000]\noverride:\n  style: [DL3006]\nfailure-threshold: warning\n');
    const { code, stdout } = run(['--format', 'json', '--no-shellcheck', path], { cwd: dir });
    const found = JSON.parse(stdout) as { code: string; level: string }[];
    assert.deepEqual(found.find((f) => f.code === 'DL3006')?.level, 'style');
    assert.ok(!found.some((f) => f.code === 'DL4000'));
    assert.equal(code, found.some((f) => f.level === 'error' || f.level === 'warning') ? 1 : 0);
  });

  it('--config names the file; a broken one is a usage error; no-fail exits 0', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\n');
    file('broken.yaml', 'ignored: [DL3006\n');
    file('nofail.yaml', 'no-fail: true\n');
    const broken = run(['--config', join(dir, 'broken.yaml'), path], { cwd: dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.yaml/);
    assert.equal(run(['--config', join(dir, 'nofail.yaml'), '--no-shellcheck', path], { cwd: dir }).code, 0);
  });

  it('SARIF 2.1.0 shape', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\n');
    const sarif = JSON.parse(run(['--format', 'sarif', '--no-shellcheck', path], { cwd: dir }).stdout);
    assert.equal(sarif.version, '2.1.0');
    const runOut = sarif.runs[0];
    assert.equal(runOut.tool.driver.name, 'wharf-lint');
    assert.deepEqual(runOut.tool.driver.rules.map((r: { id: string }) => r.id), ['DL3006']);
    assert.deepEqual(runOut.results[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    assert.equal(runOut.results[0].level, 'warning');
    assert.equal(runOut.results[0].ruleIndex, 0);
  });

  it('checkstyle XML escapes messages and file names', () => {
    const path = file('a&b.Dockerfile', 'FROM debian:12\nHEALTHCHECK NONE\nLABEL x="<oops>\n');
    const { stdout } = run(['--format', 'checkstyle', '--no-shellcheck', path], { cwd: dir });
    assert.match(stdout, /^<\?xml version='1\.0' encoding='UTF-8'\?>\n<checkstyle version='4\.3'>/);
    assert.ok(stdout.includes("name='" + path.replace('&', '&amp;') + "'"));
    assert.ok(!/<oops>/.test(stdout));
    assert.match(stdout, /severity='error' message='Unterminated double quote[^']*' source='UnterminatedQuote'/);
  });

  it('tty output: one line per finding, no colour codes with --no-color', () => {
    const path = file('Dockerfile', 'FROM debian\nHEALTHCHECK NONE\n');
    const { stdout } = run(['--no-color', '--no-shellcheck', path], { cwd: dir });
    assert.equal(stdout, `${path}:1:6 warning DL3006 Always tag the version of an image explicitly\n`);
  });

  it('runs ShellCheck by default when it is on PATH', () => {
    const path = file('Dockerfile', 'FROM debian:12\nHEALTHCHECK NONE\nRUN echo $HOME\n');
    const found = JSON.parse(run(['--format', 'json', path], { cwd: dir }).stdout) as { code: string; line: number; column: number }[];
    assert.deepEqual(found.map((f) => [f.code, f.line, f.column]), [['SC2086', 3, 10]]);
  });
});
