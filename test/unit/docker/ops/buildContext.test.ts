import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { contextFilter, packBuildContext } from '../../../../src/docker/buildContext';

/** Packs `files` with Wharf, unpacks the tar with tar-fs, and lists what arrived. */
async function packed(files: Record<string, string>, dockerfile?: string): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wharf-ctx-'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'wharf-ctx-out-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), text);
    }
    await new Promise<void>((resolve, reject) => {
      const extract = tar.extract(out);
      extract.on('finish', resolve);
      extract.on('error', reject);
      packBuildContext(root, dockerfile).pipe(extract);
    });
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
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

  it('contextFilter matches like the docker CLI (leading slash, nested globs)', () => {
    const filter = contextFilter('/secret\n**/*.pem\n');
    assert.equal(filter.includes('secret'), false);
    assert.equal(filter.includes('a/b/key.pem'), false);
    assert.equal(filter.includes('a/secret'), true);
  });
});
