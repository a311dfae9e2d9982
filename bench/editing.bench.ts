// Editing speed (issue 18 §3): Wharf's editing service (src/editing, plain Node) beside
// dockerfile-language-service called directly, on the 1,000-line Dockerfile of the lint benchmark,
// runs interleaved so that a noisy machine slows both alike.
//  - completion while typing: each round types into the file at another place (the previous
//    request was on the text before that edit) and asks for completion right after it, as the editor does — a keyword on a new line, a `$`
//    variable in an ENV value, a `--` flag after COPY, an image after FROM. At the FROM image,
//    Wharf also lists the engine's local tags (200 images, from a list like the store's).
//  - hover: on keywords, flags and variables, the text unchanged since the last request (how a
//    hover follows typing), and again right after a one-character edit.
// The library is called on the same texts and positions (never in a FROM tag, where it would ask
// Docker Hub). It reports figures and never passes or fails. Standalone:
//   npx tsc -p tsconfig.test.json && node out/bench/editing.bench.js
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import type { Position } from 'vscode-languageserver-types';
import type { ImageModel } from '../src/docker/model';
import { EditingService } from '../src/editing/service';
import { figures, ms, ratio, table, type Figures } from './lib/figures';
import { largeDockerfile } from './lib/largeDockerfile';

const targetMs = 15;
const rounds = Number(process.env.WHARF_BENCH_EDITING_RUNS ?? 60);
const warmup = 10;

interface Typing { name: string; at: (text: string, k: number) => { text: string; position: Position } }

/** Line numbers of the lines matching `pattern`. */
function linesWhere(text: string, pattern: RegExp): number[] {
  return text.split('\n').flatMap((line, i) => (pattern.test(line) ? [i] : []));
}

function insertAt(text: string, line: number, character: number, typed: string): { text: string; position: Position } {
  const lines = text.split('\n');
  lines[line] = lines[line].slice(0, character) + typed + lines[line].slice(character);
  return { text: lines.join('\n'), position: { line, character: character + typed.length } };
}

function typings(text: string): Typing[] {
  const blank = linesWhere(text, /^$/);
  const env = linesWhere(text, /^ENV \S+=\S/);
  const copy = linesWhere(text, /^COPY /);
  const from = linesWhere(text, /^FROM \S/);
  const pick = (lines: number[], k: number) => lines[(k * 7) % lines.length];
  return [
    { name: 'a keyword on a new line', at: (t, k) => insertAt(t, pick(blank, k), 0, 'R') },
    { name: 'a $variable in an ENV value', at: (t, k) => { const line = pick(env, k); return insertAt(t, line, t.split('\n')[line].length, ' X=$'); } },
    { name: 'a --flag after COPY', at: (t, k) => insertAt(t, pick(copy, k), 'COPY '.length, '--') },
    { name: 'the image after FROM', at: (t, k) => insertAt(t, pick(from, k), 'FROM '.length, 'w') },
  ];
}

/** Hover places: keywords, flags and variables over the file. */
function hoverPoints(text: string): Position[] {
  const points: Position[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^[A-Z]+\s/.test(line)) points.push({ line: i, character: 1 });
    const flag = line.indexOf(' --');
    if (flag > 0) points.push({ line: i, character: flag + 3 });
    const variable = line.indexOf('$');
    if (variable > 0 && /[A-Z_{]/i.test(line[variable + 1] ?? '')) points.push({ line: i, character: variable + 2 });
  });
  const step = Math.max(1, Math.floor(points.length / 97));
  return points.filter((_, i) => i % step === 0);
}

function localImages(count: number): ImageModel[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `sha256:${i.toString(16).padStart(64, '0')}`,
    repoTags: [`registry.example/team${i % 10}/app${i}:${i % 3 === 0 ? 'latest' : `v${i}`}`],
    repoDigests: [],
    createdAt: now - i * 3_600_000,
    size: 5_000_000 + i * 1000,
    labels: {},
    containers: -1,
  }));
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

interface Pair { wharf: number[]; library: number[] }
const pair = (): Pair => ({ wharf: [], library: [] });

