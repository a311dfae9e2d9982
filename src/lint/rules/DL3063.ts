// DL3063: `context` and `scratch` already mean something to the builder (the build context and
// the empty image), so a stage with that name is confusing at best and unreachable at worst.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

const reserved = new Set(['context', 'scratch']);

export const rule: Rule = {
  meta: { code: 'DL3063', reads: ['FROM'], severity: 'warning', source: 'hadolint', description: 'Stage name should not be a reserved word' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const stage = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (stage && range && reserved.has(stage)) {
        report({ range, message: `Stage name \`${stage}\` should not be a reserved word` });
      }
    }
  },
};
