// DL4003: only the last CMD of a stage takes effect; an earlier one is dead code that misleads
// whoever reads the Dockerfile.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4003', reads: ['FROM', 'CMD'], severity: 'warning', source: 'hadolint', description: 'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect' },
  check({ dockerfile, report }) {
    let seen = false;
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') seen = false;
      else if (keyword === 'CMD') {
        if (seen) report({ range: instruction.getInstructionRange() });
        seen = true;
      }
    }
  },
};
