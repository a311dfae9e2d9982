// FromAsCasing: `FROM image as name` mixes keyword casings; BuildKit asks the AS keyword to follow
// FROM's casing (both upper or both lower).
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'FromAsCasing', reads: ['FROM'], severity: 'warning', source: 'buildkit', description: "The 'as' keyword should match the case of the 'from' keyword" },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From) || instruction.getBuildStage() === null) continue;
      const as = instruction.getArguments()[1];
      if (!as || as.getValue().toLowerCase() !== 'as') continue;
      const keyword = instruction.getInstruction();
      const wanted = keyword === keyword.toUpperCase() ? 'AS' : keyword === keyword.toLowerCase() ? 'as' : undefined;
      // A mixed-case FROM is ConsistentInstructionCasing's finding; there is no casing to match here.
      if (wanted === undefined || as.getValue() === wanted) continue;
      report({
        range: as.getRange(),
        message: `'${as.getValue()}' and '${keyword}' keywords' casing do not match`,
        fixes: [{ title: `Write '${wanted}'`, edits: [{ range: as.getRange(), newText: wanted }] }],
      });
    }
  },
};
