// The one rewrite of MAINTAINER into the OCI authors label, shared by hadolint's DL4000 and
// BuildKit's MaintainerDeprecated: both report the same instruction, so their quick fixes must
// produce the same text or the editor offers two different "fixes" for one line.
import type { Instruction } from 'dockerfile-ast';
import type { Fix } from './rule';

export const maintainerFixTitle = 'Replace MAINTAINER with LABEL org.opencontainers.image.authors';

/** The fix for one MAINTAINER instruction, or none when it cannot be rewritten safely. */
export function maintainerToLabelFix(instruction: Instruction): Fix | undefined {
  const range = instruction.getRange();
  const author = instruction.getRawArgumentsContent()?.trim();
  // A continued MAINTAINER would need its layout kept: left to the user.
  if (!author || range.start.line !== range.end.line) return undefined;
  const written = instruction.getInstruction();
  const keyword = written === written.toLowerCase() ? 'label' : 'LABEL';
  // `MAINTAINER "Jane Doe"` means the author Jane Doe: one pair of quotes around the whole value
  // is dropped rather than escaped into the label.
  const unwrapped = /^"[^"]*"$/.test(author) ? author.slice(1, -1) : author;
  // Inside double quotes a LABEL value still expands $ and honours \ and ": escape them.
  const value = unwrapped.replace(/[\\"$]/g, (c) => `\\${c}`);
  return { title: maintainerFixTitle, edits: [{ range, newText: `${keyword} org.opencontainers.image.authors="${value}"` }] };
}
