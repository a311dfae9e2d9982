// The image-reference grammar behind InvalidDefaultArgInFrom and the Pull and Tag input boxes.
import * as assert from 'node:assert/strict';
import { isImageReference } from '../../../src/lint/reference';

describe('isImageReference (the Pull and Tag input check)', () => {
  it('accepts what the engine accepts', () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    for (const ok of [
      'busybox', 'busybox:1.36', 'library/busybox:latest', 'registry:5000/team/app:tag', '127.0.0.1:5000/app:1',
      'localhost/app', 'Registry.Example.COM/team/app', '[::1]:5000/app', 'a__b/c--d/e.f_g', `busybox@${digest}`,
      `busybox:1.36@${digest}`, 'ghcr.io/o/r:v1.2.3-rc.1_x', `app:${'t'.repeat(128)}`, `a/${'b'.repeat(253)}`,
    ]) assert.ok(isImageReference(ok), ok);
  });

  it('rejects what the engine rejects', () => {
    for (const bad of [
      '', 'Busybox', 'busybox:', ':tag', 'app:-tag', `app:${'t'.repeat(129)}`, 'a..b', 'a___b', '-a', 'a-', 'a//b', '/a', 'a/',
      'a b', 'host:port/app', 'bad-.host/app', '[::1/app', 'app@sha256:abc', 'app@:0123456789abcdef0123456789abcdef', `a/${'b'.repeat(254)}`,
      'app@1sha:0123456789abcdef0123456789abcdef', 'app@sha256:0123456789abcdef0123456789abcdeg',
    ]) assert.ok(!isImageReference(bad), bad);
  });
});
