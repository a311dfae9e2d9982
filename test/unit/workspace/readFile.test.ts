// Workspace files are read only when they are regular files of a bounded size: real FIFOs and a
// real symlink to /dev/zero, made in a temporary folder.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultContextDir, ignoreFileCandidates, loadContextIgnore } from '../../../src/workspace/buildContext';
import { readWorkspaceFile, readWorkspaceFileIfPresent, UnreadableFileError } from '../../../src/workspace/readFile';

function mkfifo(path: string): string {
  const result = spawnSync('mkfifo', [path]);
  assert.equal(result.status, 0, `mkfifo ${path}: ${result.stderr}`);
  return path;
}

const rejectsWith = (reason: UnreadableFileError['reason'], detail: RegExp) => (error: unknown) =>
  error instanceof UnreadableFileError && error.reason === reason && detail.test(error.detail) && error.message.startsWith('cannot read ');

describe('workspace files', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wharf-read-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, and one behind a symlink', async () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\n');
    symlinkSync(join(dir, 'Dockerfile'), join(dir, 'link'));
    assert.equal(await readWorkspaceFile(join(dir, 'Dockerfile'), 1024), 'FROM alpine\n');
    assert.equal(await readWorkspaceFile(join(dir, 'link'), 1024), 'FROM alpine\n');
  });

  it('refuses a FIFO without waiting for a writer, and a symlink to one', async () => {
    const fifo = mkfifo(join(dir, 'Dockerfile'));
    symlinkSync(fifo, join(dir, 'link'));
    await assert.rejects(readWorkspaceFile(fifo, 1024), rejectsWith('not-a-file', /^not a regular file \(a FIFO\)$/));
    await assert.rejects(readWorkspaceFile(join(dir, 'link'), 1024), rejectsWith('not-a-file', /a FIFO/));
  });

  it('refuses a symlink to /dev/zero, a directory, and a file over the cap', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero'));
    await assert.rejects(readWorkspaceFile(join(dir, 'zero'), 1024), rejectsWith('not-a-file', /a character device/));
    await assert.rejects(readWorkspaceFile(dir, 1024), rejectsWith('not-a-file', /a directory/));
    writeFileSync(join(dir, 'big'), 'x'.repeat(2049));
    await assert.rejects(readWorkspaceFile(join(dir, 'big'), 2048), rejectsWith('too-large', /^larger than 2 KiB$/));
    assert.equal((await readWorkspaceFile(join(dir, 'big'), 4096)).length, 2049);
  });

  it('a missing file is undefined for the IfPresent reader and an error otherwise', async () => {
    assert.equal(await readWorkspaceFileIfPresent(join(dir, 'nope'), 1024), undefined);
    await assert.rejects(readWorkspaceFile(join(dir, 'nope'), 1024), rejectsWith('missing', /ENOENT/));
  });
});

describe('build context: which .dockerignore applies', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wharf-ctx-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the Dockerfile\'s folder is the context; <Dockerfile>.dockerignore comes before the context\'s', async () => {
    const dockerfile = join(dir, 'App.Dockerfile');
    assert.equal(defaultContextDir(dockerfile), dir);
    assert.deepEqual(ignoreFileCandidates(dockerfile, dir), [`${dockerfile}.dockerignore`, join(dir, '.dockerignore')]);
    assert.equal((await loadContextIgnore(dockerfile, dir)).file, undefined);
    writeFileSync(join(dir, '.dockerignore'), 'a\n');
    assert.deepEqual(await loadContextIgnore(dockerfile, dir).then((i) => [i.file, i.matcher.ignores('a')]), [join(dir, '.dockerignore'), true]);
    writeFileSync(`${dockerfile}.dockerignore`, 'b\n');
    const specific = await loadContextIgnore(dockerfile, dir);
    assert.deepEqual([specific.file, specific.matcher.ignores('a'), specific.matcher.ignores('b')], [`${dockerfile}.dockerignore`, false, true]);
  });

  it('an ignore file that is a FIFO still decides: nothing is read, nothing ignored, the error says why', async () => {
    mkfifo(join(dir, '.dockerignore'));
    const ignore = await loadContextIgnore(join(dir, 'Dockerfile'), dir);
    assert.equal(ignore.file, join(dir, '.dockerignore'));
    assert.equal(ignore.matcher.ignores('anything'), false);
    assert.match(ignore.error?.message ?? '', /not a regular file \(a FIFO\)/);
  });
});
