// DL3013: `pip install pkg` takes whatever PyPI has today; pin `pkg==version`, or install from a
// requirements or constraints file. hadolint's reading: any command whose name starts with `pip`
// (pip3, pipx; not pipenv) or `python … -m pip install`; -r/--requirement/`.` and -c/--constraint
// exempt the command; a version operator, a VCS URL with `@ref`, a wheel or sdist file, or a
// non-VCS path pins a package.
import { argsWithoutFlags, hasAnyFlag, runsCommand, runsOf } from '../packages';
import { hasArg, type ShellCommand, type ShellWord } from '../shell';
import type { Rule } from '../rule';

// pip options whose value is a separate word (not a package).
const valueFlags = ['abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url',
  'implementation', 'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python', 'python-version',
  'root', 'root-user-action', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy'];
const vcsSchemes = ['git+file', 'git+https', 'git+ssh', 'git+http', 'git+git', 'git', 'hg+file', 'hg+http', 'hg+https', 'hg+ssh',
  'hg+static-http', 'svn', 'svn+svn', 'svn+http', 'svn+https', 'svn+ssh', 'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp'];
const versionOperators = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];

/** A command name isPipInstall may accept: pip… but pipenv, or python… (`-m pip`). */
export function isPipName(name: string): boolean {
  return (name.startsWith('pip') && !name.startsWith('pipenv')) || name.startsWith('python');
}

export function isPipInstall(command: ShellCommand): boolean {
  if (!command.name || !isPipName(command.name.value)) return false;
  // hadolint's Shell.isPipInstall: the name as written starts with pip (or python for `-m pip`).
  const name = command.name.value;
  const args = command.args.map((a) => a.value);
  if (name.startsWith('pip') && !name.startsWith('pipenv')) return args.includes('install');
  return name.startsWith('python') && args.some((a, i) => a === '-m' && args[i + 1] === 'pip' && args[i + 2] === 'install');
}

function pinned(pkg: string): boolean {
  if (versionOperators.some((op) => pkg.includes(op))) return true;
  const vcs = vcsSchemes.some((s) => pkg.startsWith(s));
  if (vcs && pkg.includes('@')) return true;
  return pkg.endsWith('.whl') || pkg.endsWith('.tar.gz') || (!vcs && pkg.includes('/'));
}

/** The words after the first `install` (hadolint's stripInstallPrefix). */
function afterInstall(words: ShellWord[]): ShellWord[] {
  let i = words.findIndex((w) => w.value === 'install');
  if (i < 0) return [];
  while (i < words.length && words[i].value === 'install') i++;
  return words.slice(i);
}

export const rule: Rule = {
  meta: {
    code: 'DL3013', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`',
  },
  check(context) {
    // Only a pip install is ever reported.
    if (!runsCommand(context, isPipName)) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!isPipInstall(command)) continue;
        if (hasArg(command, '-r', '--requirement', '.') || hasAnyFlag(command, 'c', 'constraint')) continue;
        for (const pkg of afterInstall(argsWithoutFlags(command, valueFlags))) {
          if (!pinned(pkg.value)) context.report({ range: pkg.range });
        }
      }
    }
  },
};
