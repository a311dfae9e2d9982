// DL3003: `cd` in a RUN only lasts for that RUN; WORKDIR states the directory for what follows.
// hadolint has no ONBUILD variant of this rule: `ONBUILD RUN cd …` is not reported.
import { runsOf } from '../packages';
import { commandsNamed } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3003', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Use WORKDIR to switch to a directory' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      for (const command of commandsNamed(script, 'cd')) if (command.name) context.report({ range: command.name.range });
    }
  },
};
