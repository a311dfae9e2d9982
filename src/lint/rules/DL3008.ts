// DL3008: `apt-get install pkg` installs whatever version the mirror has today; pin `pkg=version`
// so rebuilds are reproducible. One finding per unpinned package, on the package name.
import { runsCommand } from '../packages';
import { commandsNamed, hasArg, positionalArgs, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3008', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
  },
  check({ dockerfile, text, report }) {
    // Only an apt-get install is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apt-get'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apt-get')) {
        if (!hasArg(command, 'install')) continue;
        for (const pkg of positionalArgs(command, ['-t', '--target-release'])) {
          const name = pkg.value;
          // name=version, a release-qualified name/suite, or a local .deb file are pinned.
          if (name === 'install' || name.includes('=') || name.includes('/') || name.endsWith('.deb')) continue;
          report({ range: pkg.range });
        }
      }
    }
  },
};
