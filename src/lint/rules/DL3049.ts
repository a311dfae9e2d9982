// DL3049: every label the configured label-schema requires must be set in each stage. A stage
// inherits the labels of the stage it is built FROM, and a stage used only as a `COPY --from`
// source (a builder) is not an image anyone ships, so it is not asked for labels.
import { Copy, From, Label } from 'dockerfile-ast';
import { fromFlag, imageOf } from '../packages';
import type { Range, Rule } from '../rule';

interface Stage { alias?: string; image: string; keyword: Range; labels: Set<string>; copiedFrom: boolean }

export const rule: Rule = {
  meta: { code: 'DL3049', severity: 'info', source: 'hadolint', description: 'Label is missing.' },
  check({ dockerfile, settings, report }) {
    const required = Object.keys(settings.labelSchema);
    if (required.length === 0) return;
    const stages: Stage[] = [];
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const image = imageOf(instruction);
        // Labels set in the parent stage are part of this image too.
        const parent = [...stages].reverse().find((s) => s.alias !== undefined && s.alias === image);
        stages.push({ alias: instruction.getBuildStage() ?? undefined, image, keyword: instruction.getInstructionRange(), labels: new Set(parent?.labels), copiedFrom: false });
      } else if (instruction instanceof Label) {
        const stage = stages[stages.length - 1];
        for (const p of instruction.getProperties()) stage?.labels.add(p.getName());
      } else if (instruction instanceof Copy) {
        const from = fromFlag(instruction)?.getValue();
        for (const stage of stages) if (from && stage.alias === from) stage.copiedFrom = true;
      }
    }
    for (const stage of stages) {
      if (stage.copiedFrom) continue;
      for (const label of required) {
        if (!stage.labels.has(label)) report({ range: stage.keyword, message: `Label \`${label}\` is missing.` });
      }
    }
  },
};
