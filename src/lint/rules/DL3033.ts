// DL3033: an unpinned `yum install pkg` installs whatever the repository has today, so the
// same Dockerfile builds different images over time. Pin with `pkg-<version>`; a module
// stream is pinned with `module:stream`.
import { argsNoFlags, cmdHasArgs, runsOf, unpinned } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3033', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Specify version with `yum install -y <package>-<version>`.' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['yum'], ['install'])) continue;
        const isModule = command.args.some((a) => a.value === 'module');
        const packages = argsNoFlags(command, ['install', 'module']);
        const loose = isModule
          ? unpinned(packages, (p) => p.includes(':'))
          : unpinned(packages, (p) => p.includes('-') || p.endsWith('.rpm'));
        for (const word of loose) {
          context.report({ range: word.range, message: isModule ? `Specify the module stream with \`yum module install ${word.value}:<stream>\`.` : `Specify version with \`yum install -y ${word.value}-<version>\`.` });
        }
      }
    }
  },
};
