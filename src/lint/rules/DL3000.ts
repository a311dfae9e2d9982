// DL3000: a relative WORKDIR depends on whatever the previous WORKDIR (or the base image) was.
import { Workdir } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3000', reads: ['WORKDIR'], severity: 'error', source: 'hadolint', description: 'Use absolute WORKDIR.' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Workdir)) continue;
      const args = instruction.getArguments();
      if (args.length === 0) continue;
      const path = args.map((a) => a.getValue()).join(' ').replace(/^["']|["']$/g, '');
      // A variable may hold an absolute path; C:\ or D:/ are absolute on Windows images.
      if (path.startsWith('/') || path.startsWith('$') || /^[A-Z]:/i.test(path)) continue;
      report({ range: { start: args[0].getRange().start, end: args[args.length - 1].getRange().end } });
    }
  },
};
