// The .dockerignore matcher against the behaviour moby's patternmatcher specifies (its
// patternmatcher_test.go and ignorefile_test.go cases, same inputs and expected results, written
// here as data), plus what the build and CopyIgnoredFile rely on.
import * as assert from 'node:assert/strict';
import { cleanPath, compilePatterns, parseDockerignore, patternKind, readIgnorePatterns, trimSpace } from '../../../src/workspace/dockerignore';

/** A matcher for patterns given one per entry, as the engine's New() takes them. */
const matcher = (patterns: string[]) => compilePatterns(patterns.map((pattern, i) => ({ line: i + 1, pattern })));
const excluded = (patterns: string[], path: string) => matcher(patterns).ignores(path);

describe('.dockerignore: moby patternmatcher behaviour', () => {
  it('single patterns against paths (the file or one of its parents matches)', () => {
    const cases: [string, string, boolean][] = [
      ['**', 'file', true], ['**', 'file/', true], ['**/', 'file', true], ['**/', 'file/', true],
      ['**', '/', true], ['**/', '/', true], ['**', 'dir/file', true], ['**/', 'dir/file', true],
      ['**', 'dir/file/', true], ['**/', 'dir/file/', true], ['**/**', 'dir/file', true], ['**/**', 'dir/file/', true],
      ['dir/**', 'dir/file', true], ['dir/**', 'dir/file/', true], ['dir/**', 'dir/dir2/file', true], ['dir/**', 'dir/dir2/file/', true],
      ['**/dir', 'dir', true], ['**/dir', 'dir/file', true], ['**/dir2/*', 'dir/dir2/file', true], ['**/dir2/*', 'dir/dir2/file/', true],
      ['**/dir2/**', 'dir/dir2/dir3/file', true], ['**/dir2/**', 'dir/dir2/dir3/file/', true],
      ['**file', 'file', true], ['**file', 'dir/file', true], ['**/file', 'dir/file', true], ['**file', 'dir/dir/file', true],
      ['**/file', 'dir/dir/file', true], ['**/file*', 'dir/dir/file', true], ['**/file*', 'dir/dir/file.txt', true],
      ['**/file*txt', 'dir/dir/file.txt', true], ['**/file*.txt', 'dir/dir/file.txt', true], ['**/file*.txt*', 'dir/dir/file.txt', true],
      ['**/**/*.txt', 'dir/dir/file.txt', true], ['**/**/*.txt2', 'dir/dir/file.txt', false], ['**/*.txt', 'file.txt', true],
      ['**/**/*.txt', 'file.txt', true], ['a**/*.txt', 'a/file.txt', true], ['a**/*.txt', 'a/dir/file.txt', true],
      ['a**/*.txt', 'a/dir/dir/file.txt', true], ['a/*.txt', 'a/dir/file.txt', false], ['a/*.txt', 'a/file.txt', true],
      ['a/*.txt**', 'a/file.txt', true], ['a[b-d]e', 'ae', false], ['a[b-d]e', 'ace', true], ['a[b-d]e', 'aae', false],
      ['a[^b-d]e', 'aze', true], ['.*', '.foo', true], ['.*', 'foo', false], ['abc.def', 'abcdef', false],
      ['abc.def', 'abc.def', true], ['abc.def', 'abcZdef', false], ['abc?def', 'abcZdef', true], ['abc?def', 'abcdef', false],
      ['a\\\\', 'a\\', true], ['**/foo/bar', 'foo/bar', true], ['**/foo/bar', 'dir/foo/bar', true], ['**/foo/bar', 'dir/dir2/foo/bar', true],
      ['abc/**', 'abc', false], ['abc/**', 'abc/def', true], ['abc/**', 'abc/def/ghi', true], ['**/.foo', '.foo', true],
      ['**/.foo', 'bar.foo', false], ['a(b)c/def', 'a(b)c/def', true], ['a(b)c/def', 'a(b)c/xyz', false],
      ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
      ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
      ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
      ['a\\*b', 'a*b', true],
    ];
    for (const [pattern, path, expected] of cases) {
      const m = matcher([pattern]);
      assert.deepEqual(m.problems, [], pattern);
      assert.equal(m.ignores(path), expected, `${pattern} against ${path}`);
    }
  });

  it('several patterns: later ones win, an exception covers a directory and what is below it', () => {
    const cases: [string[], string, boolean][] = [
      [['**', '!util/docker/web'], 'util/docker/web/foo', false],
      [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
      [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
      [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
      [['*'], 'fileutils.go', true],
      [['*.go'], 'fileutils.go', true],
      [['!fileutils.go', '*.go'], 'fileutils.go', true],
      [['docs', '!docs/README.md'], 'docs/README.md', false],
      [['docs/', '!docs/README.md'], 'docs/README.md', false],
      [['docs/*', '!docs/README.md'], 'docs/README.md', false],
      [['*.go', '!fileutils.go'], 'fileutils.go', false],
      [['*.go'], '.', false],
      [[], '/any/path/there', false],
    ];
    for (const [patterns, path, expected] of cases) assert.equal(excluded(patterns, path), expected, `${JSON.stringify(patterns)} against ${path}`);
  });

  it('filepath.Match cases: classes, escapes, `?` and `*` never crossing `/`, and the malformed patterns the engine rejects', () => {
    const cases: [string, string, boolean, 'bad'?][] = [
      ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true], ['a*', 'ab/c', true],
      ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
      ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true],
      ['a*b?c*x', 'abxbbxdbxebxczzy', false], ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false],
      ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false],
      ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true],
      ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true],
      ['[x\\-]', 'x', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true], ['[\\-x]', 'a', false],
      ['[]a]', ']', false, 'bad'], ['[-]', '-', false, 'bad'], ['[x-]', 'x', false, 'bad'], ['[x-]', '-', false, 'bad'], ['[x-]', 'z', false, 'bad'],
      ['[-x]', 'x', false, 'bad'], ['[-x]', '-', false, 'bad'], ['[-x]', 'a', false, 'bad'], ['\\', 'a', false, 'bad'], ['[a-b-c]', 'a', false, 'bad'],
      ['[', 'a', false, 'bad'], ['[^', 'a', false, 'bad'], ['[^bc', 'a', false, 'bad'], ['a[', 'a', false, 'bad'], ['a[', 'ab', false, 'bad'],
      ['*x', 'xxx', true],
      // A reversed range passes the engine's first check but its regular expression is rejected.
      ['[Local-Only]/', 'x', false, 'bad'],
    ];
    for (const [pattern, path, expected, bad] of cases) {
      const m = matcher([pattern]);
      assert.equal(m.problems.length > 0, bad === 'bad', `${pattern}: ${JSON.stringify(m.problems)}`);
      assert.equal(m.ignores(path), expected, `${pattern} against ${path}`);
    }
    assert.match(matcher(['!']).problems[0].message, /illegal exclusion pattern/);
  });

  it('decides each pattern\'s kind as the engine compiles it', () => {
    const kinds: [string, string][] = [
      ['*', 'glob'], ['file*', 'glob'], ['*file', 'glob'], ['a*/b', 'glob'], ['**', 'suffix'], ['**/**', 'glob'], ['dir/**', 'prefix'],
      ['**/dir', 'suffix'], ['**/dir2/*', 'glob'], ['**/dir2/**', 'glob'], ['**file', 'suffix'], ['**/file*txt', 'glob'],
      ['**/**/*.txt', 'glob'], ['a[b-d]e', 'glob'], ['.*', 'glob'], ['abc.def', 'exact'], ['abc?def', 'glob'], ['**/foo/bar', 'suffix'],
      ['a(b)c/def', 'exact'], ['a.|)$(}+{bc', 'exact'], ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
    ];
    for (const [pattern, kind] of kinds) assert.equal(patternKind(cleanPath(pattern)), kind, pattern);
  });

  it('reads the file like the engine: BOM, comments, trimming, leading `/`, cleaning, `!`', () => {
    const text = '\uFEFFtest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ';
    assert.deepEqual(readIgnorePatterns(text).map((p) => p.pattern), ['test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path', '!', '!']);
    assert.deepEqual(readIgnorePatterns('a/./b/../c//\r\n  # not a comment\n#comment\r\n./x\n/\n').map((p) => [p.line, p.pattern]),
      [[1, 'a/c'], [2, '# not a comment'], [4, 'x'], [5, '/']]);
    assert.deepEqual(parseDockerignore('a\n!\nb\n').problems.map((p) => p.line), [2]);
  });
});

