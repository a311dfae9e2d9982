// WorkdirRelativePath: a relative WORKDIR resolves against whatever directory the base image
// left set, so the result changes when the base image does. As in BuildKit only the first WORKDIR
// of a stage (counting the stage it builds on) is checked: any WORKDIR, relative too, sets the
// directory every later one is relative to, and fixing the first fixes them all.
import { Workdir } from 'dockerfile-ast';
import { stagesOf } from '../buildkit';
import { textOf } from '../syntax/text';
import type { Rule } from '../rule';

/** Absolute POSIX or Windows paths, and paths starting with a variable (unknown until build). */
const anchored = /^(?:[/\\$]|[A-Z]:[/\\])/i;

export const rule: Rule = {
  meta: { code: 'WorkdirRelativePath', reads: ['FROM', 'WORKDIR'], severity: 'warning', source: 'buildkit', description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes' },
  check({ dockerfile, text, report }) {
    const stages = stagesOf(dockerfile);
    const absoluteSet = stages.map(() => false);
    stages.forEach((stage, index) => {
      let absolute = stage.parent !== undefined && absoluteSet[stage.parent];
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Workdir)) continue;
        const args = instruction.getArguments();
        if (args.length === 0) continue;
        // Raw text: with `# escape=`` a Windows path keeps its backslashes.
        const path = textOf(text, args[0].getRange()).replace(/^["']|["']$/g, '');
        if (!absolute && !anchored.test(path)) {
          const range = { start: args[0].getRange().start, end: args[args.length - 1].getRange().end };
          report({ range, message: `Relative workdir "${path}" can have unexpected results if the base image changes` });
        }
        absolute = true;
      }
      absoluteSet[index] = absolute;
    });
  },
};
