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
    const clustered = v.startsWith('--') ? undefined : clusteredUid(v);
    if (clustered !== undefined) return { word: arg, value: clustered };
  }
  return undefined;
}

/**
 * `-lu1000` → "1000": an option cluster whose last `u` (among its leading letters) is followed
 * by the value. One pass over the word; a pattern with two quantifiers over letters backtracked
 * quadratically on long words.
 */
function clusteredUid(word: string): string | undefined {
  if (word[0] !== '-') return undefined;
  let u = -1;
  for (let i = 1; i < word.length - 1 && /[A-Z]/i.test(word[i]); i++) if (word[i] === 'u') u = i;
  const value = u < 0 ? '' : word.slice(u + 1);
  return value !== '' && !/[\n\r\u2028\u2029]/.test(value) ? value : undefined;
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
