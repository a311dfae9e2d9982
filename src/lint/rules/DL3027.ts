// DL3027: `apt` is meant for people at a terminal (its interface may change between releases);
// scripts use apt-get/apt-cache. The fix renames apt → apt-get for subcommands apt-get has too.
import { runsCommand } from '../packages';
import { commandsNamed, runScripts, subcommand } from '../shell';
import type { Rule } from '../rule';

const sameInAptGet = new Set(['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'dist-upgrade', 'source', 'build-dep', 'download', 'satisfy']);

export const rule: Rule = {
  meta: {
    code: 'DL3027', perInstruction: true, severity: 'warning', source: 'hadolint',
    description: 'Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead',
  },
  check({ dockerfile, text, report }) {
    // Only apt is ever reported.
    if (!runsCommand({ dockerfile, text }, ['apt'])) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, 'apt')) {
        const name = command.name;
        if (!name || name.value !== 'apt') continue;
        const sub = subcommand(command, ['-o', '-c', '-t'])?.value;
        const fixable = sub !== undefined && sameInAptGet.has(sub);
        report({
          range: name.range,
          fixes: fixable ? [{ title: 'Use apt-get', edits: [{ range: name.range, newText: script.form === 'exec' ? '"apt-get"' : 'apt-get' }] }] : [],
        });
      }
    }
  },
};
