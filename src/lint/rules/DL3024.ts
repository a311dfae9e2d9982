// DL3024: two stages with one name make `COPY --from` and `--target` ambiguous. As in hadolint the
// names are compared in their exact case (BuildKit's DuplicateStageName also catches `Build` and
// `build`).
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3024', reads: ['FROM'], severity: 'error', source: 'hadolint', description: 'FROM aliases (stage names) must be unique' },
  check({ dockerfile, report }) {
    const seen = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const stage = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (!stage || !range) continue;
      if (seen.has(stage)) report({ range });
      seen.add(stage);
    }
  },
};
