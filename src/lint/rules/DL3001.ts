// DL3001: interactive or system-management commands do nothing useful while building an image.
import { runsCommand } from '../packages';
import { commandsNamed, runScripts } from '../shell';
import type { Rule } from '../rule';

const pointless = ['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'];

export const rule: Rule = {
  meta: {
    code: 'DL3001', perInstruction: true, severity: 'info', source: 'hadolint',
    description: 'For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`',
  },
  check({ dockerfile, text, report }) {
    // Only these commands are ever reported.
    if (!runsCommand({ dockerfile, text }, pointless)) return;
    for (const { script } of runScripts(dockerfile, text)) {
      for (const command of commandsNamed(script, ...pointless)) {
        if (command.name) report({ range: command.name.range });
      }
    }
  },
};
