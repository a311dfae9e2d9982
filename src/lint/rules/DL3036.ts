// DL3036: zypper keeps downloaded packages and repository metadata in its cache; unless the
// same RUN runs `zypper clean` after installing, the cache is baked into the layer.
import { argNamed, chainAfter, cmdHasArgs, findCommandIndex, runsOf, spanTo } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const installWords = ['install', 'in'];
const isInstall = (c: ShellCommand) => cmdHasArgs(c, ['zypper'], installWords);
const isClean = (c: ShellCommand) => cmdHasArgs(c, ['zypper'], ['clean', 'cc']);

export const rule: Rule = {
  meta: { code: 'DL3036', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`zypper clean` missing after zypper use.' },
  check(context) {
    for (const { script } of runsOf(context, true)) {
      const install = findCommandIndex(script, isInstall);
      // A clean anywhere after the first install will do (hadolint compares first occurrences,
      // which would keep reporting `zypper clean && zypper in … && zypper clean`).
      if (install < 0 || script.commands.slice(install + 1).some(isClean)) continue;
      const command = script.commands[install];
      const fix = chainAfter(script, command, 'zypper clean', 'Add `zypper clean` after the install');
      context.report({ range: spanTo(command, argNamed(command, installWords)!), fixes: fix ? [fix] : [] });
    }
  },
};
