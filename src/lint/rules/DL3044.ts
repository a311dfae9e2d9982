// DL3044: within one ENV instruction every value is expanded with the variables as they were
// before that ENV, so `ENV A=1 B=$A` gives B the old (usually empty) A.
import { Arg, Env } from 'dockerfile-ast';
import type { Rule } from '../rule';
import { lineIndexOf } from '../syntax/text';

export const rule: Rule = {
  meta: { code: 'DL3044', reads: ['ARG', 'ENV'], severity: 'error', source: 'hadolint', description: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.' },
  check({ dockerfile, text, report }) {
    const known = new Set<string>();
    const lines = lineIndexOf(text);
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof Arg) {
        for (const p of instruction.getProperties()) known.add(p.getName());
      } else if (instruction instanceof Env) {
        const pairs = instruction.getProperties();
        // The pairs defining each new name; each value is then read once for its references (a
        // search for every name in every value was quadratic: 6,000 pairs took half a minute).
        const definers = new Map<string, number[]>();
        pairs.forEach((pair, i) => {
          const name = pair.getName();
          if (known.has(name)) return;
          const list = definers.get(name);
          if (list) list.push(i); else definers.set(name, [i]);
        });
        pairs.forEach((other, j) => {
          const range = other.getValueRange();
          if (!range || definers.size === 0) return;
          const start = lines.offsetAt(range.start);
          for (const [name, at] of firstReferences(text.slice(start, lines.offsetAt(range.end)))) {
            for (const i of definers.get(name) ?? []) {
              if (i === j) continue;
              report({
                range: { start: lines.positionAt(start + at.index), end: lines.positionAt(start + at.index + at.length) },
                message: `Do not refer to the environment variable \`${name}\` within the same \`ENV\` statement where it is defined.`,
              });
            }
          }
        });
        for (const pair of pairs) known.add(pair.getName());
      }
    }
  },
};

/** The first `${name}` or `$name` (the whole run of name characters) of each name in a value. */
function firstReferences(value: string): Map<string, { index: number; length: number }> {
  const found = new Map<string, { index: number; length: number }>();
  let nextClose = -1; // where the next `}` is, once looked up
  for (let i = value.indexOf('$'); i >= 0; i = value.indexOf('$', i + 1)) {
    let name: string;
    let length: number;
    if (value[i + 1] === '{') {
      if (nextClose !== Infinity && nextClose < i + 2) {
        nextClose = value.indexOf('}', i + 2);
        if (nextClose < 0) nextClose = Infinity;
      }
      if (nextClose === Infinity) continue;
      name = value.slice(i + 2, nextClose);
      length = name.length + 3;
    } else {
      let end = i + 1;
      while (end < value.length && /\w/.test(value[end])) end++;
      name = value.slice(i + 1, end);
      length = name.length + 1;
    }
    if (name !== '' && !found.has(name)) found.set(name, { index: i, length });
  }
  return found;
}
