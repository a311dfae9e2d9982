// Repo check: the Dockerfile editing service and dockerfile-language-service are not part of
// dist/extension.js (what VS Code evaluates on activation) but their own bundle, dist/editing.js,
// which the extension requires only when a Dockerfile feature is first asked for; and that bundle
// runs without VS Code. Built in memory with the options of scripts/lib/bundle.mjs.
import * as assert from 'node:assert/strict';
import { bundleOptions, productionBundle } from './productionBundles';

/** A string only dockerfile-language-service has (a command id of its code actions). */
const LIBRARY_MARK = 'docker.command.convertToLowercase';

describe('repo: the editing service is a lazily loaded bundle', function () {
  this.timeout(60_000);
  let extension: string;
  let editing: string;
  let chunk: string;

  before(async () => {
    extension = await productionBundle('extensionBuild');
    editing = await productionBundle('editingBuild');
    chunk = (await bundleOptions()).EDITING_CHUNK;
  });

  it('dist/extension.js holds no dockerfile-language-service and requires the chunk beside it', () => {
    assert.ok(!extension.includes(LIBRARY_MARK), 'dockerfile-language-service is bundled into the extension');
    assert.ok(extension.includes(`require("${chunk}")`), `no require("${chunk}") in the extension bundle`);
  });

  it('dist/editing.js holds the library and never requires vscode', () => {
    assert.ok(editing.includes(LIBRARY_MARK));
    assert.ok(!/require\(["']vscode["']\)/.test(editing));
  });
});
