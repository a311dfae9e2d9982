// DL3022: `COPY --from=name` must name an earlier stage (or an image): a typo would otherwise be
// pulled from a registry as an image of that name.
import { Copy, From } from 'dockerfile-ast';
import { dropQuotes } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3022', reads: ['FROM', 'COPY'], severity: 'warning', source: 'hadolint', description: 'COPY --from should reference a previously defined FROM alias' },
  check({ dockerfile, report }) {
    const aliases = new Set<string>();
    let stages = 0;
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        stages++;
        const stage = instruction.getBuildStage();
        if (stage) aliases.add(stage);
        continue;
      }
      if (!(instruction instanceof Copy)) continue;
      const flag = instruction.getFlags().find((f) => f.getName() === 'from');
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (!flag || !value || !range) continue;
      // As hadolint: stage names in their exact case; an index below the number of FROMs so far
      // (the current stage's own included); a value with `:` is an image. An untagged image name
      // or a variable is indistinguishable from a misspelt stage and is reported.
      if (aliases.has(value)) continue;
      const index = /^\d+/.exec(value);
      if (index && Number(index[0]) < stages) continue;
      if (dropQuotes(value).includes(':')) continue;
      report({ range });
    }
  },
};
