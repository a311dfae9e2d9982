// DL3036: zypper keeps downloaded packages and repository metadata in its cache; unless the
// same RUN runs `zypper clean` after installing, the cache is baked into the layer. hadolint's
// test: the first `zypper install`/`in` comes before the first `zypper clean`/`cc`; a cache or
// tmpfs mount on /var/cache/zypp exempts the RUN. ONBUILD RUN is checked the same way.
import { argNamed, chainAfter, cmdHasArgs, hasCacheMountWith, installWithoutCleanAfter, runsCommand, runsOf, spanTo } from '../packages';
import type { ShellCommand } from '../shell';
import type { Rule } from '../rule';

const installWords = ['install', 'in'];
const isInstall = (c: ShellCommand) => cmdHasArgs(c, ['zypper'], installWords);
const isClean = (c: ShellCommand) => cmdHasArgs(c, ['zypper'], ['clean', 'cc']);

export const rule: Rule = {
  meta: { code: 'DL3036', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`zypper clean` missing after zypper use.' },
  check(context) {
    // Only a zypper install is ever reported.
    if (!runsCommand(context, ['zypper'])) return;
    for (const { script, instruction } of runsOf(context, true)) {
      if (hasCacheMountWith(instruction, '/var/cache/zypp')) continue;
      const command = installWithoutCleanAfter(script, isInstall, isClean);
      if (!command) continue;
      const fix = chainAfter(script, command, 'zypper clean', 'Add `zypper clean` after the install');
      context.report({ range: spanTo(command, argNamed(command, installWords)!), fixes: fix ? [fix] : [] });
    }
  },
};