async function main(): Promise<void> {
  console.log(`editing benchmark — Wharf's editing service vs dockerfile-language-service called directly, interleaved; node ${process.version}`);
  const large = largeDockerfile();
  const service = new EditingService();
  const library = DockerfileLanguageServiceFactory.createLanguageService();
  library.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } });
  const images = localImages(200);
  const uri = 'file:///bench/Dockerfile';

  // Completion while typing: one edit per round, at another line each time.
  const completion = new Map<string, Pair>();
  for (const typing of typings(large)) {
    const samples = pair();
    completion.set(typing.name, samples);
    await service.completion(uri, large, { line: 0, character: 0 });
    for (let k = 0; k < warmup + rounds; k++) {
      const typed = typing.at(large, k);
      const steps: [keyof Pair, () => unknown][] = [
        ['wharf', async () => {
          const result = await service.completion(uri, typed.text, typed.position);
          if (result.image) service.localTags(images);
          return result;
        }],
        ['library', () => library.computeCompletionItems(typed.text, typed.position)],
      ];
      for (let i = 0; i < steps.length; i++) {
        const [who, fn] = steps[(i + k) % steps.length];
        const elapsed = await time(fn);
        if (k >= warmup) samples[who].push(elapsed);
      }
    }
  }

  // Hover: on an unchanged text, then right after a one-character edit.
  const points = hoverPoints(large);
  const hoverSame = pair();
  const hoverEdited = pair();
  service.hover(uri, large, points[0]);
  for (let k = 0; k < warmup + rounds * 2; k++) {
    const position = points[k % points.length];
    const steps: [keyof Pair, () => unknown][] = [['wharf', () => service.hover(uri, large, position)], ['library', () => library.computeHover(large, position)]];
    for (let i = 0; i < steps.length; i++) {
      const [who, fn] = steps[(i + k) % steps.length];
      const elapsed = await time(fn);
      if (k >= warmup) hoverSame[who].push(elapsed);
    }
  }
  const blank = linesWhere(large, /^$/);
  for (let k = 0; k < warmup + rounds; k++) {
    const position = points[(k * 5) % points.length];
    const edited = insertAt(large, blank[(k * 3) % blank.length], 0, '#').text;
    const steps: [keyof Pair, () => unknown][] = [['wharf', () => service.hover(uri, edited, position)], ['library', () => library.computeHover(edited, position)]];
    for (let i = 0; i < steps.length; i++) {
      const [who, fn] = steps[(i + k) % steps.length];
      const elapsed = await time(fn);
      if (k >= warmup) hoverEdited[who].push(elapsed);
    }
  }

  const row = (label: string, samples: Pair, target = true): string[] => {
    const w: Figures = figures(samples.wharf);
    const l: Figures = figures(samples.library);
    return [label, ms(w.median), ms(w.p90), ms(l.median), ms(l.p90), ratio(w.p90 / l.p90), target ? `p90 ≤ ${targetMs} ms` : ''];
  };
  const all = (pick: (p: Pair) => number[]) => [...completion.values()].flatMap(pick);
  console.log(`\n1,000-line Dockerfile (${large.split('\n').length - 1} lines, ${Math.round(large.length / 1024)} KB), ${rounds} runs per case after ${warmup} warm-up`);
  console.log(table(['request', 'Wharf median', 'Wharf p90', 'library median', 'library p90', 'Wharf/library p90', 'target'], [
    ...[...completion.entries()].map(([name, samples]) => row(`completion: ${name}`, samples)),
    row('completion: all of the above', { wharf: all((p) => p.wharf), library: all((p) => p.library) }),
    row('hover, text unchanged', hoverSame),
    row('hover after a 1-char edit', hoverEdited),
  ]));
  const completionP90 = figures(all((p) => p.wharf)).p90;
  const hoverP90 = Math.max(figures(hoverSame.wharf).p90, figures(hoverEdited.wharf).p90);
  console.log(`\nTarget: completion and hover p90 ≤ ${targetMs} ms — measured completion ${ms(completionP90)}, hover ${ms(hoverP90)} (reported, not judged)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
