// Activation cost of the bundle: the time a fresh Node process takes to evaluate
// dist/extension.js (what VS Code pays before activate() runs), for the bundle as shipped and for
// the same bundle with dockerode's BuildKit session support left in (@grpc/grpc-js, protobufjs),
// which Wharf does not use (see scripts/lib/dockerodeWithoutBuildKit.cjs); and the Dockerfile
// editing bundle (dist/editing.js), which the extension evaluates only when a Dockerfile feature
// is first asked for, not on activation. All are production
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
const t0 = process.hrtime.bigint(); require(process.argv[2]); process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
`;

// tsc compiles import() to require() under CommonJS; the build options are an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Variant { name: string; file: string; samples: number[] }

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-bench-activation-'));
  try {
    const esbuild = await importEsm('esbuild') as { build(options: object): Promise<unknown> };
    const { extensionBuild, editingBuild } = await importEsm(join(root, 'scripts/lib/bundle.mjs')) as { extensionBuild(o: object): object; editingBuild(o: object): object };
    const variants: Variant[] = [
      { name: 'as shipped (BuildKit left out)', file: join(scratch, 'shipped.js'), samples: [] },
      { name: 'dockerode whole (with BuildKit)', file: join(scratch, 'whole.js'), samples: [] },
      { name: 'editing bundle (on first use)', file: join(scratch, 'editing.js'), samples: [] },
    ];
    for (const [i, variant] of variants.slice(0, 2).entries()) {
      await esbuild.build({ ...extensionBuild({ production: true, outfile: variant.file, buildKit: i === 1 }), absWorkingDir: root, logLevel: 'warning' });
    }
    await esbuild.build({ ...editingBuild({ production: true, outfile: variants[2].file }), absWorkingDir: root, logLevel: 'warning' });
    const script = join(scratch, 'evaluate.js');
    writeFileSync(script, evaluator);
    const typings = join(root, 'node_modules/@types/vscode/index.d.ts');
    const once = (variant: Variant): number => {
      const child = spawnSync(process.execPath, [script, variant.file, typings], { encoding: 'utf8' });
      const value = Number(child.stdout);
      if (child.status !== 0 || !Number.isFinite(value)) throw new Error(`evaluating ${variant.name} failed: ${child.stderr}`);
      return value;
    };
    for (const variant of variants) once(variant); // warm the file cache
    for (let i = 0; i < runs; i++) for (const variant of (i % 2 ? [...variants].reverse() : variants)) variant.samples.push(once(variant));

    const [shipped, whole, editing] = variants.map((v) => ({ ...v, figures: figures(v.samples), bytes: statSync(v.file).size }));
    console.log(`Activation: evaluating the production bundle in a fresh node process, ${runs} interleaved runs each`);
    console.log(table(['bundle', 'size', 'evaluate, median', 'p90'], [shipped, whole, editing].map((v) => [v.name, `${(v.bytes / 1024).toFixed(0)} KB`, ms(v.figures.median), ms(v.figures.p90)])));
    console.log(`shipped ÷ whole: ${ratio(shipped.figures.median / whole.figures.median)} time, ${ratio(shipped.bytes / whole.bytes)} size`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
