// MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes
// effect; the earlier ones are dead code that readers mistake for behaviour.
import { stagesOf } from '../buildkit';
import type { Rule } from '../rule';

const singular = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const rule: Rule = {
  meta: { code: 'MultipleInstructionsDisallowed', reads: ['FROM', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'], severity: 'warning', source: 'buildkit', description: 'Multiple instructions of the same type should not be used in the same stage' },
  check({ dockerfile, report }) {
    for (const stage of stagesOf(dockerfile)) {
      for (const keyword of singular) {
        const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
        for (const instruction of found.slice(0, -1)) {
          report({
            range: instruction.getInstructionRange(),
            message: `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`,
          });
        }
      }
    }
  },
};
