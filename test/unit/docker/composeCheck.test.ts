// Compose files against the Compose Specification's schema: what is flagged, what is not, and
// where (offsets asserted as line:column ranges).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeChecker, type ComposeFinding } from '../../../src/docker/composeCheck';

// The schema the bundle carries (src/docker/composeSchema.ts), read from the installed package.
const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'node_modules', 'dclint', 'schemas', 'compose.schema.json'), 'utf8')) as object;
const checkCompose = composeChecker(schema);

/** "line:col-line:col message" (0-based), as the editor would place it. */
function at(text: string, findings: ComposeFinding[]): string[] {
  const pos = (offset: number): string => {
    const before = text.slice(0, offset).split('\n');
    return `${before.length - 1}:${before[before.length - 1].length}`;
  };
  return findings.map((f) => `${pos(f.start)}-${pos(f.end)} ${f.message}`);
}

describe('compose: checking against the Compose Specification', () => {
  it('accepts a valid project, extensions (x-) and the obsolete version key', () => {
    const text = [
      'version: "3.9"',
      'x-common: &common {restart: unless-stopped}',
      'name: shop',
      'services:',
      '  db:',
      '    image: postgres:16',
      '    volumes: [data:/var/lib/postgresql/data]',
      '  web:',
      '    <<: *common',
      '    build: .',
      '    ports: ["127.0.0.1:8080:80", 9000]',
      '    depends_on:',
      '      db: {condition: service_healthy}',
      '    profiles: [debug]',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n');
    assert.deepEqual(checkCompose(text), []);
  });

  it('flags an unknown key on the key itself', () => {
    const text = 'services:\n  web:\n    imagee: nginx\n';
    assert.deepEqual(at(text, checkCompose(text)), ['2:4-2:10 "services.web" does not allow "imagee".']);
  });

  it('flags a value of the wrong type on the value', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports: 80\n';
    assert.deepEqual(at(text, checkCompose(text)), ['3:11-3:13 "services.web.ports" must be array.']);
  });

  it('flags a depends_on condition that Compose does not know', () => {
    const text = 'services:\n  db: {image: x}\n  web:\n    image: y\n    depends_on:\n      db: {condition: started}\n';
    const found = at(text, checkCompose(text));
    assert.deepEqual(found, ['5:22-5:29 "services.web.depends_on.db.condition" must be one of: "service_started", "service_healthy", "service_completed_successfully".']);
  });

  it('says once that a value has none of the accepted forms', () => {
    const text = 'services:\n  web:\n    image: x\n    depends_on: 5\n';
    assert.deepEqual(at(text, checkCompose(text)), ['3:16-3:17 "services.web.depends_on" has none of the forms Compose accepts here.']);
  });

  it('flags an unknown top-level key', () => {
    const text = 'service:\n  web: {image: x}\n';
    assert.deepEqual(at(text, checkCompose(text)), ['0:0-0:7 The file does not allow "service".']);
  });

  it('reports YAML it cannot read, and nothing of the schema then', () => {
    const found = checkCompose('services:\n  web:\n    image: [nginx\n');
    assert.equal(found.length > 0 && found.every((f) => f.message.startsWith('YAML: ')), true, JSON.stringify(found));
  });

  it('says nothing about an empty file', () => {
    assert.deepEqual(checkCompose(''), []);
    assert.deepEqual(checkCompose('# just a comment\n'), []);
  });
});
