// UnknownInstruction: the builder stops at a keyword it does not know (`RUNN`, `COPYY`), so the
// build fails before the first step. Usually a typo; the message suggests the closest keyword.
import { Onbuild } from 'dockerfile-ast';
import type { Rule } from '../rule';
import { suggestName } from '../buildkit';
import { isKnownInstruction, knownInstructions } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'UnknownInstruction', perInstruction: true, severity: 'error', source: 'builder', description: 'Unknown instruction' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      const candidates = [instruction];
      if (instruction instanceof Onbuild) {
        const trigger = instruction.getTriggerInstruction();
        if (trigger) candidates.push(trigger);
      }
      for (const candidate of candidates) {
        const keyword = candidate.getKeyword();
        if (isKnownInstruction(keyword)) continue;
        const suggestion = suggestName(keyword, knownInstructions);
        report({
          range: candidate.getInstructionRange(),
          message: `Unknown instruction: ${candidate.getInstruction()}` + (suggestion ? ` (did you mean ${suggestion}?)` : ''),
        });
      }
    }
  },
};
