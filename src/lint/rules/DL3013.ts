// DL3013: `pip install pkg` takes whatever PyPI has today; pin `pkg==version`, or install from a
// requirements or constraints file.
import { baseName, hasArg, hasFlag, positionalArgs, runScripts, type ShellCommand } from '../shell';
import type { Rule } from '../rule';

// pip options whose value is a separate word (not a package).
const valueFlags = ['--abi', '-b', '--build', '-e', '--editable', '--extra-index-url', '-f', '--find-links', '-i', '--index-url',
  '--implementation', '--no-binary', '--only-binary', '--platform', '--prefix', '--progress-bar', '--proxy', '--python-version',
  '--root', '--src', '-t', '--target', '--trusted-host', '--upgrade-strategy'];
const vcsSchemes = /^(?:git|hg|svn|bzr)(?:\+[a-z-]+)?(?::|$)/;
const versionOperators = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];

function isPipInstall(command: ShellCommand): boolean {
  if (!command.name || !hasArg(command, 'install')) return false;
  const name = baseName(command.name.value);
  if (/^pip[0-9.]*$/.test(name)) return true;
  const mIndex = command.args.findIndex((a) => a.value === '-m');
  return /^python[0-9.]*$/.test(name) && mIndex >= 0 && command.args[mIndex + 1]?.value === 'pip';
}

function pinned(pkg: string): boolean {
  if (versionOperators.some((op) => pkg.includes(op))) return true;
  if (vcsSchemes.test(pkg)) return pkg.includes('@');
  return pkg.endsWith('.whl') || pkg.endsWith('.tar.gz') || pkg.includes('/');
}

export const rule: Rule = {
  meta: {
    code: 'DL3013', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`',
  },
  check({ dockerfile, text, report }) {
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of script.commands) {
        if (!isPipInstall(command)) continue;
        if (hasArg(command, '-r', '--requirement', '.') || hasFlag(command, '-c', '--constraint')) continue;
        const words = positionalArgs(command, valueFlags);
        const install = words.findIndex((w) => w.value === 'install');
        for (const pkg of words.slice(install + 1)) {
          if (pkg.value !== 'install' && !pinned(pkg.value)) report({ range: pkg.range });
        }
      }
    }
  },
};
