import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { contextFilter, packBuildContext } from '../../../../src/docker/buildContext';
import { isWharfError } from '../../../../src/docker/errors';
import { parseDockerignore } from '../../../../src/workspace/dockerignore';

/** Special entries for a context: a FIFO, or a symlink to a target outside the folder. */
type Special = { fifo: true } | { symlinkTo: string };

/** Packs `files` with Wharf, unpacks the tar with tar-fs, and lists what arrived (links as `name -> target`). */
async function packed(files: Record<string, string | Special>, dockerfile?: string): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wharf-ctx-'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'wharf-ctx-out-'));
  try {
    for (const [name, entry] of Object.entries(files)) {
      const at = path.join(root, name);
      await mkdir(path.dirname(at), { recursive: true });
      if (typeof entry === 'string') await writeFile(at, entry);
      else if ('fifo' in entry) assert.equal(spawnSync('mkfifo', [at]).status, 0, 'mkfifo');
      else await symlink(entry.symlinkTo, at);
    }
    const context = await packBuildContext(root, dockerfile);
    // Links are listed, not created (tar-fs will not extract one that points outside).
    const links: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const extract = tar.extract(out, {
        ignore: (name, header) => {
          if (header?.type !== 'symlink') return false;
          // tar-fs types leave out the header's linkname.
          links.push(`${path.relative(out, name).split(path.sep).join('/')} -> ${(header as { linkname?: string }).linkname}`);
          return true;
        },
      });
      extract.on('finish', resolve);
      extract.on('error', reject);
      context.pipe(extract);
    });
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    const name = (e: { parentPath: string; name: string }) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    return [...entries.filter((e) => e.isFile()).map(name), ...links].sort();
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
}

describe('build context', () => {
  it('sends everything when there is no .dockerignore', async () => {
    assert.deepEqual(await packed({ Dockerfile: 'FROM x', 'a.txt': 'a', 'dir/b.txt': 'b' }), ['Dockerfile', 'a.txt', 'dir/b.txt']);
  });

  it('leaves out ignored files and folders, keeps exceptions, always sends Dockerfile and .dockerignore', async () => {
    const files = await packed({
      Dockerfile: 'FROM x', '.dockerignore': 'node_modules\n*.log\n!important.log\nDockerfile\n.dockerignore\n**/*.tmp\n',
      'app.js': 'x', 'node_modules/dep/index.js': 'x', 'debug.log': 'x', 'important.log': 'x', 'src/deep/file.tmp': 'x', 'src/main.js': 'x',
    });
    assert.deepEqual(files, ['.dockerignore', 'Dockerfile', 'app.js', 'important.log', 'src/main.js']);
  });

  it('re-includes a file inside an ignored folder when an exception names it', async () => {
    const files = await packed({ '.dockerignore': 'docs\n!docs/README.md\n', Dockerfile: 'FROM x', 'docs/README.md': 'x', 'docs/other.md': 'x' });
    assert.deepEqual(files, ['.dockerignore', 'Dockerfile', 'docs/README.md']);
  });

  it('always sends a Dockerfile at another path even when ignored', async () => {
    const files = await packed({ '.dockerignore': 'build/\n', 'build/App.Dockerfile': 'FROM x', 'build/other': 'x' }, 'build/App.Dockerfile');
    assert.deepEqual(files, ['.dockerignore', 'build/App.Dockerfile']);
  });

  it('uses <Dockerfile>.dockerignore beside the Dockerfile before the context\'s .dockerignore', async () => {
    const files = await packed({
      '.dockerignore': 'a.txt\n', 'build/App.Dockerfile': 'FROM x', 'build/App.Dockerfile.dockerignore': 'b.txt\n', 'a.txt': 'a', 'b.txt': 'b',
    }, 'build/App.Dockerfile');
    assert.deepEqual(files, ['.dockerignore', 'a.txt', 'build/App.Dockerfile', 'build/App.Dockerfile.dockerignore']);
  });

  it('sends a symlink as a link (one to /dev/zero too) and leaves a FIFO out, without blocking', async () => {
    const files = await packed({ Dockerfile: 'FROM x', pipe: { fifo: true }, zero: { symlinkTo: '/dev/zero' }, 'a.txt': 'a' });
    assert.deepEqual(files, ['Dockerfile', 'a.txt', 'zero -> /dev/zero']);
  });

  it('refuses a .dockerignore the engine would reject, or one that is not a regular file', async () => {
    const refused = async (files: Record<string, string | Special>, message: RegExp) => {
      await assert.rejects(packed(files), (error) => isWharfError(error, 'badRequest') && message.test(error.message));
    };
    await refused({ Dockerfile: 'FROM x', '.dockerignore': 'ok\n[\n' }, /\.dockerignore:2: syntax error in pattern/);
    await refused({ Dockerfile: 'FROM x', '.dockerignore': { fifo: true } }, /cannot read .*\.dockerignore: not a regular file \(a FIFO\)/);
    await refused({ Dockerfile: 'FROM x', '.dockerignore': { symlinkTo: '/dev/zero' } }, /cannot read .*\.dockerignore: not a regular file \(a character device\)/);
  });

  it('contextFilter matches like the docker CLI (leading slash, nested globs)', () => {
    const filter = contextFilter(parseDockerignore('/secret\n**/*.pem\n'));
    assert.equal(filter.includes('secret'), false);
    assert.equal(filter.includes('a/b/key.pem'), false);
    assert.equal(filter.includes('a/secret'), true);
  });
});
