// DL3024: two stages with one name make `COPY --from` and `--target` ambiguous. Stage names are
// case-insensitive to the builder, so `Build` and `build` collide too.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3024', severity: 'error', source: 'hadolint', description: 'FROM aliases (stage names) must be unique' },
  check({ dockerfile, report }) {
    const seen = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const stage = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (!stage || !range) continue;
      if (seen.has(stage.toLowerCase())) report({ range });
      seen.add(stage.toLowerCase());
    }
  },
};
