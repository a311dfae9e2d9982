// DL3030: without `-y` yum asks for confirmation and the build aborts.
import { hasAnyFlag, runsCommand } from '../packages';
import { commandsNamed, insertFlagAfter, runScripts, spanRange } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3030', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Use the -y switch to avoid manual input `yum install -y <package>`' },
  check({ dockerfile, text, report }) {
    // Only a yum install is ever reported.
    if (!runsCommand({ dockerfile, text }, ['yum'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'yum')) {
        const install = command.args.find((a) => ['install', 'groupinstall', 'localinstall'].includes(a.value));
        if (!install || !command.name || hasAnyFlag(command, 'y', 'assumeyes')) continue;
        report({ range: spanRange(command.name, install), fixes: [insertFlagAfter(script, install, '-y', 'Add -y')] });
      }
    }
  },
};
