// DL3014: without `-y` apt-get asks for confirmation, and a build has no one to answer. As in
// hadolint, -y/--yes/--assume-yes answer, and so does quiet level 2 (`-qq`, `-q -q`, `-q=2`,
// `--quiet --quiet`); a single -q does not.
import { countFlag, hasAnyFlag, runsCommand } from '../packages';
import { commandsNamed, insertFlagAfter, runScripts, spanRange, type ShellCommand } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3014', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  },
  check({ dockerfile, text, report }) {
    // Only an apt-get install is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apt-get'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apt-get')) {
        const install = command.args.find((a) => a.value === 'install');
        if (!install || !command.name || answersYes(command)) continue;
        report({ range: spanRange(command.name, install), fixes: [insertFlagAfter(script, install, '-y', 'Add -y')] });
      }
    }
  },
};

function answersYes(command: ShellCommand): boolean {
  return hasAnyFlag(command, 'y', 'yes', 'qq', 'assume-yes') || countFlag(command, 'q') === 2
    || countFlag(command, 'quiet') === 2 || command.args.some((a) => a.value === '-q=2');
}
