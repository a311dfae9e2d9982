// DL3049: every label the configured label-schema requires must be set in each stage. A stage
// inherits the labels of the stage it is built FROM, and a stage used only as a `COPY --from`
// source (a builder) is not an image anyone ships, so it is not asked for labels. As in hadolint,
// a stage that sets a label also answers for the stages named like it (its own name, or for a
// stage without a name, the image it is built FROM).
import { Copy, From, Label } from 'dockerfile-ast';
import { fromFlag, imageOf } from '../packages';
import type { Range, Rule } from '../rule';

interface Stage { alias?: string; image: string; keyword: Range; labels: Set<string>; copiedFrom: boolean; answered: Set<string> }

export const rule: Rule = {
  meta: { code: 'DL3049', reads: ['ARG', 'FROM', 'LABEL', 'COPY'], severity: 'info', source: 'hadolint', description: 'Label is missing.' },
  check({ dockerfile, settings, report }) {
    const required = Object.keys(settings.labelSchema);
    if (required.length === 0) return;
    const stages: Stage[] = [];
    const byAlias = new Map<string, Stage[]>();
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const image = imageOf(instruction);
        // Labels set in the parent stage are part of this image too.
        const parents = byAlias.get(image) ?? [];
        const parent = parents[parents.length - 1];
        const alias = instruction.getBuildStage() ?? undefined;
        const stage: Stage = { alias, image, keyword: instruction.getInstructionRange(), labels: new Set(parent?.labels), copiedFrom: false, answered: new Set() };
        stages.push(stage);
        if (alias !== undefined) {
          const named = byAlias.get(alias);
          if (named) named.push(stage); else byAlias.set(alias, [stage]);
        }
      } else if (instruction instanceof Label) {
        const stage = stages[stages.length - 1];
        if (!stage) continue;
        const names = instruction.getProperties().map((p) => p.getName());
        for (const name of names) stage.labels.add(name);
        for (const named of byAlias.get(stage.alias ?? stage.image) ?? []) for (const name of names) named.answered.add(name);
      } else if (instruction instanceof Copy) {
        const from = fromFlag(instruction)?.getValue();
        for (const stage of (from && byAlias.get(from)) || []) stage.copiedFrom = true;
      }
    }
    for (const stage of stages) {
      if (stage.copiedFrom) continue;
      for (const label of required) {
        if (!stage.labels.has(label) && !stage.answered.has(label)) report({ range: stage.keyword, message: `Label \`${label}\` is missing.` });
      }
    }
  },
};
