// DL3040: dnf (and microdnf) keep downloaded packages and metadata in their cache; unless the
// same RUN cleans up after installing, that cache is baked into the layer. hadolint's test, for
// dnf and microdnf each: the first install-like command (install/in, upgrade/up,
// upgrade-minimal/up-min, reinstall/rei) comes before the first clean-up, the same tool with
// `clean` or `all`, or an `rm` with `-rf` or `/var/cache/libdnf5*`. A cache or tmpfs mount on
// /var/cache/libdnf5 or …/.cache/libdnf5 exempts the RUN. ONBUILD RUN is checked the same way.
import { argNamed, chainAfter, cmdHasArgs, hasCacheMountWith, installWithoutCleanAfter, runsCommand, runsOf, spanTo } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const installWords = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
const removesCache = (c: ShellCommand) => cmdHasArgs(c, ['rm'], ['-rf', '/var/cache/libdnf5*']);

export const rule: Rule = {
  meta: { code: 'DL3040', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`dnf clean all` missing after dnf command.' },
  check(context) {
    // Only a dnf or microdnf install is ever reported.
    if (!runsCommand(context, ['dnf', 'microdnf'])) return;
    for (const { script, instruction } of runsOf(context, true)) {
      if (hasCacheMountWith(instruction, '/var/cache/libdnf5') || hasCacheMountWith(instruction, '.cache/libdnf5')) continue;
      for (const name of ['dnf', 'microdnf']) {
        const isInstall = (c: ShellCommand) => cmdHasArgs(c, [name], installWords);
        const isClean = (c: ShellCommand) => cmdHasArgs(c, [name], ['clean', 'all']) || removesCache(c);
        const command = installWithoutCleanAfter(script, isInstall, isClean);
        if (!command) continue;
        const fix = chainAfter(script, command, `${name} clean all`, `Add \`${name} clean all\` after the install`);
        context.report({ range: spanTo(command, argNamed(command, installWords)!), message: `\`${name} clean all\` missing after ${name} command.`, fixes: fix ? [fix] : [] });
      }
    }
  },
};
