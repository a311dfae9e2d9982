// The one lint pipeline (src/lint/pipeline.ts) over files given in memory, the way the editor
// gives its open documents: which .hadolint.yaml applies, which .dockerignore, what a broken or
// unreadable one does, ShellCheck as one more rule.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintDockerfile, type LintFiles } from '../../../src/lint/pipeline';
import { UnreadableFileError } from '../../../src/workspace/readFile';

/** Files by path; a value of `null` is there but cannot be read (a FIFO, say). */
function memoryFiles(files: Record<string, string | null>): LintFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (path) => {
      reads.push(path);
      const text = files[path];
      if (text === null) return Promise.reject(new UnreadableFileError(path, 'not-a-file', 'not a regular file (a FIFO)'));
      return Promise.resolve(text);
    },
  };
}

const home = '/home/u';
const codes = (found: { code: string; alsoCodes?: string[] }[]) => found.map((f) => f.code + (f.alsoCodes ? `+${f.alsoCodes.join('+')}` : ''));
const text = 'FROM debian\nMAINTAINER me\nCOPY secret.txt /app/\n';

describe('lint pipeline', () => {
  it('the folder\'s .hadolint.yaml first, then the user\'s; none without a folder but the user\'s', async () => {
    const files = memoryFiles({ '/proj/.hadolint.yml': 'ignored: [DL3006]\n', [join(home, '.hadolint.yaml')]: 'ignored: [DL4000]\n' });
    const inFolder = await lintDockerfile({ text, folder: '/proj' }, { files, home, env: {}, shellcheck: false });
    assert.equal(inFolder.configFile, '/proj/.hadolint.yml');
    assert.deepEqual(codes(inFolder.findings), ['DL4000+MaintainerDeprecated']);
    const untitled = await lintDockerfile({ text }, { files, home, env: {}, shellcheck: false });
    assert.equal(untitled.configFile, join(home, '.hadolint.yaml'));
    assert.deepEqual(codes(untitled.findings), ['DL3006', 'MaintainerDeprecated']);
    assert.ok(!files.reads.includes('/.hadolint.yaml') && !files.reads.includes('.hadolint.yaml'), 'no folder: the working directory is not read');
  });

  it('the .dockerignore the build uses, as the files say (an unsaved editor counts)', async () => {
    const files = memoryFiles({ '/proj/app/.dockerignore': 'secret.txt\n' });
    const result = await lintDockerfile({ text, file: '/proj/app/Dockerfile', folder: '/proj' }, { files, home, env: {}, shellcheck: false });
    assert.ok(codes(result.findings).includes('CopyIgnoredFile'));
    // <Dockerfile>.dockerignore wins over the folder's.
    const own = memoryFiles({ '/proj/app/Dockerfile.dockerignore': 'other\n', '/proj/app/.dockerignore': 'secret.txt\n' });
    assert.ok(!codes((await lintDockerfile({ text, file: '/proj/app/Dockerfile' }, { files: own, home, env: {}, shellcheck: false })).findings).includes('CopyIgnoredFile'));
  });

  it('a broken or unreadable configuration: said, and the lint goes on without it', async () => {
    const broken = await lintDockerfile({ text, folder: '/proj' }, { files: memoryFiles({ '/proj/.hadolint.yaml': 'ignored: [DL3006\n' }), home, env: {}, shellcheck: false });
    assert.match(broken.configProblems[0], /^not valid YAML/);
    assert.ok(broken.configError);
    assert.deepEqual(codes(broken.findings), ['DL3006', 'DL4000+MaintainerDeprecated']);
    const fifo = await lintDockerfile({ text, folder: '/proj' }, { files: memoryFiles({ '/proj/.hadolint.yaml': null }), home, env: {}, shellcheck: false });
    assert.match(fifo.configError?.message ?? '', /cannot read \/proj\/\.hadolint\.yaml: not a regular file/);
    const named = await lintDockerfile({ text }, { files: memoryFiles({}), configFile: '/nope.yaml', home, env: {}, shellcheck: false });
    assert.match(named.configError?.message ?? '', /cannot read \/nope\.yaml: no such file/);
    // A key of the wrong type is skipped, the rest of the file applies.
    const typo = await lintDockerfile({ text, folder: '/proj' }, { files: memoryFiles({ '/proj/.hadolint.yaml': 'ignored: [DL3006]\nstrict-labels: maybe\n' }), home, env: {}, shellcheck: false });
    assert.equal(typo.configError, undefined);
    assert.deepEqual(typo.configProblems, ['strict-labels: expected true or false']);
    assert.deepEqual(codes(typo.findings), ['DL4000+MaintainerDeprecated']);
  });

  it('an unreadable .dockerignore is a warning; CopyIgnoredFile has nothing to check', async () => {
    const result = await lintDockerfile({ text, file: '/proj/Dockerfile' }, { files: memoryFiles({ '/proj/.dockerignore': null }), home, env: {}, shellcheck: false });
    assert.deepEqual(result.warnings.map((w) => w.kind), ['dockerignore']);
    assert.ok(!codes(result.findings).includes('CopyIgnoredFile'));
  });

  it('settings over the file, the rule set, and ShellCheck that cannot run', async () => {
    const files = memoryFiles({});
    const result = await lintDockerfile({ text: 'FROM debian:12\nRUN echo $HOME\nMAINTAINER me\n' }, {
      files, home, env: {}, shellcheck: '/nonexistent/shellcheck', ruleSet: 'buildkit', overrides: { severity: { MaintainerDeprecated: 'error' } },
    });
    // ShellCheck is not in the BuildKit set: not even tried.
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.findings.map((f) => `${f.code}/${f.severity}`), ['MaintainerDeprecated/error']);
    const failed = await lintDockerfile({ text: 'FROM debian:12\nRUN echo $HOME\n' }, { files, home, env: {}, shellcheck: '/nonexistent/shellcheck' });
    assert.deepEqual(failed.warnings.map((w) => w.kind), ['shellcheck']);
    assert.deepEqual(failed.findings, []);
  });
});
