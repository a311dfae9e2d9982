// DL3064: ARG and ENV values end up in the image metadata and its history, readable by anyone
// who can pull the image; secrets belong in build secrets (`RUN --mount=type=secret`).
import { Arg, Env, Onbuild, type Instruction } from 'dockerfile-ast';
import type { Rule } from '../rule';

const knownSensitiveNames = new Set([
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CF_USERNAME', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER', 'DOCKERHUB_PASSWORD', 'DOCKER_EMAIL', 'DOCKER_PASSWORD', 'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN',
  'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'HEROKU_API_KEY',
  'HEROKU_API_USER', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_AUTHN_GROUPID', 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY', 'OS_PASSWORD', 'OS_USERNAME',
  'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'STRIPE_DEVICE_NAME', 'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS', 'TRAVIS_SUDO', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN',
]);
const suspiciousParts = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

export function looksSensitive(name: string): boolean {
  const lower = name.toLowerCase();
  return knownSensitiveNames.has(name.toUpperCase()) || suspiciousParts.some((part) => lower.includes(part));
}

export const rule: Rule = {
  meta: { code: 'DL3064', reads: ['ARG', 'ENV', 'ONBUILD'], severity: 'warning', source: 'hadolint', description: 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands' },
  check({ dockerfile, report }) {
    const visit = (instruction: Instruction) => {
      if (!(instruction instanceof Arg) && !(instruction instanceof Env)) return;
      for (const property of instruction.getProperties()) {
        if (looksSensitive(property.getName())) {
          report({ range: property.getNameRange(), message: `Potentially sensitive data should not be used in the \`${instruction.getKeyword()}\` command (\`${property.getName()}\`)` });
        }
      }
    };
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof Onbuild) {
        const trigger = instruction.getTriggerInstruction();
        if (trigger) visit(trigger);
      } else visit(instruction);
    }
  },
};
