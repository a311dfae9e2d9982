// DL3019: `apk add --no-cache` fetches the index on the fly and leaves no cache in the layer, so
// neither `apk update` nor removing /var/cache/apk is needed.
import { hasCacheMountWith, runsCommand } from '../packages';
import { commandsNamed, hasArg, hasFlag, insertFlagAfter, runScripts, spanRange } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3019', perInstruction: true, severity: 'info', source: 'hadolint',
    description: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
  },
  check({ dockerfile, text, report }) {
    // Only an apk add is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apk'])) return;
    for (const { script, instruction } of runScripts(dockerfile, text)) {
      // A cache or tmpfs mount on /var/cache/apk keeps the index out of the layer (hadolint).
      if (hasCacheMountWith(instruction, '/var/cache/apk')) continue;
      for (const command of commandsNamed(script, 'apk')) {
        const add = command.args.find((a) => a.value === 'add');
        if (!add || !command.name || !hasArg(command, 'add') || hasFlag(command, '--no-cache')) continue;
        report({ range: spanRange(command.name, add), fixes: [insertFlagAfter(script, add, '--no-cache', 'Add --no-cache')] });
      }
    }
  },
};
