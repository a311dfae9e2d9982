// DL3035: `zypper dist-upgrade` moves the whole base image to newer package versions behind the
// image maintainer's back; pick a newer base image tag instead.
import { argNamed, cmdHasArgs, runsCommand, runsOf, spanTo } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3035', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Do not use `zypper dist-upgrade`.' },
  check(context) {
    // Only zypper is ever reported.
    if (!runsCommand(context, ['zypper'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (cmdHasArgs(command, ['zypper'], ['dist-upgrade', 'dup'])) context.report({ range: spanTo(command, argNamed(command, ['dist-upgrade', 'dup'])!) });
      }
    }
  },
};
