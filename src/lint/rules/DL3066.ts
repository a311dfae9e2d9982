// DL3066: a runtime that enforces "run as non-root" (Kubernetes runAsNonRoot) cannot look a user
// name up in the image's /etc/passwd, so the final USER should be numeric. Earlier USERs (root
// for installing packages, build stages) are legitimate and not reported.
import { From } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3066', severity: 'info', source: 'hadolint', description: 'Non-numeric user-id may not be resolvable by host system' },
  check({ dockerfile, report }) {
    let lastUser: Instruction | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) lastUser = undefined;
      else if (instruction.getKeyword() === 'USER') lastUser = instruction;
    }
    const arg = lastUser?.getArguments()[0];
    if (!arg) return;
    const user = arg.getValue().split(':')[0];
    // A variable is resolved at build time from an ARG; its value is not known here.
    if (user === '' || user.includes('$') || /^\d+$/.test(user)) return;
    const { start, end } = arg.getRange();
    // The user name alone when the word sits on one line; a word continued over lines is
    // reported whole (its text no longer maps to columns by length).
    report({ range: { start, end: start.line === end.line ? { line: start.line, character: start.character + user.length } : end } });
  },
};
