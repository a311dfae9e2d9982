// SecretsUsedInArgOrEnv: ARG and ENV values are stored in the image's history and config, so a
// password passed that way ships with the image. BuildKit flags names that contain a secret-like
// word (token, password, key, …) as a whole underscore-separated part, unless a part says it is
// public, a file (a path to the secret) or a version.
import { Arg, Env } from 'dockerfile-ast';
import type { Rule } from '../rule';

const secretWord = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const publicWord = /(?:^|_)(?:public|file|version)(?:_|$)/i;

export const rule: Rule = {
  meta: { code: 'SecretsUsedInArgOrEnv', reads: ['ARG', 'ENV'], severity: 'warning', source: 'buildkit', description: 'Sensitive data should not be used in the ARG or ENV commands' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Arg || instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        if (!secretWord.test(name) || publicWord.test(name)) continue;
        report({
          range: property.getNameRange(),
          message: `Do not use ARG or ENV instructions for sensitive data (${instruction.getKeyword()} "${name}")`,
        });
      }
    }
  },
};
