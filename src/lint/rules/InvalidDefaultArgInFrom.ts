// InvalidDefaultArgInFrom: a build must work without --build-arg. When the global ARGs' defaults
// (empty when an ARG has none) turn a FROM image into an empty or malformed reference, the plain
// `docker build .` fails.
import { From } from 'dockerfile-ast';
import { globalArgs } from '../buildkit';
import { isImageReference } from '../reference';
import type { Rule } from '../rule';

// Values BuildKit fills in for its platform arguments; any real platform gives the same validity.
const platformSamples: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
};

export const rule: Rule = {
  meta: { code: 'InvalidDefaultArgInFrom', reads: ['ARG', 'FROM'], severity: 'warning', source: 'buildkit', description: 'Default value for global ARG results in an empty or invalid base image name' },
  check({ dockerfile, report }) {
    const defaults = globalArgs(dockerfile);
    const stageNames = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const image = instruction.getArguments()[0];
      if (image && image.getValue().includes('$')) {
        const expanded = expand(image.getValue(), defaults);
        const valid = expanded !== '' && (isImageReference(expanded) || stageNames.has(expanded.toLowerCase()));
        if (!valid) report({ range: image.getRange(), message: `Default value for ARG ${image.getValue()} results in empty or invalid base image name` });
      }
      const stage = instruction.getBuildStage();
      if (stage) stageNames.add(stage.toLowerCase());
    }
  },
};

/** Expands $V, ${V}, ${V:-d}, ${V-d}, ${V:+a}, ${V+a} with the global defaults. */
function expand(word: string, defaults: Map<string, string | undefined>): string {
  return word.replace(/\$(?:\{([A-Z_]\w*)(?:(:?[-+])([^}]*))?\}|([A-Z_]\w*))/gi,
    (_match, braced: string | undefined, operator: string | undefined, operand: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      const declared = defaults.has(name);
      const value = defaults.get(name) ?? platformSamples[name] ?? '';
      const set = declared ? defaults.get(name) !== undefined : name in platformSamples;
      switch (operator) {
        case ':-': return value !== '' ? value : operand ?? '';
        case '-': return set ? value : operand ?? '';
        case ':+': return value !== '' ? operand ?? '' : '';
        case '+': return set ? operand ?? '' : '';
        default: return value;
      }
    });
}
