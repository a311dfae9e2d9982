// Stands in for dockerode's BuildKit modules (lib/session.js and lib/buildkit.js) in the bundle.
// Wharf's BuildKit builds use its own session and status decoder (src/docker/buildkit/, bundled
// apart as dist/buildkit.js) and never ask dockerode for its gRPC session or progress decoding,
// yet dockerode loads its session module eagerly: bundling it would add @grpc/grpc-js and
// protobufjs (~380 KB) and double dockerode's load time at activation. Should a future change call
// into BuildKit through dockerode, it fails loudly here instead of silently doing nothing.
'use strict';

function unavailable() {
  throw new Error('Wharf is bundled without dockerode\'s BuildKit session support (scripts/build.mjs); use src/docker/buildkit.');
}

module.exports = unavailable;
module.exports.followProgress = unavailable;
