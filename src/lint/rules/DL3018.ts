// DL3018: `apk add pkg` takes the repository's current version; pin `pkg=version` (or `~version`).
import { commandsNamed, hasArg, positionalArgs, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3018', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  },
  check({ dockerfile, text, report }) {
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apk')) {
        if (!hasArg(command, 'add')) continue;
        for (const pkg of positionalArgs(command, ['-t', '--virtual', '--repository', '-X'])) {
          const name = pkg.value;
          if (name === 'add' || name.includes('=') || name.includes('~') || name.endsWith('.apk')) continue;
          report({ range: pkg.range });
        }
      }
    }
  },
};
