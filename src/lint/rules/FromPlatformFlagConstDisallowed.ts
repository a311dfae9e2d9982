// FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64` pins the stage to one platform and
// defeats multi-platform builds. BuildKit accepts it when the stage name says which platform it is
// for (`AS build-amd64`), the pattern for per-architecture stages selected with $TARGETARCH.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'FromPlatformFlagConstDisallowed', severity: 'warning', source: 'buildkit', description: 'FROM --platform flag should not use a constant value' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const flag = instruction.getPlatformFlag();
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (!value || !range || value.includes('$')) continue;
      const stage = instruction.getBuildStage()?.toLowerCase() ?? '';
      const [os, arch] = value.toLowerCase().split('/');
      if (stage && ((arch && stage.includes(arch)) || (os && stage.includes(os)))) continue;
      report({ range, message: `FROM --platform flag should not use constant value "${value}"` });
    }
  },
};
