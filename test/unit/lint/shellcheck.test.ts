// Runs the real shellcheck binary (Debian's, installed by the test provisioning).
import * as assert from 'node:assert/strict';
import { findShellcheck, lintWithShellcheck, MAX_SHELLCHECK_COMMANDS_PER_SCRIPT, SHELLCHECK_SKIPPED_CODE, shellcheckFindings } from '../../../src/lint/shellcheck';

const at = (f: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${f.code}@${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;

describe('ShellCheck on RUN scripts', function () {
  this.timeout(20_000);
  before(function () {
    assert.ok(findShellcheck(), 'shellcheck must be on PATH for this suite (apt-get install shellcheck)');
  });

  it('maps a finding on a single-line RUN to the token', async () => {
    const found = await shellcheckFindings('FROM debian:12\nRUN echo $HOME\n');
    assert.deepEqual(found.map(at), ['SC2086@2:10-2:15']);
    assert.equal(found[0].severity, 'info');
    assert.equal(found[0].source, 'shellcheck');
  });

  it('maps across continuation lines and skips comment lines inside them', async () => {
    const text = 'FROM debian:12\nRUN true && \\\n    # explain\n    ls `pwd`\n';
    const found = await shellcheckFindings(text);
    assert.deepEqual(found.map(at).sort(), ['SC2006@4:8-4:13', 'SC2046@4:8-4:13']);
  });

  it('handles the Windows escape character and CRLF line ends', async () => {
    const text = '# escape=`\r\nFROM debian:12\r\nRUN true && `\r\n    echo $HOME\r\n';
    const found = await shellcheckFindings(text);
    assert.deepEqual(found.map(at), ['SC2086@4:10-4:15']);
  });

  it('lints a heredoc body that is the script, with its own lines', async () => {
    const found = await shellcheckFindings('FROM debian:12\nRUN <<EOF\necho start\ncd /tmp\nEOF\n');
    assert.deepEqual(found.map(at), ['SC2164@4:1-4:8']);
  });

  it('skips exec form, non-POSIX shells and non-shell heredocs', async () => {
    const text = [
      'FROM debian:12',
      'RUN ["sh", "-c", "echo $HOME"]',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'print("$HOME")',
      'EOF',
      'SHELL ["pwsh", "-Command"]',
      'RUN echo $env:HOME `pwd`',
      'FROM debian:12',
      'RUN echo $HOME',
    ].join('\n') + '\n';
    assert.deepEqual((await shellcheckFindings(text)).map(at), ['SC2086@10:10-10:15']);
  });

  it('uses the SHELL instruction (bash features are fine under bash)', async () => {
    const sh = await shellcheckFindings('FROM debian:12\nRUN [[ -f /x ]] && echo ok\n');
    assert.ok(sh.some((f) => f.code === 'SC3010'), JSON.stringify(sh.map(at)));
    const bash = await shellcheckFindings('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN [[ -f /x ]] && echo ok\n');
    assert.deepEqual(bash.map(at), []);
  });

  it('honours ignore pragmas and configured ignores for SC codes', async () => {
    assert.deepEqual((await shellcheckFindings('FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $HOME\n')).map(at), []);
    assert.deepEqual((await shellcheckFindings('FROM debian:12\nRUN echo $HOME\n', { config: { ignored: ['SC2086'] } })).map(at), []);
  });

  it('offers ShellCheck fixes as edits in the Dockerfile', async () => {
    const [finding] = await shellcheckFindings('FROM debian:12\nRUN echo $HOME\n');
    assert.equal(finding.fixes.length, 1);
    assert.deepEqual(finding.fixes[0].edits.map((e) => [e.range.start.character, e.newText]), [[9, '"'], [14, '"']]);
  });

  it('lintWithShellcheck merges with the rule findings in document order', async () => {
    const found = await lintWithShellcheck('FROM debian:12\nRUN cd /tmp; echo $HOME\n');
    const codes = found.map((f) => f.code);
    assert.ok(codes.includes('DL3003') && codes.includes('SC2164') && codes.includes('SC2086'), codes.join(','));
    const lines = found.map((f) => f.range.start.line * 1000 + f.range.start.character);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });

  it('without the binary there are no SC findings and no error', async () => {
    assert.equal(findShellcheck({ PATH: '/nonexistent' }), undefined);
    const found = await lintWithShellcheck('FROM debian:12\nRUN echo $HOME\n', { shellcheckPath: '/nonexistent/shellcheck' });
    assert.ok(found.every((f) => f.source !== 'shellcheck'));
  });

  it('does not give ShellCheck a script past its command budget, and says so on that RUN only', async () => {
    const chain = (n: number) => `RUN ${Array.from({ length: n }, (_, i) => `echo ${i}`).join(' && ')}`;
    const text = `FROM debian:12\n${chain(MAX_SHELLCHECK_COMMANDS_PER_SCRIPT + 1)}\nRUN echo $HOME\n${chain(3)}\n`;
    const found = await shellcheckFindings(text);
    assert.deepEqual(found.map((f) => `${f.code}@${f.range.start.line + 1}`), [`${SHELLCHECK_SKIPPED_CODE}@2`, 'SC2086@3']);
    assert.match(found[0].message, /it has 301 commands, more than 300/);
    const long = await shellcheckFindings(`FROM debian:12\nRUN echo ${'x'.repeat(70 * 1024)} $HOME\n`);
    assert.deepEqual(long.map((f) => f.code), [SHELLCHECK_SKIPPED_CODE]);
    assert.match(long[0].message, /longer than 64 KiB/);
  });
});
