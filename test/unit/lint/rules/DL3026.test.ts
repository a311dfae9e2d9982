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
    // hadolint's parser finds no registry in `localhost:5000/app` (no `.`): it is a Docker Hub image.
    { code: 'FROM localhost:5000/app:1\n', settings: { trustedRegistries: ['docker.io'] } },
    { code: 'FROM mirror.corp.example/debian:12\n', settings: { trustedRegistries: ['*.corp.example'] } },
    { code: 'FROM registry.corp/debian:12\n', settings: { trustedRegistries: ['registry.*'] } },
    { code: 'FROM anything.example/debian:12\n', settings: { trustedRegistries: ['*'] } },
    { code: 'FROM ghcr.io/org/app:1 AS build\nFROM ghcr.io/org/run:1\nCOPY --from=build /out /out\n', settings: trusted },
    { code: 'FROM ghcr.io/org/app:1\nCOPY --from=ghcr.io/org/tools:1 /bin/t /bin/t\n', settings: trusted },
    { code: 'FROM ghcr.io/org/app:1\nRUN --mount=type=cache,target=/root/.cache make\n', settings: trusted },
  ],
  invalid: [
    { code: 'FROM debian:12\n', settings: trusted, errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12, message: 'docker.io' }] },
    { code: 'FROM quay.io/org/app:1\n', settings: trusted, errors: [{ line: 1, column: 6, endColumn: 13, message: 'quay.io' }] },
    { code: 'FROM registry.example:5001/team/app:1\n', settings: trusted, errors: [{ line: 1, column: 6, endColumn: 27 }] },
    { code: 'FROM ghcr.io/a:1 AS a\nFROM --platform=linux/arm64 docker.io/library/alpine:3 AS b\n', settings: trusted, errors: [{ line: 2, column: 29, endColumn: 38 }] },
    // Variables are not expanded: `${REGISTRY}/org/app` has no registry hadolint can read.
    { code: 'ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/org/app:1\n', settings: trusted, errors: [{ line: 2, column: 6 }] },
    { code: 'FROM mirror.other.example/debian:12\n', settings: { trustedRegistries: ['*.corp.example'] }, errors: [{ line: 1, column: 6, endColumn: 26 }] },
    { code: 'FROM ghcr.io/org/app:1\nCOPY --from=quay.io/org/tools:1 /bin/t /bin/t\n', settings: trusted, errors: [{ line: 2, column: 13 }] },
    { code: 'FROM ghcr.io/org/app:1\nCOPY --from=alpine:3 /bin/sh /bin/sh\n', settings: trusted, errors: [{ line: 2, column: 13 }] },
    { code: 'FROM ghcr.io/org/app:1\nRUN --mount=type=bind,from=quay.io/x/y:1,target=/src make\n', settings: trusted, errors: [{ line: 2, column: 5 }] },
  ],
});
