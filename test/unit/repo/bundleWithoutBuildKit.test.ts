// Repo check: the bundle replaces dockerode's BuildKit modules with a stand-in that throws
// (scripts/lib/bundle.mjs), so nothing in src may reach them: no BuildKit build through dockerode
// (`version: '2'`: Wharf's own BuildKit path in src/docker/buildkit/ sends it to /build itself,
// with its own session) and no dockerode-level followProgress (the modem's own is fine).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('repo: dockerode without BuildKit', () => {
  const files = sourceFiles(join(root, 'src')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('src has source files to check', () => {
    assert.ok(files.length > 50, `only ${files.length} files under src`);
  });

  it('no source asks dockerode for a BuildKit build', () => {
    const own = join(root, 'src', 'docker', 'buildkit');
    const offenders = files.filter((f) => !f.path.startsWith(own) && /\bversion\s*:\s*['"`]2['"`]/.test(f.text)).map((f) => f.path);
    assert.deepEqual(offenders, []);
  });

  it('no source calls dockerode\'s BuildKit-decoding followProgress', () => {
    const offenders = files.filter((f) => /\.\s*followProgress\s*\(/.test(f.text.replace(/\bmodem\s*\.\s*followProgress/g, ''))).map((f) => f.path);
    assert.deepEqual(offenders, []);
  });

  it('the stand-in fails loudly, naming why, if anything ever calls it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standIn = require(join(root, 'scripts/lib/dockerodeWithoutBuildKit.cjs')) as ((...args: unknown[]) => unknown) & { followProgress: (...args: unknown[]) => unknown };
    assert.throws(() => standIn({}, {}, () => undefined), /without dockerode's BuildKit session support/);
    assert.throws(() => standIn.followProgress(), /BuildKit/);
  });

  it('the build plugin points at the stand-in and only redirects dockerode\'s own modules', () => {
    const bundle = readFileSync(join(root, 'scripts/lib/bundle.mjs'), 'utf8');
    assert.match(bundle, /dockerodeWithoutBuildKit\.cjs/);
    assert.match(bundle, /node_modules\[\\\\\/\]dockerode\[\\\\\/\]lib/);
  });
});
