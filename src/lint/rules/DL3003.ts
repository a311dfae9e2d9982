// DL3003: `cd` in a RUN only lasts for that RUN; WORKDIR states the directory for what follows.
import { commandsNamed, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3003', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Use WORKDIR to switch to a directory' },
  check({ dockerfile, text, report }) {
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'cd')) if (command.name) report({ range: command.name.range });
    }
  },
};
