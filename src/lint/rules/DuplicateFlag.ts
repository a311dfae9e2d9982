// DuplicateFlag: a flag given twice (`COPY --chown=a --chown=b`) is rejected by the builder rather
// than letting the last one win; only RUN --mount and COPY/ADD --exclude may repeat.
import type { Rule } from '../rule';
import { flagsOf, instructionFlags, instructionsWithTriggers, repeatableFlags } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'DuplicateFlag', perInstruction: true, severity: 'error', source: 'builder', description: 'Flag specified more than once' },
  check({ dockerfile, report }) {
    for (const instruction of instructionsWithTriggers(dockerfile)) {
      const keyword = instruction.getKeyword();
      const allowed = instructionFlags[keyword];
      if (!allowed) continue;
      const repeatable = repeatableFlags[keyword] ?? [];
      const seen = new Set<string>();
      for (const flag of flagsOf(instruction)) {
        // Unknown flags are UnknownFlag's business.
        if (!allowed.includes(flag.name) || repeatable.includes(flag.name)) continue;
        if (seen.has(flag.name)) report({ range: flag.range, message: `Duplicate flag specified: --${flag.name}` });
        seen.add(flag.name);
      }
    }
  },
};
