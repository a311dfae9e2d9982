// DL3016: `npm install pkg` resolves to whatever is newest at build time; pin `pkg@version`.
import { commandsNamed, positionalArgs, runScripts } from '../shell';
import type { Rule } from '../rule';

function pinned(pkg: string): boolean {
  if (/^git(?:\+ssh|\+https?)?:\/\//.test(pkg)) return pkg.includes('#');
  if (['.tar', '.tar.gz', '.tgz'].some((s) => pkg.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((p) => pkg.startsWith(p))) return true;
  // A scope (@scope/name) is not a version: look for @ after it.
  const unscoped = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  return unscoped.includes('@');
}

export const rule: Rule = {
  meta: {
    code: 'DL3016', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  },
  check({ dockerfile, text, report }) {
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'npm')) {
        const words = positionalArgs(command);
        if (words[0]?.value !== 'install') continue;
        for (const pkg of words.slice(1)) if (pkg.value !== 'install' && !pinned(pkg.value)) report({ range: pkg.range });
      }
    }
  },
};
