// DL3004: RUN already runs as the current USER (root unless changed); sudo adds a tty-dependent,
// unpredictable layer. Switch USER, or use gosu/su-exec in an entrypoint.
import { runsCommand } from '../packages';
import { commandsNamed, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3004', perInstruction: true, severity: 'error', source: 'hadolint',
    description: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
  },
  check({ dockerfile, text, report }) {
    // Only sudo is ever reported.
    if (!runsCommand({ dockerfile, text }, ['sudo'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'sudo')) if (command.name) report({ range: command.name.range });
    }
  },
};
