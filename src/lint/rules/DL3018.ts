// DL3018: `apk add pkg` takes the repository's current version; pin `pkg=version` (or `~version`).
import { argsWithoutFlags, runsCommand } from '../packages';
import { commandsNamed, hasArg, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3018', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  },
  check({ dockerfile, text, report }) {
    // Only an apk add is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apk'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apk')) {
        if (!hasArg(command, 'add')) continue;
        for (const pkg of argsWithoutFlags(command, ['t', 'virtual', 'repository', 'X'])) {
          const name = pkg.value;
          // Any of = ~ > < pins (`pkg>1.2`, `pkg<2`), as in hadolint.
          if (name === 'add' || /[=~<>]/.test(name) || name.endsWith('.apk')) continue;
          report({ range: pkg.range });
        }
      }
    }
  },
};
