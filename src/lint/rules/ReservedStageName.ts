// ReservedStageName: `scratch` (the empty image) and `context` (the build context in
// COPY --from/--mount from) already mean something; a stage with that name shadows or confuses them.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

const reserved = new Set(['scratch', 'context']);

export const rule: Rule = {
  meta: { code: 'ReservedStageName', reads: ['FROM'], severity: 'warning', source: 'buildkit', description: 'Reserved words should not be used as stage names' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const name = instruction.getBuildStage()?.toLowerCase();
      const range = instruction.getBuildStageRange();
      if (name && range && reserved.has(name)) report({ range, message: `Stage name should not use the same name as reserved stage "${name}"` });
    }
  },
};
