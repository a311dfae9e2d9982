// DL3061: only ARG (and comments or parser directives) may come before the first FROM; any other
// instruction there has no image to apply to and the build fails.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3061', severity: 'error', source: 'hadolint', description: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') return;
      if (keyword !== 'ARG') report({ range: instruction.getInstructionRange() });
    }
  },
};
