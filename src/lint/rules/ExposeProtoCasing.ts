// ExposeProtoCasing: EXPOSE protocols are `tcp`, `udp` or `sctp` in lowercase; other casings are
// accepted today only by normalisation and read inconsistently next to `-p 80/tcp`.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'ExposeProtoCasing', reads: ['EXPOSE'], severity: 'warning', source: 'buildkit', description: 'Protocol in EXPOSE instruction should be lowercase' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        const slash = value.lastIndexOf('/');
        if (slash < 0) continue;
        const proto = value.slice(slash + 1);
        if (proto === proto.toLowerCase() || proto.includes('$')) continue;
        const start = arg.getRange().start;
        const range = { start: { line: start.line, character: start.character + slash + 1 }, end: arg.getRange().end };
        if (range.end.line !== start.line) continue;
        report({
          range,
          message: `Defined protocol '${value}' in EXPOSE instruction should be lowercase`,
          fixes: [{ title: `Write '${proto.toLowerCase()}'`, edits: [{ range, newText: proto.toLowerCase() }] }],
        });
      }
    }
  },
};
