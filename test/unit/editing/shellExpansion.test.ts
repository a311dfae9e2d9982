// The two scanners of src/editing/shellExpansion.ts (a shell script, a here-document body) read a
// variable's name through one variableAt(): these pin what it reads and that both agree on it.
import * as assert from 'node:assert/strict';
import { hereDocumentUses, shellVariableUses, variableAt } from '../../../src/editing/shellExpansion';

const names = (uses: { name: string; start: number; end: number }[], text: string) => uses.map((u) => `${u.name}@${text.slice(u.start, u.end)}`);

describe('editing: shell variable names (variableAt)', () => {
  it('reads $NAME, ${NAME…}, ${#NAME} and ${!NAME}, offsets of the name alone', () => {
    const read = (text: string) => {
      const use = variableAt(text, 0, text.length);
      return use && [use.name, use.start, use.end];
    };
    assert.deepEqual(read('$HOME/x'), ['HOME', 1, 5]);
    assert.deepEqual(read('${HOME:-/root}'), ['HOME', 2, 6]);
    assert.deepEqual(read('${#PATH}'), ['PATH', 3, 7]);
    assert.deepEqual(read('${!REF}'), ['REF', 3, 6]);
    assert.deepEqual(read('$_a1-'), ['_a1', 1, 4]);
  });

  it('reads no name after $ when none follows: positional and special parameters, $(, a lone $', () => {
    for (const text of ['$1', '$$', '$(id)', '$', '${', '${#}', '${#1}', '$-x', '${}']) {
      assert.equal(variableAt(text, 0, text.length), undefined, text);
    }
  });

  it('stops at the end it is given, not at the end of the text', () => {
    assert.deepEqual(variableAt('$ABC', 0, 3), { name: 'AB', start: 1, end: 3 });
    assert.equal(variableAt('${#A}', 0, 3), undefined);
  });

  it('the script scanner and the here-document scanner read the same names', () => {
    const body = 'echo $A ${B:-x} ${#C} ${!D} $1 $$ \\$E "$F" \'$G\'';
    const expected = ['A@A', 'B@B', 'C@C', 'D@D', 'F@F'];
    assert.deepEqual(names(shellVariableUses(body, 0, body.length, '\\', false), body), expected);
    // In a here-document quotes are text: '$G' is expanded there too.
    assert.deepEqual(names(hereDocumentUses(body, 0, body.length), body), [...expected, 'G@G']);
  });

  it('a here-document names the variable of ${#NAME} and ${!NAME} as a script does', () => {
    const body = 'len=${#NAME} ref=${!NAME}\n';
    assert.deepEqual(names(hereDocumentUses(body, 0, body.length), body), ['NAME@NAME', 'NAME@NAME']);
  });
});
