// DL3059: each RUN makes a layer; consecutive single-command RUNs are usually one step split
// for no reason. RUNs that already chain commands, or whose flags (--mount, --network) differ,
// are left alone: their author split them on purpose.
import { Run } from 'dockerfile-ast';
import { flagsText, scriptLookup } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3059', severity: 'info', source: 'hadolint', description: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
  check(context) {
    const { dockerfile, report } = context;
    const scriptOf = scriptLookup(context);
    let previous: { flags: string; count: number } | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Run)) { previous = undefined; continue; }
      const flags = flagsText(instruction);
      const count = scriptOf(instruction)?.commands.length ?? 0;
      if (previous && previous.flags === flags && count <= 1 && previous.count <= 1) {
        report({ range: instruction.getInstructionRange() });
      }
      previous = { flags, count };
    }
  },
};
