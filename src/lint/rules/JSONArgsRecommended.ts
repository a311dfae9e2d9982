// JSONArgsRecommended: shell-form CMD/ENTRYPOINT run under `/bin/sh -c`, so the program is not
// PID 1 and never sees SIGTERM. BuildKit stays quiet when the stage chose its shell with SHELL,
// which signals that running under a shell is deliberate.
import { Cmd, Entrypoint, Shell } from 'dockerfile-ast';
import { stagesOf } from '../buildkit';
import type { Fix, Rule } from '../rule';

// Words that mean the same in shell form and in a JSON array: no quotes, expansions or operators.
const plainWord = /^[\w./:=@%+,-]+$/;

export const rule: Rule = {
  meta: { code: 'JSONArgsRecommended', reads: ['FROM', 'SHELL', 'CMD', 'ENTRYPOINT'], severity: 'warning', source: 'buildkit', description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals' },
  check({ dockerfile, report }) {
    const stages = stagesOf(dockerfile);
    const hasShell = stages.map(() => false);
    stages.forEach((stage, index) => {
      let shellSet = stage.parent !== undefined && hasShell[stage.parent];
      for (const instruction of stage.instructions) {
        if (instruction instanceof Shell) shellSet = true;
        if (!(instruction instanceof Cmd || instruction instanceof Entrypoint) || shellSet) continue;
        const range = instruction.getArgumentsRange();
        const raw = instruction.getRawArgumentsContent();
        if (!range || raw === null || raw.trim().startsWith('[')) continue;
        const keyword = instruction.getKeyword();
        report({
          range,
          message: `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
          fixes: execFormFix(raw, range),
        });
      }
      hasShell[index] = shellSet;
    });
  },
};

function execFormFix(raw: string, range: Fix['edits'][number]['range']): Fix[] {
  if (range.start.line !== range.end.line) return [];
  const words = raw.trim().split(/\s+/);
  if (!words.every((w) => plainWord.test(w))) return [];
  const newText = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
  return [{ title: 'Use the exec (JSON) form', edits: [{ range, newText }] }];
}
