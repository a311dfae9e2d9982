// DL3022: `COPY --from=name` must name an earlier stage (or an image): a typo would otherwise be
// pulled from a registry as an image of that name.
import { Copy, From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3022', severity: 'warning', source: 'hadolint', description: 'COPY --from should reference a previously defined FROM alias' },
  check({ dockerfile, report }) {
    const aliases = new Set<string>();
    let stages = 0;
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        stages++;
        const stage = instruction.getBuildStage();
        if (stage) aliases.add(stage.toLowerCase());
        continue;
      }
      if (!(instruction instanceof Copy)) continue;
      const flag = instruction.getFlags().find((f) => f.getName() === 'from');
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (!flag || !value || !range) continue;
      if (aliases.has(value.toLowerCase())) continue;
      if (/^\d+$/.test(value) && Number(value) < stages - 1) continue; // an earlier stage by index
      // `image:tag` / `image@digest` cannot be stage names; an untagged image name is
      // indistinguishable from a misspelt stage, so (like hadolint) it is reported.
      if (/[:@$]/.test(value)) continue;
      report({ range });
    }
  },
};
