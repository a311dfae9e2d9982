// The Run flow's environment, read like a shell reads `env …`: each case is what bash gives for
// the same words (bash's word splitting and quote removal, as `set -- WORDS` shows them).
import * as assert from 'node:assert/strict';
import { parseEnvInput, type EnvParse } from '../../../src/docker/envInput';

const HOST: Record<string, string> = { HOME: '/home/dev', EMPTY: '' };
const parse = (text: string): EnvParse => parseEnvInput(text, (name) => HOST[name]);
const env = (text: string): Record<string, string> => {
  const parsed = parse(text);
  assert.ok(parsed.ok, `${text}: ${JSON.stringify(parsed)}`);
  return parsed.input.env;
};

describe('environment input', () => {
  it('reads the issue\'s line as a shell does', () => {
    assert.deepEqual(parse('GREETING="hello world" API_TOKEN=s3cret NOVALUE HOME'), { ok: true, input: {
      env: { GREETING: 'hello world', API_TOKEN: 's3cret', HOME: '/home/dev' },
      fromHost: ['HOME'],
      unsetOnHost: ['NOVALUE'],
    } });
  });

  it('splits at unquoted blanks only and keeps quoted ones', () => {
    assert.deepEqual(env('A=1   B=2\tC=3\nD=4'), { A: '1', B: '2', C: '3', D: '4' });
    assert.deepEqual(env('MSG=\'it is "fine"\' X="a  b"'), { MSG: 'it is "fine"', X: 'a  b' });
    assert.deepEqual(env('A=x"y z"w'), { A: 'xy zw' }, 'quotes join into one word');
    assert.deepEqual(env('"A=1 2"'), { A: '1 2' }, 'a quoted assignment, as docker run -e "A=1 2"');
    assert.deepEqual(env(''), {});
    assert.deepEqual(env('   '), {});
  });

  it('applies backslashes as a shell does, outside and inside double quotes', () => {
    assert.deepEqual(env('A=a\\ b'), { A: 'a b' });
    assert.deepEqual(env('A="say \\"hi\\" \\\\ \\n"'), { A: 'say "hi" \\ \\n' }, 'inside "…" only \\" \\\\ \\$ \\` are escapes');
    assert.deepEqual(env('A=\'\\n\''), { A: '\\n' }, 'nothing is an escape inside \'…\'');
    assert.deepEqual(env('A="x\\$y"'), { A: 'x$y' });
    assert.deepEqual(env('A=\\$HOME'), { A: '$HOME' });
    assert.deepEqual(env('A=one\\\ntwo'), { A: 'onetwo' }, 'backslash-newline joins');
  });

  it('keeps = after the first one in the value, and empty values', () => {
    assert.deepEqual(env('URL=a=b'), { URL: 'a=b' });
    assert.deepEqual(env('URL=\'a=b&c=d\' E= F=""'), { URL: 'a=b&c=d', E: '', F: '' });
  });

  it('passes the host value for a bare name, leaves out one the host does not set', () => {
    assert.deepEqual(parse('HOME EMPTY MISSING'), { ok: true, input: { env: { HOME: '/home/dev', EMPTY: '' }, fromHost: ['HOME', 'EMPTY'], unsetOnHost: ['MISSING'] } });
    assert.deepEqual(parse('HOME HOME=/x'), { ok: true, input: { env: { HOME: '/x' }, fromHost: [], unsetOnHost: [] } }, 'a later assignment wins');
  });

  it('stops at a comment', () => {
    assert.deepEqual(env('A=1 # B=2'), { A: '1' });
    assert.deepEqual(env('A=1#2'), { A: '1#2' }, '# inside a word is literal');
  });

  it('says what it cannot read, and where', () => {
    assert.deepEqual(parse('A="open'), { ok: false, problem: { kind: 'unclosedQuote', quote: '"', offset: 2 } });
    assert.deepEqual(parse('A=1 B=\'x'), { ok: false, problem: { kind: 'unclosedQuote', quote: '\'', offset: 6 } });
    assert.deepEqual(parse('A=x\\'), { ok: false, problem: { kind: 'trailingBackslash', offset: 3 } });
    assert.deepEqual(parse('1A=x'), { ok: false, problem: { kind: 'notAName', word: '1A=x', offset: 0 } });
    assert.deepEqual(parse('A=1 =x'), { ok: false, problem: { kind: 'notAName', word: '=x', offset: 4 } });
    assert.deepEqual(parse('A-B=1'), { ok: false, problem: { kind: 'notAName', word: 'A-B=1', offset: 0 } });
    assert.equal((parse('P=$PATH:/x') as { problem?: { kind: string; offset: number } }).problem?.offset, 2);
    assert.equal((parse('P="$(id)"') as { problem?: { kind: string } }).problem?.kind, 'expansion');
    assert.equal((parse('P=`id`') as { problem?: { kind: string } }).problem?.kind, 'expansion');
    assert.deepEqual(parse('A=1;B=2'), { ok: false, problem: { kind: 'operator', character: ';', offset: 3 } });
    assert.deepEqual(parse('A=x|y'), { ok: false, problem: { kind: 'operator', character: '|', offset: 3 } });
    assert.deepEqual(env('A=\'x;y|z$w\''), { A: 'x;y|z$w' }, 'quoted, they are text');
  });

  it('reads a long paste in one pass', () => {
    const parsed = parse('A="' + 'x '.repeat(200_000) + '" ' + 'B=1 '.repeat(50_000));
    assert.ok(parsed.ok && parsed.input.env.A.length === 400_000 && parsed.input.env.B === '1');
  });
});
