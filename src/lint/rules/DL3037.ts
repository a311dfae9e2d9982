// DL3037: an unpinned `zypper install pkg` installs whatever the repository has today, so the
// same Dockerfile builds different images over time. Pin with `pkg=<version>` (or a bound such
// as `pkg>=1.2`).
import { argsWithoutFlags, cmdHasArgs, runsCommand, runsOf } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3037', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Specify version with `zypper install -y <package>=<version>`.' },
  check(context) {
    // Only a zypper install is ever reported.
    if (!runsCommand(context, ['zypper'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['zypper'], ['install', 'in'])) continue;
        // As hadolint: every non-flag word but the sub-command, variables included.
        const packages = argsWithoutFlags(command).filter((w) => w.value !== 'install' && w.value !== 'in');
        for (const word of packages.filter((p) => !/[=<>]/.test(p.value) && !p.value.endsWith('.rpm'))) {
          context.report({ range: word.range, message: `Specify version with \`zypper install -y ${word.value}=<version>\`.` });
        }
      }
    }
  },
};
