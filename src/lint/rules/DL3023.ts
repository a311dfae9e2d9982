// DL3023: a stage cannot copy from itself; it is still being built.
import { Copy, From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3023', reads: ['FROM', 'COPY'], severity: 'error', source: 'hadolint', description: '`COPY --from` cannot reference its own `FROM` alias' },
  check({ dockerfile, report }) {
    let current: string | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) { current = instruction.getBuildStage() ?? undefined; continue; }
      if (!(instruction instanceof Copy) || current === undefined) continue;
      const flag = instruction.getFlags().find((f) => f.getName() === 'from');
      const range = flag?.getValueRange();
      if (flag && range && flag.getValue() === current) report({ range });
    }
  },
};
