// DL4004: only the last ENTRYPOINT of a stage takes effect; an earlier one is dead code that misleads
// whoever reads the Dockerfile.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4004', reads: ['FROM', 'ENTRYPOINT'], severity: 'error', source: 'hadolint', description: 'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect' },
  check({ dockerfile, report }) {
    let seen = false;
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') seen = false;
      else if (keyword === 'ENTRYPOINT') {
        if (seen) report({ range: instruction.getInstructionRange() });
        seen = true;
      }
    }
  },
};
