// Entry point under the bench runner's naming (out/bench/*.bench.js); the benchmark lives in
// explorerLatency.ts. Standalone: npm run build && npx tsc -p tsconfig.test.json && node out/bench/explorer.bench.js
import './explorerLatency';
