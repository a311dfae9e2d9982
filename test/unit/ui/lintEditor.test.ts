// Pure parts of the editor's lint support: the pragma text the ignore quick fixes write (checked
// by linting the result: the finding must be gone and nothing else may change), and how a
// finding is shaped as a diagnostic.
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';
import { applyPragmaEdit, ignoreInFileEdit, ignoreOnLineEdit, skipCheckEdit } from '../../../src/lint/pragmaEdits';
import { diagnosticLevel, diagnosticSource, diagnosticTags, isDockerfileName, ruleDocLink } from '../../../src/ui/lint/findingShape';

const codes = (text: string) => lint(text).map((f) => `${f.code}@${f.range.start.line}`);

describe('ignore on this line', () => {
  it('inserts a pragma above the instruction with its indentation', () => {
    const text = 'FROM busybox:1.36\n  RUN cd /tmp && echo hi\n';
    const edit = ignoreOnLineEdit(text, 1, 'DL3003');
    assert.deepEqual(edit, { line: 1, character: 0, deleteCount: 0, text: '  # hadolint ignore=DL3003\n' });
    const fixed = applyPragmaEdit(text, edit);
    assert.equal(fixed, 'FROM busybox:1.36\n  # hadolint ignore=DL3003\n  RUN cd /tmp && echo hi\n');
    assert.ok(codes(text).includes('DL3003@1'));
    assert.ok(!codes(fixed).some((c) => c.startsWith('DL3003')));
  });

  it('goes above the first line of an instruction continued over several lines', () => {
    const text = 'FROM busybox:1.36\nRUN echo a \\\n && cd /tmp \\\n && echo b\n';
    const finding = lint(text).find((f) => f.code === 'DL3003');
    assert.equal(finding?.range.start.line, 2, 'the finding is on a continuation line');
    const edit = ignoreOnLineEdit(text, 2, 'DL3003');
    assert.equal(edit?.line, 1);
    assert.ok(!codes(applyPragmaEdit(text, edit!)).some((c) => c.startsWith('DL3003')));
  });

  it('merges into an ignore pragma already above the instruction', () => {
    const text = 'FROM busybox:1.36\n# hadolint ignore=DL3059\n\nRUN cd /tmp && echo hi\n';
    const edit = ignoreOnLineEdit(text, 3, 'DL3003');
    assert.deepEqual(edit, { line: 1, character: 24, deleteCount: 0, text: ',DL3003' });
    assert.equal(applyPragmaEdit(text, edit!), 'FROM busybox:1.36\n# hadolint ignore=DL3059,DL3003\n\nRUN cd /tmp && echo hi\n');
  });

  it('does not merge into a pragma that belongs to the previous instruction', () => {
    const text = 'FROM busybox:1.36\n# hadolint ignore=DL3059\nRUN echo a\nRUN cd /tmp\n';
    const edit = ignoreOnLineEdit(text, 3, 'DL3003');
    assert.deepEqual(edit, { line: 3, character: 0, deleteCount: 0, text: '# hadolint ignore=DL3003\n' });
  });

  it('writes nothing when the code is already listed, and CRLF files get CRLF', () => {
    assert.equal(ignoreOnLineEdit('FROM a:1\n# hadolint ignore=DL3003, DL3059\nRUN cd /x\n', 2, 'DL3003'), undefined);
    assert.equal(ignoreOnLineEdit('FROM a:1\r\nRUN cd /x\r\n', 1, 'DL3003', '\r\n')?.text, '# hadolint ignore=DL3003\r\n');
  });

  it('fills an empty pragma list', () => {
    const edit = ignoreOnLineEdit('FROM a:1\n# hadolint ignore=\nRUN cd /x\n', 2, 'DL3003');
    assert.deepEqual(edit, { line: 1, character: 18, deleteCount: 0, text: 'DL3003' });
  });
});

describe('ignore in this file', () => {
  it('adds a global pragma after the parser directives', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM busybox\nRUN cd /tmp\n';
    const edit = ignoreInFileEdit(text, 'DL3006');
    assert.deepEqual(edit, { line: 2, character: 0, deleteCount: 0, text: '# hadolint global ignore=DL3006\n' });
    const fixed = applyPragmaEdit(text, edit!);
    assert.ok(!codes(fixed).some((c) => c.startsWith('DL3006')));
    assert.ok(codes(fixed).some((c) => c.startsWith('DL3003')), 'other rules still report');
  });

  it('merges into an existing global pragma anywhere in the file', () => {
    const text = 'FROM busybox\n# hadolint global ignore=DL3003\nRUN cd /tmp\n';
    const edit = ignoreInFileEdit(text, 'DL3006');
    assert.deepEqual(edit, { line: 1, character: 31, deleteCount: 0, text: ',DL3006' });
    assert.equal(codes(applyPragmaEdit(text, edit!)).filter((c) => /^DL300[36]/.test(c)).length, 0);
    assert.equal(ignoreInFileEdit(text, 'DL3003'), undefined);
  });

  it('puts the pragma on the first line when there are no directives', () => {
    assert.deepEqual(ignoreInFileEdit('# my image\nFROM busybox\n', 'DL3006'), { line: 0, character: 0, deleteCount: 0, text: '# hadolint global ignore=DL3006\n' });
  });
});

