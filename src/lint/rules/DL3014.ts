// DL3014: without `-y` apt-get asks for confirmation, and a build has no one to answer.
import { commandsNamed, hasFlag, insertFlagAfter, runScripts, spanRange } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3014', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  },
  check({ dockerfile, text, report }) {
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apt-get')) {
        const install = command.args.find((a) => a.value === 'install');
        // -q (any count) also answers yes, as hadolint counts it.
        if (!install || !command.name || hasFlag(command, '-y', '--yes', '-q', '--assume-yes')) continue;
        report({ range: spanRange(command.name, install), fixes: [insertFlagAfter(script, install, '-y', 'Add -y')] });
      }
    }
  },
};
