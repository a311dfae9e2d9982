// DL3038: a build has no terminal to answer dnf's "Is this ok [y/N]" prompt; without -y
// (--assumeyes) the install aborts.
import { argNamed, cmdHasArgs, hasAnyFlag, insertAfterWord, runsCommand, runsOf, spanTo } from '../packages';
import type { Rule } from '../rule';

const installs = ['install', 'groupinstall', 'localinstall'];

export const rule: Rule = {
  meta: { code: 'DL3038', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Use the -y switch to avoid manual input `dnf install -y <package>`' },
  check(context) {
    // Only a dnf or microdnf install is ever reported.
    if (!runsCommand(context, ['dnf', 'microdnf'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['dnf', 'microdnf'], installs) || hasAnyFlag(command, 'y', 'assumeyes')) continue;
        const sub = argNamed(command, installs)!;
        context.report({ range: spanTo(command, sub), fixes: [insertAfterWord(script, sub, '-y', 'Add -y')] });
      }
    }
  },
};
