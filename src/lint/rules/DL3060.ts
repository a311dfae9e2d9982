// DL3060: yarn keeps every downloaded package in its global cache; unless the same RUN runs
// `yarn cache clean`, the cache is baked into the layer next to node_modules.
import { argNamed, chainAfter, cmdHasArgs, runsOf, spanTo } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3060', perInstruction: true, severity: 'info', source: 'hadolint', description: '`yarn cache clean` missing after `yarn install` was run.' },
  check(context) {
    for (const { script } of runsOf(context, false)) {
      if (script.commands.some((c) => cmdHasArgs(c, ['yarn'], ['cache']) && c.args.some((a) => a.value === 'clean'))) continue;
      for (const command of script.commands) {
        if (!cmdHasArgs(command, ['yarn'], ['install'])) continue;
        const fix = chainAfter(script, command, 'yarn cache clean', 'Add `yarn cache clean` after the install');
        context.report({ range: spanTo(command, argNamed(command, ['install'])!), fixes: fix ? [fix] : [] });
      }
    }
  },
};
