// DL3012: only the last HEALTHCHECK of a stage takes effect, so earlier ones are dead code.
import { From, Healthcheck } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3012', reads: ['FROM', 'HEALTHCHECK'], severity: 'error', source: 'hadolint', description: 'Multiple `HEALTHCHECK` instructions' },
  check({ dockerfile, report }) {
    let seen = false;
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) seen = false;
      else if (instruction instanceof Healthcheck) {
        if (seen) report({ range: instruction.getInstructionRange() });
        seen = true;
      }
    }
  },
};
