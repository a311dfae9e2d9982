// ExposeInvalidFormat: EXPOSE documents container ports only. An IP address or a host-port
// mapping (`8080:80`, `127.0.0.1:80:80`) belongs to `docker run -p`; in a Dockerfile it is
// deprecated and the host part is ignored.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'ExposeInvalidFormat', reads: ['EXPOSE'], severity: 'warning', source: 'buildkit', description: 'IP address and host-port mapping should not be used in EXPOSE instruction' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const value = arg.getValue();
        // ${PORT:-80} has a colon of its own.
        if (!value.replace(/\$\{[^}]*\}/g, '').includes(':')) continue;
        report({ range: arg.getRange(), message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${value}'` });
      }
    }
  },
};
