// DL3046: useradd records every user in /var/log/lastlog and faillog, sparse files indexed by
// uid; with a large uid they become gigabytes once the layer is written. `-l` (--no-log-init)
// skips them. hadolint's reading: a -u/--uid flag is present, and the word after a `-u` (also
// one ending a cluster such as `-mu`) is longer than 5 characters. `--uid N` and `-uN` carry no
// such word and are not reported.
import { flagsOf, hasAnyFlag, insertAfterWord, isCommand, runsCommand, runsOf } from '../packages';
import type { ShellCommand, ShellWord } from '../shell';
import type { Rule } from '../rule';

/** The value words of the `u` flags: the argument right after each flag's own. */
function uidWords(command: ShellCommand): ShellWord[] {
  return flagsOf(command).filter((f) => f.name === 'u').flatMap((f) => command.args[f.arg + 1] ?? []);
}

export const rule: Rule = {
  meta: { code: 'DL3046', perInstruction: true, severity: 'warning', source: 'hadolint', description: '`useradd` without flag `-l` and high UID will result in excessively large Image.' },
  check(context) {
    // Only useradd is ever reported.
    if (!runsCommand(context, ['useradd'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!isCommand(command, ['useradd']) || hasAnyFlag(command, 'l', 'no-log-init') || !hasAnyFlag(command, 'u', 'uid')) continue;
        const uid = uidWords(command).find((w) => w.value.length > 5);
        if (uid) context.report({ range: uid.range, fixes: [insertAfterWord(script, command.name!, '-l', 'Add -l (--no-log-init)')] });
      }
    }
  },
};
