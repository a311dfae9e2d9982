// DL3067: `COPY --from=stage / /` drags the whole filesystem of the other stage (package
// caches, compilers, /proc leftovers) into this one, defeating the point of a multi-stage build.
import { Copy } from 'dockerfile-ast';
import { dropQuotes, fromFlag } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3067', reads: ['COPY'], severity: 'warning', source: 'hadolint', description: 'Do not copy an entire filesystem from another stage' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Copy) || !fromFlag(instruction)) continue;
      const json = instruction.getJSONStrings();
      const args = json.length > 0 ? json : instruction.getArguments();
      if (args.length < 2) continue;
      const value = (i: number) => dropQuotes(args[i].getValue());
      if (value(args.length - 1) !== '/') continue;
      const root = args.slice(0, -1).findIndex((_, i) => value(i) === '/');
      if (root >= 0) report({ range: args[root].getRange() });
    }
  },
};
