// Repo check: the Dockerfile editing service and dockerfile-language-service are not part of
// dist/extension.js (what VS Code evaluates on activation) but their own bundle, dist/editing.js,
// which the extension requires only when a Dockerfile feature is first asked for; and that bundle
// runs without VS Code. Built in memory with the options of scripts/lib/bundle.mjs.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
// tsc compiles import() to require() under CommonJS; the build options are an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Esbuild { build(options: object): Promise<{ outputFiles: { text: string }[] }> }
interface Bundles { extensionBuild(o: object): object; editingBuild(o: object): object; EDITING_CHUNK: string }

/** A string only dockerfile-language-service has (a command id of its code actions). */
const LIBRARY_MARK = 'docker.command.convertToLowercase';

describe('repo: the editing service is a lazily loaded bundle', function () {
  this.timeout(60_000);
  let extension: string;
  let editing: string;
  let chunk: string;

  before(async () => {
    const esbuild = await importEsm('esbuild') as Esbuild;
    const bundles = await importEsm(join(root, 'scripts/lib/bundle.mjs')) as Bundles;
    const build = async (options: object) => (await esbuild.build({ ...options, absWorkingDir: root, write: false, logLevel: 'silent', sourcemap: false })).outputFiles[0].text;
    extension = await build(bundles.extensionBuild({ production: true }));
    editing = await build(bundles.editingBuild({ production: true }));
    chunk = bundles.EDITING_CHUNK;
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
