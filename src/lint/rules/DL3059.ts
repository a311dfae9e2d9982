// DL3059: each RUN makes a layer; consecutive small RUNs are usually one step split for no
// reason. As in hadolint, a RUN is reported when the RUN right before it (comments between are
// fine) has the same flags and neither has more than two commands; RUNs with more commands, or
// whose flags (--mount, --network) differ, are left alone: their author split them on purpose.
import { Run } from 'dockerfile-ast';
import { flagsText, runLookup } from '../packages';
import type { Rule } from '../rule';
import type { ShellScript } from '../shell';
import { slot } from '../slot';

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
      const count = commandCount(runOf(instruction)?.parsed);
      if (previous && previous.flags === flags && count <= 2 && previous.count <= 2) {
        report({ range: instruction.getInstructionRange() });
      }
      previous = { flags, count };
    }
  },
};

/** Commands with a name in a script, kept with the script (every RUN is counted at every lint). */
function commandCount(script: ShellScript | undefined): number {
  if (!script) return 0;
  let count = counts.get(script);
  if (count === undefined) { count = script.commands.filter((c) => c.name).length; counts.set(script, count); }
  return count;
}

const counts = slot<ShellScript, number>('commandCount');
