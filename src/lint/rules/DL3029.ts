// DL3029: a fixed `FROM --platform` makes the build ignore the platform it is asked for.
// $BUILDPLATFORM / $TARGETPLATFORM (in any spelling: braces, quotes, defaults) are how
// multi-platform builds are meant to use it; like hadolint, only those two are accepted.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3029', reads: ['FROM'], severity: 'warning', source: 'hadolint', description: 'Do not use --platform flag with FROM' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      for (const flag of instruction.getFlags()) {
        const value = flag.getValue();
        if (flag.getName() === 'platform' && value && !/BUILDPLATFORM|TARGETPLATFORM/.test(value)) report({ range: flag.getRange() });
      }
    }
  },
};
