// DL3059: each RUN makes a layer; consecutive small RUNs are usually one step split for no
// reason. As in hadolint, a RUN is reported when the RUN right before it (comments between are
// fine) has the same flags and neither has more than two commands; RUNs with more commands, or
// whose flags (--mount, --network) differ, are left alone: their author split them on purpose.
import { Run } from 'dockerfile-ast';
import { flagsText, runLookup } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3059', severity: 'info', source: 'hadolint', description: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
  check(context) {
    const { dockerfile, report } = context;
    const runOf = runLookup(context);
    let previous: { flags: string; count: number } | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Run)) { previous = undefined; continue; }
      const flags = flagsText(instruction);
      // Commands with a name, as ShellCheck lists them for hadolint (not bare assignments).
      const count = runOf(instruction)?.parsed.commands.filter((c) => c.name).length ?? 0;
      if (previous && previous.flags === flags && count <= 2 && previous.count <= 2) {
        report({ range: instruction.getInstructionRange() });
      }
      previous = { flags, count };
    }
  },
};
