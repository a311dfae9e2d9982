// DL3011: ports above 65535 do not exist; the builder would accept the line and the run fail.
// DL3011 owns a well-formed port number (or range) that is out of range, as in hadolint;
// InvalidPort (builder) reports the malformed ones and leaves these to it (see outOfRangePort).
import type { Rule } from '../rule';

/** A well-formed `port[-port][/proto]` with a port above 65535: what DL3011 reports. */
export function outOfRangePort(value: string): boolean {
  if (value.includes('$')) return false;
  const ports = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value);
  return ports !== null && (Number(ports[1]) > 65535 || (ports[2] !== undefined && Number(ports[2]) > 65535));
}

export const rule: Rule = {
  meta: { code: 'DL3011', perInstruction: true, severity: 'error', source: 'hadolint', description: 'Valid UNIX ports range from 0 to 65535' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      // Malformed ports are the builder rules' business.
      for (const arg of instruction.getArguments()) if (outOfRangePort(arg.getValue())) report({ range: arg.getRange() });
    }
  },
};
