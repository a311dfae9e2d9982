// DL3032: yum keeps downloaded packages and metadata in /var/cache/yum; unless the same RUN
// cleans it, that cache is baked into the layer for good.
import { chainAfter, cmdHasArgs, runsOf, spanTo, argNamed } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const isClean = (c: ShellCommand) => cmdHasArgs(c, ['yum'], ['clean'])
  || cmdHasArgs(c, ['rm'], ['-rf', '-fr', '-r']) && c.args.some((a) => a.value.startsWith('/var/cache/yum'));

export const rule: Rule = {
  meta: { code: 'DL3032', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`yum clean all` missing after yum command.' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      if (script.commands.some(isClean)) continue;
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['yum'], ['install'])) continue;
        const fix = chainAfter(script, command, 'yum clean all', 'Add `yum clean all` after the install');
        context.report({ range: spanTo(command, argNamed(command, ['install'])!), fixes: fix ? [fix] : [] });
      }
    }
  },
};
