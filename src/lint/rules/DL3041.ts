// DL3041: an unpinned `dnf install pkg` installs whatever the repository has today, so the same
// Dockerfile builds different images over time. Pin with `pkg-<version>`; a module stream is
// pinned with `module:stream`.
import { argsNoFlags, cmdHasArgs, runsOf, unpinned } from '../packages';
import type { Rule } from '../rule';

const dnf = ['dnf', 'microdnf'];

/** `name-1.2.3` or `name-1.2-3.el9`: after the name, dash-separated parts that look like a version. */
export function hasDnfVersion(pkg: string): boolean {
  // A local .rpm file is one exact build (hadolint still asks for a dash in its name).
  if (pkg.endsWith('.rpm')) return true;
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  const rest = parts.slice(1);
  return rest.every((p) => /^[\w.~^:+]*$/.test(p)) && rest.some((p) => /^\d/.test(p));
}

export const rule: Rule = {
  meta: { code: 'DL3041', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Specify version with `dnf install -y <package>-<version>`.' },
  check(context) {
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!cmdHasArgs(command, dnf, ['install'])) continue;
        const isModule = cmdHasArgs(command, dnf, ['module']);
        if (!isModule && cmdHasArgs(command, dnf, ['group'])) continue;
        const packages = argsNoFlags(command, ['install', 'module']);
        const loose = isModule ? unpinned(packages, (p) => p.includes(':')) : unpinned(packages, hasDnfVersion);
        for (const word of loose) {
          context.report({ range: word.range, message: isModule ? `Specify the module stream with \`dnf module install ${word.value}:<stream>\`.` : `Specify version with \`dnf install -y ${word.value}-<version>\`.` });
        }
      }
    }
  },
};
