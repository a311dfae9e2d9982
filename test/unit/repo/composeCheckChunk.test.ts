// Repo check: Ajv and the Compose Specification's schema are not part of dist/extension.js but
// their own bundle, dist/composeCheck.js, required the first time a compose file is checked; and
// that bundle carries the schema (from the dclint package) and checks a file without VS Code.
import * as assert from 'node:assert/strict';
import { bundleOptions, productionBundle } from './productionBundles';

/** The schema's own title, and a message only Ajv has. */
const SCHEMA_MARK = 'The Compose file is a YAML file defining a multi-containers based application.';
const AJV_MARK = 'must NOT have additional properties';

describe('repo: the compose checker is a lazily loaded bundle', function () {
  this.timeout(60_000);
  let extension: string;
  let check: string;
  let chunk: string;

  before(async () => {
    extension = await productionBundle('extensionBuild');
    check = await productionBundle('composeCheckBuild');
    chunk = (await bundleOptions()).COMPOSE_CHECK_CHUNK;
  });

  it('dist/extension.js holds neither Ajv nor the schema, and requires the chunk beside it', () => {
    assert.ok(!extension.includes(SCHEMA_MARK) && !extension.includes(AJV_MARK));
    assert.ok(extension.includes(`require("${chunk}")`), `no require("${chunk}") in the extension bundle`);
  });

  it('dist/composeCheck.js carries the schema and checks a file in plain Node', () => {
    assert.ok(check.includes(SCHEMA_MARK));
    assert.ok(!/require\(["']vscode["']\)/.test(check));
    const mod = { exports: {} as { checkCompose?: (text: string) => { message: string }[] } };
    new Function('module', 'exports', 'require', check)(mod, mod.exports, require);
    assert.deepEqual(mod.exports.checkCompose?.('services:\n  web:\n    imagee: x\n').map((f) => f.message), ['"services.web" does not allow "imagee".']);
  });
});
