// DL3006: an untagged FROM silently means `latest`, which changes under you. As in hadolint the
// image is read as written (build arguments are not expanded): `scratch`, a digest, an image
// starting with `$` and an earlier stage name (exact case) need no tag.
import { From } from 'dockerfile-ast';
import { hadolintImage } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3006', reads: ['FROM'], severity: 'warning', source: 'hadolint', description: 'Always tag the version of an image explicitly' },
  check({ dockerfile, report }) {
    const stageNames = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const word = instruction.getArguments()[0];
      const range = instruction.getImageRange() ?? word?.getRange();
      const stage = instruction.getBuildStage();
      const image = word ? hadolintImage(word.getValue()) : undefined;
      if (image && range && image.name !== 'scratch' && !image.name.startsWith('$') && !stageNames.has(image.name)
        && image.tag === undefined && image.digest === undefined) {
        report({ range });
      }
      if (stage) stageNames.add(stage);
    }
  },
};
