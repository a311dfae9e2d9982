// InvalidPort: EXPOSE takes port[/protocol] or a range start-end[/protocol] with ports 0–65535
// and protocol tcp, udp or sctp; `EXPOSE 70000` or `EXPOSE http` makes the build fail. A host
// mapping (`8080:80`) is ExposeInvalidFormat's concern; here only its container port is checked.
// A well-formed port number that is merely too large (`EXPOSE 99999`) is DL3011's, which hadolint
// users know and configure, so it is not reported twice; inside ONBUILD, where DL3011 does not
// look, it is reported here.
import type { Rule } from '../rule';
import { instructionsWithTriggers } from '../syntax/builder';
import { outOfRangePort } from './DL3011';

const protocols = new Set(['tcp', 'udp', 'sctp']);
const tooLarge = 'ports go up to 65535';

export const rule: Rule = {
  meta: { code: 'InvalidPort', perInstruction: true, severity: 'error', source: 'builder', description: 'Invalid port in EXPOSE' },
  check({ dockerfile, report }) {
    const topLevel = new Set(dockerfile.getInstructions());
    for (const instruction of instructionsWithTriggers(dockerfile)) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        // A variable's value is only known at build time.
        if (value.includes('$')) continue;
        const problem = portProblem(value.replace(/^["']|["']$/g, ''));
        if (problem === tooLarge && topLevel.has(instruction) && outOfRangePort(value)) continue;
        if (problem) report({ range: arg.getRange(), message: `Invalid port '${value}' in EXPOSE: ${problem}` });
      }
    }
  },
};

/** Why a port spec is rejected, or undefined when it is valid. */
export function portProblem(spec: string): string | undefined {
  const slash = spec.indexOf('/');
  const proto = slash < 0 ? undefined : spec.slice(slash + 1);
  const ports = slash < 0 ? spec : spec.slice(0, slash);
  if (proto !== undefined && !protocols.has(proto.toLowerCase())) return `unknown protocol '${proto}' (use tcp, udp or sctp)`;
  const container = ports.slice(ports.lastIndexOf(':') + 1);
  if (container === '') return 'no port number';
  const range = /^(\d+)(?:-(\d+))?$/.exec(container);
  if (!range) return 'not a port number';
  const start = Number(range[1]);
  const end = range[2] === undefined ? start : Number(range[2]);
  if (start > 65535 || end > 65535) return tooLarge;
  if (end < start) return `range end ${end} is below its start ${start}`;
  return undefined;
}
