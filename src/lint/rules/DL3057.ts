// DL3057: without HEALTHCHECK the engine only knows whether the process runs, not whether it
// serves. A stage built FROM a stage that has one inherits it, and, as in hadolint, a HEALTHCHECK
// in a stage also counts for the earlier stages it is built from. Off by default, as in hadolint:
// many images are health-checked by their orchestrator instead.
import { From } from 'dockerfile-ast';
import { imageOf } from '../packages';
import type { Range, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3057', severity: 'info', source: 'hadolint', description: '`HEALTHCHECK` instruction missing.', enabledByDefault: false },
  check({ dockerfile, report }) {
    type Stage = { name: string; source: string; keyword: Range; healthy: boolean };
    const stages: Stage[] = [];
    // Stages not yet healthy, by name: each is marked once, so the walk up stays linear.
    const unhealthy = new Map<string, Stage[]>();
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const image = imageOf(instruction);
        const inherited = stages.some((s) => s.healthy && s.name === image);
        const stage = { name: instruction.getBuildStage() ?? image, source: image, keyword: instruction.getInstructionRange(), healthy: inherited };
        stages.push(stage);
        if (!inherited) {
          const named = unhealthy.get(stage.name);
          if (named) named.push(stage); else unhealthy.set(stage.name, [stage]);
        }
      } else if (instruction.getKeyword() === 'HEALTHCHECK' && stages.length > 0) {
        // The stage and, up the chain, the stages it is built from.
        const pending = [stages[stages.length - 1]];
        for (let stage = pending.pop(); stage; stage = pending.pop()) {
          stage.healthy = true;
          const parents = unhealthy.get(stage.source) ?? [];
          unhealthy.delete(stage.source);
          for (const parent of parents) if (!parent.healthy) pending.push(parent);
        }
      }
    }
    for (const stage of stages) if (!stage.healthy) report({ range: stage.keyword });
  },
};
