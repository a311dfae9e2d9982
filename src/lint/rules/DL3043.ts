// DL3043: ONBUILD runs its trigger in a child build; a FROM, MAINTAINER or another ONBUILD there
// is rejected or meaningless, so the trigger never does what its author meant.
import { Onbuild } from 'dockerfile-ast';
import type { Rule } from '../rule';

const forbidden = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export const rule: Rule = {
  meta: { code: 'DL3043', reads: ['ONBUILD'], severity: 'error', source: 'hadolint', description: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Onbuild)) continue;
      const trigger = instruction.getTriggerInstruction();
      if (trigger && forbidden.has(trigger.getKeyword())) report({ range: trigger.getInstructionRange() });
    }
  },
};
