// DL3048: Docker's label key convention as hadolint checks it: lowercase letters, digits, dots,
// dashes, underscores and slashes, starting with a letter, ending with a letter or digit, no `..`
// or `--`, and none of the namespaces Docker reserves for itself.
import { labelPairs } from '../labelSchema';
import type { Rule } from '../rule';

const reservedNamespaces = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

export function isValidLabelKey(key: string): boolean {
  return /^[a-z](?:[a-z0-9._/-]*[a-z0-9])?$/.test(key)
    && !key.includes('..') && !key.includes('--')
    && !reservedNamespaces.some((ns) => key.startsWith(ns));
}

export const rule: Rule = {
  meta: { code: 'DL3048', reads: ['LABEL'], severity: 'style', source: 'hadolint', description: 'Invalid label key.' },
  check({ dockerfile, report }) {
    for (const pair of labelPairs(dockerfile)) {
      if (!isValidLabelKey(pair.name)) report({ range: pair.nameRange, message: `Invalid label key \`${pair.name}\`.` });
    }
  },
};
