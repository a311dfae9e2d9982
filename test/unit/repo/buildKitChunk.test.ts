// Repo check: Wharf's BuildKit build (src/docker/buildkit/: the /session server and the status
// decoder) is not part of dist/extension.js but its own bundle, dist/buildkit.js, which
// src/docker/build.ts requires on the first BuildKit build; that bundle needs neither VS Code nor
// a gRPC or protobuf runtime. Built in memory with the options of scripts/lib/bundle.mjs.
import * as assert from 'node:assert/strict';
import { bundleOptions, productionBundle } from './productionBundles';

/** The gRPC method the session serves for `RUN --mount=type=secret`. */
const SESSION_MARK = '/moby.buildkit.secrets.v1.Secrets/GetSecret';

describe('repo: the BuildKit build is a lazily loaded bundle', function () {
  this.timeout(60_000);
  let extension: string;
  let buildKit: string;
  let chunk: string;

  before(async () => {
    extension = await productionBundle('extensionBuild');
    buildKit = await productionBundle('buildKitBuild');
    chunk = (await bundleOptions()).BUILDKIT_CHUNK;
  });

  it('dist/extension.js holds no session and requires the chunk beside it', () => {
    assert.ok(!extension.includes(SESSION_MARK), 'the BuildKit session is bundled into the extension');
    assert.ok(extension.includes(`require("${chunk}")`), `no require("${chunk}") in the extension bundle`);
  });

  it('dist/buildkit.js holds the session, requires no vscode, and no gRPC or protobuf runtime', () => {
    assert.ok(buildKit.includes(SESSION_MARK));
    assert.ok(!/require\(["']vscode["']\)/.test(buildKit));
    assert.ok(!/grpc-js|protobufjs/.test(buildKit));
    assert.ok(buildKit.length < 20_000, `${buildKit.length} characters`);
  });
});
