// DL3028: `gem install name` takes the newest release; pin `name:version` (or `-v`).
import { runsCommand } from '../packages';
import { commandsNamed, hasArg, runScripts } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3028', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`',
  },
  check({ dockerfile, text, report }) {
    // Only a gem install is ever reported.
    if (!runsCommand({ dockerfile, text }, ['gem'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'gem')) {
        if (!hasArg(command, 'install', 'i')) continue;
        if (hasArg(command, '-v', '--version') || command.args.some((a) => a.value.startsWith('--version='))) continue;
        // Words after `--` are build options for the gem's native extension, not gems.
        const end = command.args.findIndex((a) => a.value === '--');
        const words = command.args.slice(0, end < 0 ? undefined : end);
        // hadolint takes every option to have a value: the word after an option is no gem.
        for (let i = 0; i < words.length; i++) {
          const gem = words[i];
          if (gem.value.startsWith('-')) { i++; continue; }
          if (gem.value === 'install' || gem.value === 'i' || gem.value.includes(':')) continue;
          report({ range: gem.range });
        }
      }
    }
  },
};
