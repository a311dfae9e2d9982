// DL4001: curl and wget do the same job; having both in one image means two tools to patch and
// two sets of TLS and proxy behaviour to reason about. Once a stage has used both, each RUN that
// uses either is reported (at its first curl or wget).
import { Onbuild, Run, type Instruction } from 'dockerfile-ast';
import { runLookup } from '../packages';
import { commandsNamed } from '../shell';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4001', reads: ['FROM', 'RUN', 'ONBUILD'], severity: 'warning', source: 'hadolint', description: 'Either use Wget or Curl but not both' },
  check(context) {
    const { dockerfile, report } = context;
    const runOf = runLookup(context);
    // ONBUILD triggers run in another build: they keep their own tally, as in hadolint, which no
    // FROM resets (its ONBUILD pass sees the ONBUILD instructions alone).
    const main = new Set<string>();
    const onbuild = new Set<string>();
    const visit = (run: Instruction, tally: Set<string>) => {
      const found = runOf(run);
      if (!found) return;
      // Names and ranges do not move with the RUN's offset (RunScript.parsed).
      const tools = commandsNamed(found.parsed, 'curl', 'wget');
      for (const tool of tools) tally.add(tool.name!.value);
      if (tools.length > 0 && tally.size >= 2) report({ range: tools[0].name!.range });
    };
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() === 'FROM') main.clear();
      else if (instruction instanceof Run) visit(instruction, main);
      else if (instruction instanceof Onbuild) {
        const trigger = instruction.getTriggerInstruction();
        if (trigger?.getKeyword() === 'RUN') visit(trigger, onbuild);
      }
    }
  },
};
