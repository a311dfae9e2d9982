// DL3011: ports above 65535 do not exist; the builder would accept the line and the run fail.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3011', severity: 'error', source: 'hadolint', description: 'Valid UNIX ports range from 0 to 65535' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        if (value.includes('$')) continue;
        const ports = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value);
        if (!ports) continue; // malformed ports are the builder rules' business
        if (Number(ports[1]) > 65535 || (ports[2] !== undefined && Number(ports[2]) > 65535)) report({ range: arg.getRange() });
      }
    }
  },
};
