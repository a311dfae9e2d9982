// DL4000: MAINTAINER is deprecated; the OCI label org.opencontainers.image.authors carries the
// same information in a form registries and tools read.
import { maintainerToLabelFix } from '../maintainerLabel';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4000', reads: ['MAINTAINER'], severity: 'error', source: 'hadolint', description: 'MAINTAINER is deprecated' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const fix = maintainerToLabelFix(instruction);
      report({ range: instruction.getInstructionRange(), fixes: fix ? [fix] : [] });
    }
  },
};
