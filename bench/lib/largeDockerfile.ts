// The benchmark corpus (bench/corpus) and the 1,000-line Dockerfile the lint and editing
// benchmarks measure, built deterministically from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const corpusDir = resolve(__dirname, '../../../bench/corpus');

export interface CorpusFile { name: string; text: string }

export function corpusFiles(): CorpusFile[] {
  return readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile')).sort()
    .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }));
}

/**
 * 1,000 lines: the corpus files one after another (LF line ends; the files with their own escape
 * directive are left out, a directive counts only on the first line), cut at a line boundary.
 */
export function largeDockerfile(files: CorpusFile[] = corpusFiles()): string {
  const parts = files.filter((f) => !/^#\s*escape=/m.test(f.text)).map((f) => f.text.replace(/\r\n/g, '\n').trimEnd());
  const lines: string[] = [];
  for (let i = 0; lines.length < 1000; i++) lines.push(...parts[i % parts.length].split('\n'), '');
  return `${lines.slice(0, 1000).join('\n')}\n`;
}
