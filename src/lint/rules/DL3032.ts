// DL3032: yum keeps downloaded packages and metadata in /var/cache/yum; unless the same RUN
// cleans it after installing, that cache is baked into the layer for good. hadolint's test: the
// first `yum install` comes before the first clean-up, a `yum` with `clean` or `all`, or an
// `rm` with `-rf` or `/var/cache/yum/*`. ONBUILD RUN is checked the same way.
import { argNamed, chainAfter, cmdHasArgs, installWithoutCleanAfter, runsCommand, runsOf, spanTo } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const isInstall = (c: ShellCommand) => cmdHasArgs(c, ['yum'], ['install']);
const isClean = (c: ShellCommand) => cmdHasArgs(c, ['yum'], ['clean', 'all']) || cmdHasArgs(c, ['rm'], ['-rf', '/var/cache/yum/*']);

export const rule: Rule = {
  meta: { code: 'DL3032', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`yum clean all` missing after yum command.' },
  check(context) {
    // Only a yum install is ever reported.
    if (!runsCommand(context, ['yum'])) return;
    for (const { script } of runsOf(context, true)) {
      const command = installWithoutCleanAfter(script, isInstall, isClean);
      if (!command) continue;
      const fix = chainAfter(script, command, 'yum clean all', 'Add `yum clean all` after the install');
      context.report({ range: spanTo(command, argNamed(command, ['install'])!), fixes: fix ? [fix] : [] });
    }
  },
};
