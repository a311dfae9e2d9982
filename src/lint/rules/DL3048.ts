// DL3048: Docker's label key convention: lowercase letters, digits, dots and dashes, starting with
// a letter, ending with a letter or digit, no doubled separators, and none of the namespaces
// Docker reserves for itself.
import { labelPairs } from '../labelSchema';
import type { Rule } from '../rule';

const reservedNamespaces = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

export function isValidLabelKey(key: string): boolean {
  return /^[a-z](?:[a-z0-9.-]*[a-z0-9])?$/.test(key)
    && !key.includes('..') && !key.includes('--')
    && !reservedNamespaces.some((ns) => key.startsWith(ns));
}

export const rule: Rule = {
  meta: { code: 'DL3048', severity: 'style', source: 'hadolint', description: 'Invalid label key.' },
  check({ dockerfile, report }) {
    for (const pair of labelPairs(dockerfile)) {
      if (!isValidLabelKey(pair.name)) report({ range: pair.nameRange, message: `Invalid label key \`${pair.name}\`.` });
    }
  },
};
