// DL3010: COPY an archive and then unpack it in RUN keeps the archive in a layer; ADD extracts a
// local tar archive in one step.
import { runsCommand } from '../packages';
import { Copy, From } from 'dockerfile-ast';
import { positionalArgs, runScripts } from '../shell';
import type { Range, Rule } from '../rule';

export const archiveExtensions = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];
const unpackers = ['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat'];
const extractors = ['tar', ...unpackers];

export function isArchive(path: string): boolean {
  const bare = path.replace(/^["']|["']$/g, '');
  return archiveExtensions.some((ext) => bare.endsWith(ext));
}

function fileName(path: string): string {
  return path.replace(/^["']|["']$/g, '').split(/[/\\]/).pop() ?? '';
}

export const rule: Rule = {
  meta: { code: 'DL3010', reads: ['FROM', 'COPY', 'RUN'], severity: 'info', source: 'hadolint', description: 'Use ADD for extracting archives into an image' },
  check({ dockerfile, text, report }) {
    // A copied archive is reported only where a RUN extracts it.
    if (!runsCommand({ dockerfile, text }, extractors)) return;
    // Only names and values are read, which do not move with the RUN (RunScript.parsed).
    const scripts = new Map(runScripts(dockerfile, text).filter((s) => !s.onbuild).map((s) => [s.instruction.getRange().start.line, s.parsed]));
    let copied = new Map<string, Range>();
    const reported = new Set<Range>();
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) { copied = new Map(); continue; }
      if (instruction instanceof Copy) {
        if (instruction.getFlags().some((f) => f.getName() === 'from')) continue;
        const args = instruction.getArguments();
        if (args.length < 2) continue;
        const target = args[args.length - 1];
        if (isArchive(target.getValue())) copied.set(fileName(target.getValue()), target.getRange());
        else for (const source of args.slice(0, -1)) if (isArchive(source.getValue())) copied.set(fileName(source.getValue()), source.getRange());
        continue;
      }
      const script = scripts.get(instruction.getRange().start.line);
      if (!script) continue;
      for (const command of script.commands) {
        if (!command.name) continue;
        const name = command.name.value;
        // hadolint's test: --extract, --get, or any dashed word with an `x` in it.
        const extracts = name === 'tar'
          ? command.args.some((a) => a.value === '--extract' || a.value === '--get' || (a.value.startsWith('-') && a.value.includes('x')))
          : unpackers.includes(name);
        if (!extracts) continue;
        for (const arg of positionalArgs(command)) {
          const range = copied.get(fileName(arg.value));
          if (range && !reported.has(range)) { reported.add(range); report({ range }); }
        }
      }
    }
  },
};
