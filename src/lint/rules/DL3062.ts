// DL3062: `go install pkg` without `@version` resolves to whatever is newest (or, in a module,
// to go.mod's requirement), so the same Dockerfile builds different binaries over time.
import { argsNoFlags, isCommand, runsOf, unpinned } from '../packages';
import type { Rule } from '../rule';

// go build flags that take a separate value, whose value is not a package.
const valueFlags = ['-ldflags', '-gcflags', '-asmflags', '-tags', '-o', '-mod', '-modfile', '-p', '-pkgdir', '-toolexec', '-overlay', '-pgo', '-C', '-exec'];

/** Pinned (`pkg@v1.2.3`) or not a remote package at all (a path, a .go file, `./...`). */
function pinnedOrLocal(pkg: string): boolean {
  return /@./.test(pkg) || pkg.startsWith('.') || pkg.startsWith('/') || pkg.endsWith('.go');
}

export const rule: Rule = {
  meta: { code: 'DL3062', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      for (const command of script.commands) {
        if (!isCommand(command, ['go'])) continue;
        const [sub, ...rest] = argsNoFlags(command, [], valueFlags);
        if (!sub || !['install', 'get', 'run'].includes(sub.value)) continue;
        // `go run pkg arg…`: only the first word is a package; the rest are its arguments.
        const packages = sub.value === 'run' ? rest.slice(0, 1) : rest;
        for (const word of unpinned(packages, pinnedOrLocal)) {
          context.report({ range: word.range, message: `Pin versions in go ${sub.value}. Instead of \`go ${sub.value} ${word.value}\` use \`go ${sub.value} ${word.value}@<version>\`` });
        }
      }
    }
  },
};
