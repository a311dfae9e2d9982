// DL3044: within one ENV instruction every value is expanded with the variables as they were
// before that ENV, so `ENV A=1 B=$A` gives B the old (usually empty) A.
import { Arg, Env } from 'dockerfile-ast';
import type { Rule } from '../rule';
import { lineIndexOf } from '../syntax/text';

export const rule: Rule = {
  meta: { code: 'DL3044', severity: 'error', source: 'hadolint', description: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.' },
  check({ dockerfile, text, report }) {
    const known = new Set<string>();
    const lines = lineIndexOf(text);
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof Arg) {
        for (const p of instruction.getProperties()) known.add(p.getName());
      } else if (instruction instanceof Env) {
        const pairs = instruction.getProperties();
        pairs.forEach((pair, i) => {
          const name = pair.getName();
          if (known.has(name)) return;
          for (const [j, other] of pairs.entries()) {
            const range = other.getValueRange();
            if (j === i || !range) continue;
            const start = lines.offsetAt(range.start);
            const at = findReference(text.slice(start, lines.offsetAt(range.end)), name);
            if (at === undefined) continue;
            report({
              range: { start: lines.positionAt(start + at.index), end: lines.positionAt(start + at.index + at.length) },
              message: `Do not refer to the environment variable \`${name}\` within the same \`ENV\` statement where it is defined.`,
            });
          }
        });
        for (const pair of pairs) known.add(pair.getName());
      }
    }
  },
};

/** `${name}` anywhere, or `$name` not followed by another name character. */
function findReference(value: string, name: string): { index: number; length: number } | undefined {
  const braced = value.indexOf('${' + name + '}');
  const bare = new RegExp('\\$' + name.replace(/[^A-Za-z0-9_]/g, '\\$&') + '(?![A-Za-z0-9_])').exec(value);
  const candidates = [braced >= 0 ? { index: braced, length: name.length + 3 } : undefined, bare ? { index: bare.index, length: name.length + 1 } : undefined]
    .filter((c): c is { index: number; length: number } => c !== undefined);
  return candidates.sort((a, b) => a.index - b.index)[0];
}
