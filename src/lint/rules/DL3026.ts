// DL3026: with `trustedRegistries` configured, base images must come from one of them. An image
// without a registry comes from Docker Hub, trusted when docker.io or hub.docker.com is listed.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3026', severity: 'error', source: 'hadolint', description: 'Use only an allowed registry in the FROM image' },
  check({ dockerfile, settings, report }) {
    const trusted = new Set(settings.trustedRegistries);
    if (trusted.size === 0) return;
    const stages = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const image = instruction.getImageName();
      const stage = instruction.getBuildStage();
      const registry = instruction.getRegistry();
      const range = instruction.getRegistryRange() ?? instruction.getImageNameRange();
      const allowed = !image || image.includes('$') || (registry ?? '').includes('$') || stages.has(image.toLowerCase())
        || (registry ? trusted.has(registry) : image === 'scratch' || trusted.has('docker.io') || trusted.has('hub.docker.com'));
      if (!allowed && range) report({ range, message: `Use only an allowed registry in the FROM image: ${registry ?? 'docker.io'} is not trusted` });
      if (stage) stages.add(stage.toLowerCase());
    }
  },
};
