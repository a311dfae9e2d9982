// Stands in for dockerode's BuildKit modules (lib/session.js and lib/buildkit.js) in the bundle.
// Wharf builds with the classic builder API and never asks dockerode for a BuildKit session or
// for BuildKit progress decoding, yet dockerode loads its gRPC session module eagerly: bundling it
// would add @grpc/grpc-js and protobufjs (~380 KB) and double dockerode's load time at activation.
// Should a future change call into BuildKit through dockerode, it fails loudly here instead of
// silently doing nothing.
'use strict';

function unavailable() {
  throw new Error('Wharf is bundled without dockerode\'s BuildKit session support (scripts/build.mjs); build with the classic builder API.');
}

module.exports = unavailable;
module.exports.followProgress = unavailable;
