// UnknownFlag: each instruction accepts a fixed set of `--flags` (COPY --from, RUN --mount, …);
// anything else, such as `COPY --own=1000` or `FROM --plaform=…`, makes the builder refuse the file.
import type { Rule } from '../rule';
import { suggestName } from '../buildkit';
import { flagsOf, instructionFlags, instructionsWithTriggers, isKnownInstruction, readsFlags } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'UnknownFlag', perInstruction: true, severity: 'error', source: 'builder', description: 'Unknown flag for this instruction' },
  check({ dockerfile, report }) {
    for (const instruction of instructionsWithTriggers(dockerfile)) {
      const keyword = instruction.getKeyword();
      if (!isKnownInstruction(keyword) || !readsFlags(keyword)) continue;
      const allowed = instructionFlags[keyword] ?? [];
      for (const flag of flagsOf(instruction)) {
        if (allowed.includes(flag.name)) continue;
        const suggestion = suggestName(flag.name, allowed);
        const known = allowed.length > 0 ? `; ${keyword} accepts ${allowed.map((f) => '--' + f).join(', ')}` : `; ${keyword} takes no flags`;
        report({
          range: flag.nameRange,
          message: `Unknown flag for ${keyword}: --${flag.name}` + (suggestion ? ` (did you mean --${suggestion}?)` : known),
        });
      }
    }
  },
};
