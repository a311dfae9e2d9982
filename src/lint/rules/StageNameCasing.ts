// StageNameCasing: BuildKit lowercases stage names, so `AS Builder` and `--from=builder` are the
// same stage; writing them in lowercase keeps definitions and references visibly identical.
import { Copy, From, Run, type Dockerfile } from 'dockerfile-ast';
import type { Rule, TextEdit } from '../rule';

export const rule: Rule = {
  meta: { code: 'StageNameCasing', severity: 'warning', source: 'buildkit', description: 'Stage names should be lowercase' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const name = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (!name || !range || name === name.toLowerCase()) continue;
      const lower = name.toLowerCase();
      const edits: TextEdit[] = [{ range, newText: lower }, ...referenceEdits(dockerfile, lower, range.start.line)];
      report({
        range,
        message: `Stage name '${name}' should be lowercase`,
        fixes: [{ title: `Rename stage '${name}' to '${lower}'`, edits }],
      });
    }
  },
};

/** Edits that lowercase every later reference to the stage: FROM <stage>, COPY --from, RUN --mount from=. */
function referenceEdits(dockerfile: Dockerfile, lower: string, definedOnLine: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const add = (value: string | null, range: TextEdit['range'] | null) => {
    if (value && range && value.toLowerCase() === lower && value !== lower) edits.push({ range, newText: lower });
  };
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getRange().start.line <= definedOnLine) continue;
    if (instruction instanceof From) {
      const image = instruction.getArguments()[0];
      if (image) add(image.getValue(), image.getRange());
    } else if (instruction instanceof Copy) {
      for (const flag of instruction.getFlags()) if (flag.getName() === 'from') add(flag.getValue(), flag.getValueRange());
    } else if (instruction instanceof Run) {
      for (const flag of instruction.getFlags()) {
        if (flag.getName() !== 'mount') continue;
        for (const option of flag.getOptions()) if (option.getName() === 'from') add(option.getValue(), option.getValueRange());
      }
    }
  }
  return edits;
}
