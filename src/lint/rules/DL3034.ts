// DL3034: a build has no terminal to answer zypper's confirmation prompt; without -y
// (--no-confirm) the command aborts or hangs instead of installing.
import { argNamed, cmdHasArgs, hasAnyFlag, insertAfterWord, runsCommand, runsOf, spanTo } from '../packages';
import type { Rule } from '../rule';

const prompting = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];
// Subcommands documented to take -y; for the others only the diagnostic is offered.
const fixable = new Set(['install', 'in', 'remove', 'rm']);

export const rule: Rule = {
  meta: { code: 'DL3034', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Non-interactive switch missing from `zypper` command: `zypper install -y`' },
  check(context) {
    // Only zypper is ever reported.
    if (!runsCommand(context, ['zypper'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['zypper'], prompting)) continue;
        if (hasAnyFlag(command, 'y', 'no-confirm', 'n', 'non-interactive')) continue;
        const sub = argNamed(command, prompting)!;
        context.report({ range: spanTo(command, sub), fixes: fixable.has(sub.value) ? [insertAfterWord(script, sub, '-y', 'Add -y')] : [] });
      }
    }
  },
};
