// Entry point under the bench runner's naming (out/bench/*.bench.js); the benchmark lives in
// explorerLatency.ts. `npm run bench` runs it against a private dockerd. Standalone, against an
// engine you started: npm run build && npx tsc -p tsconfig.test.json &&
// WHARF_BENCH_DOCKER_SOCKET=/path/docker.sock node out/bench/explorer.bench.js
import './explorerLatency';
