// DL3066: a runtime that enforces "run as non-root" (Kubernetes runAsNonRoot) cannot look a user
// name up in the image's /etc/passwd, so USER should be numeric. As in hadolint, every USER whose
// user part (before `:`) is not all digits is reported, in every stage, unless it uses a build
// argument declared by an earlier ARG (`$UID` or `${UID}`).
import { Arg } from 'dockerfile-ast';
import type { Rule } from '../rule';

function usesArg(user: string, args: ReadonlySet<string>): boolean {
  for (const m of user.matchAll(/\$\{?(\w+)/g)) if (args.has(m[1])) return true;
  return false;
}

export const rule: Rule = {
  meta: { code: 'DL3066', reads: ['ARG', 'USER'], severity: 'info', source: 'hadolint', description: 'Non-numeric user-id may not be resolvable by host system' },
  check({ dockerfile, report }) {
    const args = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof Arg) {
        for (const p of instruction.getProperties()) args.add(p.getName());
        continue;
      }
      if (instruction.getKeyword() !== 'USER') continue;
      const arg = instruction.getArguments()[0];
      if (!arg) continue;
      const user = arg.getValue().split(':')[0];
      if (/^\d*$/.test(user) || usesArg(arg.getValue(), args)) continue;
      const { start, end } = arg.getRange();
      // The user name alone when the word sits on one line; a word continued over lines is
      // reported whole (its text no longer maps to columns by length).
      report({ range: { start, end: start.line === end.line ? { line: start.line, character: start.character + user.length } : end } });
    }
  },
};
