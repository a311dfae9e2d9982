// The store at scale (issue 21, section 4): with 1,000 and then 10,000 containers (created, not
// started; labelled, removed at the end) and 1,000 tagged images (one commit each), on the
// private engine `npm run bench` starts:
//  - store load: a new store until its first full snapshot (median of WHARF_BENCH_SCALE_RUNS);
//  - memory the loaded store holds, per 1,000 containers (heap after a forced GC, the store kept
//    vs the same without it);
//  - images first load with 1,000 tagged images (what the tag index made linear).
// Reports, never judges. Optional: WHARF_BENCH_SCALE (1000,10000), WHARF_BENCH_SCALE_IMAGES
// (1000), WHARF_BENCH_SCALE_RUNS (5).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { resolveEndpoint } from '../src/docker/connect';
import { createEngineStore, type DockerEngineStore } from '../src/docker/store';
import { api, benchImage, benchSocket, pool } from './lib/engine';
import { figures, ms, table } from './lib/figures';

const SCALES = (process.env.WHARF_BENCH_SCALE ?? '1000,10000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const IMAGES = Number(process.env.WHARF_BENCH_SCALE_IMAGES ?? 1000);
const RUNS = Math.max(3, Number(process.env.WHARF_BENCH_SCALE_RUNS ?? 5));
const CONCURRENCY = 8;
const LABEL = 'wharf.bench.scale';
const runId = `${process.pid}-${Date.now().toString(36)}`;
const socket = benchSocket();
const image = benchImage();
const log = (line: string): void => console.log(`[scale] ${line}`);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = (): number => { gc(); gc(); return process.memoryUsage().heapUsed; };

function newStore(): DockerEngineStore {
  return createEngineStore({ endpoint: resolveEndpoint({ host: `unix://${socket}` }) });
}

async function load(): Promise<{ elapsed: number; containers: number; images: number }> {
  const start = performance.now();
  const store = newStore();
  await store.ready();
  const elapsed = performance.now() - start;
  const counts = { containers: store.containers().length, images: store.images().length };
  store.dispose();
  return { elapsed, ...counts };
}

/**
 * Heap the loaded store holds (containers, images, volumes, networks): with it loaded, minus after
 * it was disposed and its sockets closed (a store just disposed is still reachable for a moment,
 * which would hide one store's size inside the other measurement).
 */
async function storeHeap(count: number): Promise<number> {
  const store = newStore();
  await store.ready();
  const listed = store.containers().length;
  const withStore = heap();
  store.dispose();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const without = heap();
  if (listed < count) throw new Error(`the store held ${listed} containers, expected ${count}`);
  return withStore - without;
}

async function main(): Promise<void> {
  const made: string[] = [];
  const images: string[] = [];
  const rows: string[][] = [];
  try {
    const t0 = performance.now();
    const first = await pool(Array.from({ length: Math.min(IMAGES, SCALES[0] ?? 0) }, (_, i) => i), CONCURRENCY, async (i) => {
      const created = await api<{ Id: string }>(socket, 'POST', `/containers/create?name=wharf-scale-${runId}-${i}`, { Image: image, Cmd: ['sleep', '3600'], Labels: { [LABEL]: runId }, HostConfig: { NetworkMode: 'none' } });
      return created.Id;
    });
    made.push(...first);
    const tags = await pool(first.slice(0, IMAGES), CONCURRENCY, async (id, i) => {
      const repo = `wharf-scale-${runId}`;
      await api(socket, 'POST', `/commit?container=${id}&repo=${repo}&tag=t${i}&changes=${encodeURIComponent(`LABEL ${LABEL}=${runId}`)}`);
      return `${repo}:t${i}`;
    });
    images.push(...tags);
    log(`made ${made.length} containers and ${images.length} tagged images in ${Math.round(performance.now() - t0)} ms`);
    const imageLoads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const answer = await load();
      if (answer.images < images.length) throw new Error(`the store loaded ${answer.images} images, expected at least ${images.length}`);
      imageLoads.push(answer.elapsed);
    }
    const imageFigures = figures(imageLoads);
    rows.push([`store load with ${images.length} tagged images (and ${made.length} containers)`, ms(imageFigures.median), ms(imageFigures.p90), '–', '–']);

    let previous: { scale: number; held: number } | undefined;
    for (const scale of SCALES) {
      const more = scale - made.length;
      if (more > 0) {
        const t = performance.now();
        made.push(...await pool(Array.from({ length: more }, (_, i) => made.length + i), CONCURRENCY, async (i) => (await api<{ Id: string }>(socket, 'POST', `/containers/create?name=wharf-scale-${runId}-${i}`, { Image: image, Cmd: ['sleep', '3600'], Labels: { [LABEL]: runId }, HostConfig: { NetworkMode: 'none' } })).Id));
        log(`now ${made.length} containers (${more} more in ${Math.round(performance.now() - t)} ms)`);
      }
      const loads: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const answer = await load();
        if (answer.containers < scale) throw new Error(`the store loaded ${answer.containers} containers, expected at least ${scale}`);
        loads.push(answer.elapsed);
      }
      const f = figures(loads);
      const held = await storeHeap(scale);
      // Per 1,000 containers: between two scales, so the images and the rest do not count.
      const perThousand = previous ? ((held - previous.held) / (scale - previous.scale)) * 1000 : undefined;
      const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
      log(`${scale} containers: load ${loads.map((l) => Math.round(l)).join(', ')} ms; the store holds ${mib(held)}${perThousand === undefined ? '' : `, ${mib(perThousand)} per 1,000 containers`}`);
      rows.push([`store load with ${scale} containers`, ms(f.median), ms(f.p90), mib(held), perThousand === undefined ? '–' : mib(perThousand)]);
      previous = { scale, held };
    }
    console.log(`\nThe store at scale (${RUNS} runs each)\n${table(['Figure', 'median', 'p90', 'store heap', 'heap per 1,000 more containers'], rows)}`);
  } finally {
    await pool(made, CONCURRENCY, (id) => api(socket, 'DELETE', `/containers/${id}?force=1`).catch(() => undefined));
    await pool(images, CONCURRENCY, (tag) => api(socket, 'DELETE', `/images/${encodeURIComponent(tag)}?force=1`).catch(() => undefined));
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
