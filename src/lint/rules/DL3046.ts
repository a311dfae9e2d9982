// DL3046: useradd records every user in /var/log/lastlog and faillog, sparse files indexed by
// uid; with a large uid they become gigabytes once the layer is written. `-l` (--no-log-init)
// skips them.
import { hasAnyFlag, insertAfterWord, isCommand, runsOf } from '../packages';
import type { ShellCommand, ShellWord } from '../shell';
import type { Rule } from '../rule';

/** The uid given with -u/--uid: the word holding the value, and the value itself. */
function uidOf(command: ShellCommand): { word: ShellWord; value: string } | undefined {
  for (const [i, arg] of command.args.entries()) {
    const v = arg.value;
    if (v === '-u' || v === '--uid') return command.args[i + 1] ? { word: command.args[i + 1], value: command.args[i + 1].value } : undefined;
    if (v.startsWith('--uid=')) return { word: arg, value: v.slice(6) };
    const cluster = /^-[A-Za-z]*u(.+)$/.exec(v);
    if (cluster && !v.startsWith('--')) return { word: arg, value: cluster[1] };
  }
  return undefined;
}

export const rule: Rule = {
  meta: { code: 'DL3046', severity: 'warning', source: 'hadolint', description: '`useradd` without flag `-l` and high UID will result in excessively large Image.' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      for (const command of script.commands) {
        if (!isCommand(command, ['useradd']) || hasAnyFlag(command, 'l', 'no-log-init')) continue;
        const uid = uidOf(command);
        if (!uid || uid.value.length <= 5) continue;
        context.report({ range: uid.word.range, fixes: [insertAfterWord(script, command.name!, '-l', 'Add -l (--no-log-init)')] });
      }
    }
  },
};