describe('skip a BuildKit check in this file', () => {
  it('adds a check directive at the end of the directive block', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM busybox:1.36 AS Build\n';
    const edit = skipCheckEdit(text, 'StageNameCasing');
    assert.deepEqual(edit, { line: 1, character: 0, deleteCount: 0, text: '# check=skip=StageNameCasing\n' });
    const fixed = applyPragmaEdit(text, edit!);
    assert.ok(codes(text).some((c) => c.startsWith('StageNameCasing')));
    assert.ok(!codes(fixed).some((c) => c.startsWith('StageNameCasing')));
  });

  it('extends an existing skip list, or adds one to a check directive without it', () => {
    const listed = '# check=skip=FromAsCasing;error=true\nFROM busybox:1.36 as Build\n';
    const edit = skipCheckEdit(listed, 'StageNameCasing');
    assert.equal(applyPragmaEdit(listed, edit!), '# check=skip=FromAsCasing,StageNameCasing;error=true\nFROM busybox:1.36 as Build\n');
    assert.ok(!codes(applyPragmaEdit(listed, edit!)).some((c) => /StageNameCasing|FromAsCasing/.test(c)));
    const errorOnly = '# check=error=true\nFROM busybox:1.36 AS Build\n';
    assert.equal(applyPragmaEdit(errorOnly, skipCheckEdit(errorOnly, 'StageNameCasing')!), '# check=skip=StageNameCasing;error=true\nFROM busybox:1.36 AS Build\n');
    assert.equal(skipCheckEdit('# check=skip=all\nFROM a AS B\n', 'StageNameCasing'), undefined);
    assert.equal(skipCheckEdit('# check=skip=StageNameCasing\nFROM a AS B\n', 'StageNameCasing'), undefined);
  });

  it('does not treat a check line after the first instruction as a directive', () => {
    const text = 'FROM busybox:1.36 AS Build\n# check=skip=FromAsCasing\n';
    assert.deepEqual(skipCheckEdit(text, 'StageNameCasing'), { line: 0, character: 0, deleteCount: 0, text: '# check=skip=StageNameCasing\n' });
  });
});

describe('finding shape', () => {
  it('maps hadolint levels onto diagnostic levels', () => {
    assert.deepEqual((['error', 'warning', 'info', 'style'] as const).map(diagnosticLevel), ['Error', 'Warning', 'Information', 'Hint']);
  });

  it('tags deprecated and redundant syntax', () => {
    assert.deepEqual(diagnosticTags('MaintainerDeprecated'), ['Deprecated']);
    assert.deepEqual(diagnosticTags('DL4000'), ['Deprecated']);
    assert.deepEqual(diagnosticTags('RedundantTargetPlatform'), ['Unnecessary']);
    assert.deepEqual(diagnosticTags('DL3008'), []);
  });

  it('names the source and links each code to its page', () => {
    assert.equal(diagnosticSource('hadolint'), 'wharf');
    assert.equal(diagnosticSource('buildkit'), 'wharf');
    assert.equal(diagnosticSource('shellcheck'), 'shellcheck');
    const bundled = (code: string) => code === 'DL3008';
    assert.deepEqual(ruleDocLink('DL3008', bundled), { kind: 'bundled', code: 'DL3008' });
    assert.deepEqual(ruleDocLink('SC2086', bundled), { kind: 'web', url: 'https://www.shellcheck.net/wiki/SC2086' });
    assert.deepEqual(ruleDocLink('WharfInternal', bundled), { kind: 'none' });
    assert.deepEqual(ruleDocLink('../x', () => true), { kind: 'none' }, 'a code never becomes a path');
  });

  it('knows Dockerfile names, not their ignore files', () => {
    for (const name of ['Dockerfile', 'Dockerfile.dev', 'Containerfile', 'web.dockerfile', 'x.containerfile', 'dockerfile']) assert.ok(isDockerfileName(name), name);
    for (const name of ['Dockerfile.dockerignore', 'app.dockerignore', 'README.md', 'Dockerfiles', 'notes.txt']) assert.ok(!isDockerfileName(name), name);
  });
});
