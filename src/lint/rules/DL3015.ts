// DL3015: apt-get installs "recommended" packages by default, which bloats the image with things
// nothing asked for.
import { runsCommand } from '../packages';
import { commandsNamed, hasArg, hasFlag, insertFlagAfter, runScripts, spanRange } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3015', perInstruction: true, severity: 'info', source: 'hadolint',
    description: 'Avoid additional packages by specifying `--no-install-recommends`',
  },
  check({ dockerfile, text, report }) {
    // Only an apt-get install is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apt-get'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apt-get')) {
        const install = command.args.find((a) => a.value === 'install');
        if (!install || !command.name) continue;
        if (hasFlag(command, '--no-install-recommends') || hasArg(command, 'APT::Install-Recommends=false')) continue;
        report({
          range: spanRange(command.name, install),
          fixes: [insertFlagAfter(script, install, '--no-install-recommends', 'Add --no-install-recommends')],
        });
      }
    }
  },
};
