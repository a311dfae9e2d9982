// DL4005: replacing /bin/sh with a link changes the shell for every later RUN in a way the
// Dockerfile hides; the SHELL instruction says it openly and is scoped to the stage.
import { cmdHasArgs, commandRange, runsCommand, runsOf } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4005', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Use SHELL to change the default shell' },
  check(context) {
    // Only ln is ever reported.
    if (!runsCommand(context, ['ln'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (cmdHasArgs(command, ['ln'], ['/bin/sh'])) context.report({ range: commandRange(command) });
      }
    }
  },
};
