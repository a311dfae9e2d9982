// DL3040: dnf (and microdnf) keep downloaded packages and metadata in /var/cache; unless the
// same RUN cleans up after installing, that cache is baked into the layer.
import { argNamed, chainAfter, cmdHasArgs, findCommandIndex, runsOf, spanTo } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const removesCache = (c: ShellCommand) => cmdHasArgs(c, ['rm'], ['-rf', '-fr', '-r'])
  && c.args.some((a) => a.value.startsWith('/var/cache/yum') || a.value.startsWith('/var/cache/dnf'));

export const rule: Rule = {
  meta: { code: 'DL3040', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`dnf clean all` missing after dnf command.' },
  check(context) {
    for (const { script } of runsOf(context, true)) {
      for (const name of ['dnf', 'microdnf']) {
        const install = findCommandIndex(script, (c) => cmdHasArgs(c, [name], ['install']));
        // A clean anywhere after the first install will do (see DL3036).
        const cleans = (c: ShellCommand) => cmdHasArgs(c, [name], ['clean']) || removesCache(c);
        if (install < 0 || script.commands.slice(install + 1).some(cleans)) continue;
        const command = script.commands[install];
        const fix = chainAfter(script, command, `${name} clean all`, `Add \`${name} clean all\` after the install`);
        context.report({ range: spanTo(command, argNamed(command, ['install'])!), message: `\`${name} clean all\` missing after ${name} command.`, fixes: fix ? [fix] : [] });
      }
    }
  },
};
