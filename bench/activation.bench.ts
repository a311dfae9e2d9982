// Activation cost of the bundle: the time a fresh Node process takes to evaluate
// dist/extension.js (what VS Code pays before activate() runs), for the bundle as shipped, for the
// same bundle with Wharf's BuildKit build (src/docker/buildkit, shipped apart as dist/buildkit.js)
// put inside it, and with dockerode's own BuildKit session support left in (@grpc/grpc-js,
// protobufjs), which Wharf does not use (see scripts/lib/dockerodeWithoutBuildKit.cjs); and the
// two chunks evaluated on first use, not on activation: the Dockerfile editing bundle
// (dist/editing.js) and the BuildKit build (dist/buildkit.js). WHARF_BENCH_ACTIVATION_BASELINE
// names another dist/extension.js (a build of an earlier commit) to compare with. All are production
// builds made here with the options of scripts/lib/bundle.mjs; runs are interleaved, each in its
// own process, so a noisy machine slows both alike. `vscode` is a stand-in object with the API's
// top-level names: evaluation reads them, activation (which needs a real VS Code) is not timed.
// Reports figures, never passes or fails. Standalone:
//   npx tsc -p tsconfig.test.json && node out/bench/activation.bench.js
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { figures, ms, ratio, table } from './lib/figures';

const root = resolve(__dirname, '../..');
const runs = Number(process.env.WHARF_BENCH_ACTIVATION_RUNS ?? 21);

// Runs in the child: a fake `vscode`, then the timed require of the bundle.
const evaluator = `
const fs = require('fs'); const Module = require('module');
const names = [...fs.readFileSync(process.argv[3], 'utf8').matchAll(/^\\s*export (?:class|namespace|enum|function|const|let|var) (\\w+)/gm)].map((m) => m[1]);
const anything = () => new Proxy(function () {}, { get: (_, key) => (key === 'then' || typeof key === 'symbol') ? undefined : anything(), construct: () => anything(), apply: () => anything() });
const vscode = {}; for (const name of new Set(names)) vscode[name] = anything();
const load = Module._load; Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint(); require(process.argv[2]);
const wall = Number(process.hrtime.bigint() - t0) / 1e6; const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));
`;

// tsc compiles import() to require() under CommonJS; the build options are an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

// Wall time is what a user waits; CPU time (user + system of the evaluating process) is steadier
// on a machine that other work keeps busy, where wall time mostly measures the wait for a core.
interface Variant { name: string; file: string; samples: number[]; cpu: number[] }

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-activation-'));
  try {
    const esbuild = await importEsm('esbuild') as { build(options: object): Promise<unknown> };
    const bundles = await importEsm(join(root, 'scripts/lib/bundle.mjs')) as { extensionBuild(o: object): object; editingBuild(o: object): object; buildKitBuild(o: object): object };
    const made: { name: string; options: (outfile: string) => object }[] = [
      { name: 'as shipped (BuildKit build apart)', options: (outfile) => bundles.extensionBuild({ production: true, outfile }) },
      { name: 'BuildKit build inside', options: (outfile) => bundles.extensionBuild({ production: true, outfile, buildKitInline: true }) },
      { name: 'dockerode whole (its gRPC session)', options: (outfile) => bundles.extensionBuild({ production: true, outfile, buildKit: true }) },
      { name: 'editing bundle (on first use)', options: (outfile) => bundles.editingBuild({ production: true, outfile }) },
      { name: 'BuildKit bundle (on first build)', options: (outfile) => bundles.buildKitBuild({ production: true, outfile }) },
    ];
    const variants: Variant[] = [];
    for (const [i, { name, options }] of made.entries()) {
      const file = join(scratch, `variant${i}.js`);
      await esbuild.build({ ...options(file), absWorkingDir: root, logLevel: 'warning' });
      variants.push({ name, file, samples: [], cpu: [] });
    }
    const baseline = process.env.WHARF_BENCH_ACTIVATION_BASELINE;
    if (baseline) variants.push({ name: `baseline (${baseline})`, file: resolve(baseline), samples: [], cpu: [] });
    const script = join(scratch, 'evaluate.js');
    writeFileSync(script, evaluator);
    const typings = join(root, 'node_modules/@types/vscode/index.d.ts');
    const once = (variant: Variant): { wall: number; cpu: number } => {
      const child = spawnSync(process.execPath, [script, variant.file, typings], { encoding: 'utf8' });
      const value = (() => { try { return JSON.parse(child.stdout) as { wall: number; cpu: number }; } catch { return undefined; } })();
      if (child.status !== 0 || !value || !Number.isFinite(value.wall)) throw new Error(`evaluating ${variant.name} failed: ${child.stderr}`);
      return value;
    };
    for (const variant of variants) once(variant); // warm the file cache
    for (let i = 0; i < runs; i++) {
      for (const variant of (i % 2 ? [...variants].reverse() : variants)) {
        const { wall, cpu } = once(variant);
        variant.samples.push(wall);
        variant.cpu.push(cpu);
      }
    }

    const measured = variants.map((v) => ({ ...v, figures: figures(v.samples), cpuFigures: figures(v.cpu), bytes: statSync(v.file).size }));
    const [shipped, inside, whole] = measured;
    console.log(`Activation: evaluating the production bundle in a fresh node process, ${runs} interleaved runs each`);
    console.log(table(['bundle', 'size', 'evaluate, median', 'p90', 'CPU, median'], measured.map((v) => [v.name, `${(v.bytes / 1024).toFixed(1)} KB`, ms(v.figures.median), ms(v.figures.p90), ms(v.cpuFigures.median)])));
    const compare = (other: typeof shipped): string => `${ratio(shipped.figures.median / other.figures.median)} time, ${ratio(shipped.cpuFigures.median / other.cpuFigures.median)} CPU, ${ratio(shipped.bytes / other.bytes)} size`;
    console.log(`shipped ÷ BuildKit build inside: ${compare(inside)}`);
    console.log(`shipped ÷ dockerode whole: ${compare(whole)}`);
    if (baseline) console.log(`shipped ÷ baseline: ${compare(measured[measured.length - 1])}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