describe('.dockerignore: what the build and CopyIgnoredFile rely on', () => {
  it('cleans paths like Go', () => {
    for (const [path, clean] of [['', '.'], ['.', '.'], ['a/./b/', 'a/b'], ['a//b', 'a/b'], ['a/../..', '..'], ['/../a', '/a'], ['./a/b/../../c', 'c']]) {
      assert.equal(cleanPath(path), clean, path);
    }
    assert.equal(trimSpace('\u00a0\u2028 x\t\u0085'), 'x');
    assert.equal(trimSpace('\ufeffx'), '\ufeffx', 'Go does not count a BOM as space');
  });

  it('excludes a directory\'s contents, keeps exceptions, and walks only where an exception may reach', () => {
    const m = parseDockerignore('node_modules\n*.log\n!important.log\nsecret/\n!secret/keep.txt\n');
    assert.equal(m.ignores('node_modules/dep/index.js'), true);
    assert.equal(m.ignores('debug.log'), true);
    assert.equal(m.ignores('important.log'), false);
    assert.equal(m.ignores('secret/key'), true);
    assert.equal(m.ignores('secret/keep.txt'), false);
    assert.equal(m.mayHoldExceptions('secret'), true);
    assert.equal(m.mayHoldExceptions('node_modules'), false);
    assert.equal(parseDockerignore('docs\n!*.md\n').mayHoldExceptions('docs'), true, 'a wildcard exception may reach anywhere');
  });

  it('the engine\'s `.` stops at a line break in `**`', () => {
    assert.equal(excluded(['a/**/b'], 'a/x\n/b'), false);
    assert.equal(excluded(['a/**/b'], 'a/x/b'), true);
    assert.equal(excluded(['a**'], 'a\nb'), true, 'a prefix pattern compares text');
  });
});
