// DuplicateStageName: two stages with one name (compared case-insensitively, as BuildKit does)
// make every reference to that name ambiguous; BuildKit rejects such a build.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DuplicateStageName', reads: ['FROM'], severity: 'warning', source: 'buildkit', description: 'Stage names should be unique' },
  check({ dockerfile, report }) {
    const seen = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const name = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (!name || !range) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) report({ range, message: `Duplicate stage name "${key}", stage names should be unique` });
      seen.add(key);
    }
  },
};
