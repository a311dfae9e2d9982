// DL3016: `npm install pkg` resolves to whatever is newest at build time; pin `pkg@version`.
// hadolint's reading: `install` must be the first non-flag word once the values of --loglevel and
// --registry are set aside (`npm --registry URL install x` is checked, `npm run install` is not);
// git URLs need a `#commit`/`#semver:`, tarballs and paths count as pinned.
import { argsWithoutFlags, runsOf } from '../packages';
import { commandsNamed, hasArg, type ShellWord } from '../shell';
import type { Rule } from '../rule';

const valueFlags = ['loglevel', 'registry'];
const gitPrefixes = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];

function pinned(pkg: string): boolean {
  if (gitPrefixes.some((p) => pkg.startsWith(p))) return pkg.includes('#');
  if (['.tar', '.tar.gz', '.tgz'].some((s) => pkg.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((p) => pkg.startsWith(p))) return true;
  return withoutScope(pkg).includes('@');
}

/**
 * A scoped name loses its scope before the `@version` test. hadolint drops the leading run of
 * characters that sort after `/`, so a scope with a `-` or `.` in it keeps its tail.
 */
function withoutScope(pkg: string): string {
  if (!pkg.startsWith('@')) return pkg;
  let i = 0;
  while (i < pkg.length && pkg[i] > '/') i++;
  return pkg.slice(i);
}

/** The package words after `install` (hadolint's stripInstallPrefix). */
function packagesOf(words: ShellWord[]): ShellWord[] {
  let i = words.findIndex((w) => w.value === 'install');
  if (i < 0) return [];
  while (i < words.length && words[i].value === 'install') i++;
  return words.slice(i);
}

export const rule: Rule = {
  meta: {
    code: 'DL3016', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  },
  check(context) {
    for (const { script } of runsOf(context, true)) {
      for (const command of commandsNamed(script, 'npm')) {
        if (!hasArg(command, 'install')) continue;
        const words = argsWithoutFlags(command, valueFlags);
        if (words[0]?.value !== 'install') continue;
        for (const pkg of packagesOf(words)) if (!pinned(pkg.value)) context.report({ range: pkg.range });
      }
    }
  },
};
