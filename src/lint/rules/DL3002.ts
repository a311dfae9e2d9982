// DL3002: a stage that ends as root runs its container as root; switch to an unprivileged user.
import { From, User } from 'dockerfile-ast';
import type { Range, Rule } from '../rule';

function isRoot(user: string): boolean {
  return user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:');
}

export const rule: Rule = {
  meta: { code: 'DL3002', reads: ['FROM', 'USER'], severity: 'warning', source: 'hadolint', description: 'Last USER should not be root' },
  check({ dockerfile, report }) {
    // Per stage, the last USER wins: remember a root USER until a later non-root one clears it.
    let lastRoot: Range | undefined;
    const flush = () => { if (lastRoot) report({ range: lastRoot }); lastRoot = undefined; };
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) flush();
      else if (instruction instanceof User) {
        const args = instruction.getArguments();
        if (args.length === 0) continue;
        lastRoot = isRoot(args[0].getValue()) ? args[0].getRange() : undefined;
      }
    }
    flush();
  },
};
