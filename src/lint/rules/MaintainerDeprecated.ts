// MaintainerDeprecated: MAINTAINER is deprecated; the OCI label org.opencontainers.image.authors
// carries the same information and is what registries and tools read.
import { maintainerToLabelFix } from '../maintainerLabel';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'MaintainerDeprecated', reads: ['MAINTAINER'], severity: 'warning', source: 'buildkit', description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const fix = maintainerToLabelFix(instruction);
      report({ range: instruction.getInstructionRange(), fixes: fix ? [fix] : [] });
    }
  },
};
