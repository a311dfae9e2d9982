// DL3057: without HEALTHCHECK the engine only knows whether the process runs, not whether it
// serves. A stage built FROM a stage that has one inherits it. Off by default, as in hadolint:
// many images are health-checked by their orchestrator instead.
import { From } from 'dockerfile-ast';
import { imageOf } from '../packages';
import type { Range, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3057', severity: 'info', source: 'hadolint', description: '`HEALTHCHECK` instruction missing.', enabledByDefault: false },
  check({ dockerfile, report }) {
    const stages: { name: string; keyword: Range; healthy: boolean }[] = [];
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const image = imageOf(instruction);
        const inherited = stages.some((s) => s.healthy && s.name === image);
        stages.push({ name: instruction.getBuildStage() ?? image, keyword: instruction.getInstructionRange(), healthy: inherited });
      } else if (instruction.getKeyword() === 'HEALTHCHECK' && stages.length > 0) {
        stages[stages.length - 1].healthy = true;
      }
    }
    for (const stage of stages) if (!stage.healthy) report({ range: stage.keyword });
  },
};
