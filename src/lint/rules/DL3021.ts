// DL3021: with several sources COPY needs a directory destination, spelled with a trailing slash.
import { Copy } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3021', reads: ['COPY'], severity: 'error', source: 'hadolint', description: 'COPY with more than 2 arguments requires the last argument to end with /' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Copy)) continue;
      const json = instruction.getJSONStrings();
      if (json.length > 0) {
        // The exec (JSON) form is checked too, as hadolint does.
        const last = json[json.length - 1];
        if (json.length < 3 || last.getJSONValue().endsWith('/')) continue;
        const end = last.getRange().end;
        const at = { line: end.line, character: end.character - 1 };
        report({ range: last.getRange(), fixes: [{ title: 'Add a trailing / to the destination', edits: [{ range: { start: at, end: at }, newText: '/' }] }] });
        continue;
      }
      const args = instruction.getArguments();
      if (args.length < 3 || args.some((a) => a.getValue().startsWith('<<'))) continue;
      const target = args[args.length - 1];
      const value = target.getValue();
      const bare = value.replace(/^(["'])(.*)\1$/, '$2');
      if (bare.endsWith('/')) continue;
      const range = target.getRange();
      // Inside a quoted destination the slash goes before the closing quote.
      const at = bare !== value ? { line: range.end.line, character: range.end.character - 1 } : range.end;
      report({ range, fixes: [{ title: 'Add a trailing / to the destination', edits: [{ range: { start: at, end: at }, newText: '/' }] }] });
    }
  },
};
