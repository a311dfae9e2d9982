import { rule } from '../../../../src/lint/rules/DL3026';
import { testRule } from '../ruleTester';

const trusted = { trustedRegistries: ['registry.example:5000', 'ghcr.io'] };

testRule(rule, {
  valid: [
    // No trusted registries configured: the rule is inactive.
    'FROM evil.example/app:1\n',
    { code: 'FROM ghcr.io/org/app:1\n', settings: trusted },
    { code: 'FROM registry.example:5000/team/app:1.2\n', settings: trusted },
    { code: 'FROM scratch\n', settings: trusted },
    { code: 'FROM ghcr.io/org/app:1 AS base\nFROM base\n', settings: trusted },
    { code: 'FROM debian:12\n', settings: { trustedRegistries: ['docker.io'] } },
    { code: 'ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/org/app:1\n', settings: trusted },
  ],
  invalid: [
    { code: 'FROM debian:12\n', settings: trusted, errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12, message: 'docker.io' }] },
    { code: 'FROM quay.io/org/app:1\n', settings: trusted, errors: [{ line: 1, column: 6, endColumn: 13, message: 'quay.io' }] },
    { code: 'FROM registry.example:5001/team/app:1\n', settings: trusted, errors: [{ line: 1, column: 6, endColumn: 27 }] },
    { code: 'FROM ghcr.io/a:1 AS a\nFROM --platform=linux/arm64 docker.io/library/alpine:3 AS b\n', settings: trusted, errors: [{ line: 2, column: 29, endColumn: 38 }] },
    { code: 'FROM localhost:5000/app:1\n', settings: { trustedRegistries: ['docker.io'] }, errors: [{ line: 1, column: 6, endColumn: 20 }] },
  ],
});
