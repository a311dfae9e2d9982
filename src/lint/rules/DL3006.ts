// DL3006: an untagged FROM silently means `latest`, which changes under you.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3006', severity: 'warning', source: 'hadolint', description: 'Always tag the version of an image explicitly' },
  check({ dockerfile, report }) {
    const stageNames = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const image = instruction.getImageName();
      const range = instruction.getImageRange();
      const stage = instruction.getBuildStage();
      if (image && range && image !== 'scratch' && !image.includes('$') && !stageNames.has(image.toLowerCase())
        && instruction.getImageTag() === null && instruction.getImageDigest() === null) {
        report({ range });
      }
      if (stage) stageNames.add(stage.toLowerCase());
    }
  },
};
