// DL4006: a pipeline's status is that of its last command, so `curl … | tar x` succeeds even
// when the download failed. With `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` the RUN fails
// as it should. Non-POSIX shells (PowerShell, cmd) have no pipefail and are not checked, named
// as hadolint recognises them: at the start of the SHELL's text.
import { Run, Shell } from 'dockerfile-ast';
import { hasAnyFlag, scriptLookup } from '../packages';
import { baseName, parseShell } from '../shell';
import { rangeOfOffsets } from '../syntax/text';
import type { Rule } from '../rule';

const nonPosixShells = ['pwsh', 'powershell', 'cmd'];
const pipefailShells = new Set(['bash', 'zsh', 'ash']);

export const rule: Rule = {
  meta: { code: 'DL4006', perInstruction: true, context: ['FROM', 'SHELL'], severity: 'warning', source: 'hadolint', description: 'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check' },
  check(context) {
    const { dockerfile, text, report } = context;
    const scriptOf = scriptLookup(context);
    let safe = false;
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') safe = false;
      else if (instruction instanceof Shell) safe = shellIsSafe(instruction.getJSONStrings().map((s) => s.getJSONValue()));
      else if (instruction instanceof Run && !safe) {
        const commands = scriptOf(instruction)?.commands ?? [];
        const left = commands.findIndex((c, i) => (c.after === '|' || c.after === '|&') && commands[i + 1] !== undefined);
        if (left < 0) continue;
        // Point at the pipe itself, where the script's reader found it (the text between the two
        // commands may hold continuations and comment lines with a `|` of their own).
        const pipe = commands[left].afterAt;
        if (pipe) report({ range: rangeOfOffsets(text, pipe.start, pipe.end) });
      }
    }
  },
};

/**
 * As hadolint reads a SHELL (its arguments as one shell text): a text that starts with a
 * non-POSIX shell's name is never checked — the name as written, so a path to PowerShell is not
 * one; otherwise bash, zsh or ash (any path) given `-o` and `pipefail` makes pipes safe.
 */
function shellIsSafe(args: string[]): boolean {
  const text = args.join(' ');
  if (nonPosixShells.some((shell) => text.startsWith(shell))) return true;
  return parseShell(text).commands.some((command) => command.name !== undefined && pipefailShells.has(baseName(command.name.value))
    && hasAnyFlag(command, 'o') && command.args.some((arg) => arg.value === 'pipefail'));
}
