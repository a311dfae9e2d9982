// DL3047: wget's default progress bar writes a line per few kilobytes when there is no
// terminal, so a large download floods the build log. `--progress=dot:giga`, `-q` or `-nv`
// keep it readable.
import { hasAnyFlag, insertAfterWord, isCommand, runsCommand, runsOf } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3047', perInstruction: true, severity: 'info', source: 'hadolint', description: 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).' },
  check(context) {
    // Only wget is ever reported.
    if (!runsCommand(context, ['wget'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!isCommand(command, ['wget'])) continue;
        if (hasAnyFlag(command, 'progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose')) continue;
        if (command.args.some((a) => a.value === '-nv')) continue;
        context.report({ range: command.name!.range, fixes: [insertAfterWord(script, command.name!, '--progress=dot:giga', 'Add --progress=dot:giga')] });
      }
    }
  },
};
