// DL3020: ADD also fetches URLs and unpacks archives; for plain files and folders COPY says
// exactly what happens. The fix rewrites ADD → COPY only when nothing ADD-specific is in play.
import { Add } from 'dockerfile-ast';
import { isArchive } from './DL3010';
import type { Rule } from '../rule';

const isUrl = (s: string) => /^["']?https?:\/\//.test(s);
const addOnlyFlags = ['checksum', 'keep-git-dir', 'unpack'];

export const rule: Rule = {
  meta: { code: 'DL3020', reads: ['ADD'], severity: 'error', source: 'hadolint', description: 'Use COPY instead of ADD for files and folders' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Add)) continue;
      const json = instruction.getJSONStrings();
      const args = json.length > 0 ? json.map((s) => s.getJSONValue()) : instruction.getArguments().map((a) => a.getValue());
      if (args.length < 2 || args.some((a) => a.startsWith('<<'))) continue;
      const sources = args.slice(0, -1);
      if (sources.every((s) => isArchive(s) || isUrl(s))) continue;
      const keyword = instruction.getInstructionRange();
      const plain = sources.every((s) => !isArchive(s) && !isUrl(s) && !s.includes('$'))
        && !instruction.getFlags().some((f) => addOnlyFlags.includes(f.getName()));
      const newText = instruction.getInstruction() === instruction.getInstruction().toLowerCase() ? 'copy' : 'COPY';
      report({ range: keyword, fixes: plain ? [{ title: 'Replace ADD with COPY', edits: [{ range: keyword, newText }] }] : [] });
    }
  },
};
