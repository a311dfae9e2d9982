// DL3062: `go install pkg` without `@version` (or with `@latest`/`@none`) resolves to whatever is
// newest, so the same Dockerfile builds different binaries over time. hadolint's reading: when
// the RUN has a `go run`, only the word after `run` is checked (the rest are the program's
// arguments); otherwise every non-flag word of `go install`/`go get` but the sub-command. Flag
// values are not set aside and a `.go` file is no path (hadolint: `.`, `/…` and `.…` are local).
import { argsWithoutFlags, cmdHasArgs, runsCommand, runsOf } from '../packages';
import type { ShellScript, ShellWord } from '../shell';
import type { Rule } from '../rule';

function pinned(pkg: string): boolean {
  if (pkg.startsWith('/') || pkg.startsWith('.')) return true;
  return pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none');
}

function packagesOf(script: ShellScript): { sub: string; word: ShellWord }[] {
  const run = script.commands.filter((c) => cmdHasArgs(c, ['go'], ['run']))
    .flatMap((c) => argsWithoutFlags(c).slice(0, 2).filter((w) => w.value !== 'run').map((word) => ({ sub: 'run', word })));
  if (run.length > 0) return run;
  return script.commands.filter((c) => cmdHasArgs(c, ['go'], ['install', 'get'])).flatMap((c) => {
    const sub = c.args.find((a) => a.value === 'install' || a.value === 'get')!.value;
    return argsWithoutFlags(c).filter((w) => !['install', 'get', 'tool'].includes(w.value)).map((word) => ({ sub, word }));
  });
}

export const rule: Rule = {
  meta: { code: 'DL3062', perInstruction: true, severity: 'warning', source: 'hadolint', description: 'Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`' },
  check(context) {
    // Only a go install, get or run is ever reported.
    if (!runsCommand(context, ['go'])) return;
    for (const { script } of runsOf(context, true)) {
      for (const { sub, word } of packagesOf(script)) {
        if (pinned(word.value)) continue;
        const name = word.value.replace(/@(?:latest|none)$/, '');
        context.report({ range: word.range, message: `Pin versions in go ${sub}. Instead of \`go ${sub} ${word.value}\` use \`go ${sub} ${name}@<version>\`` });
      }
    }
  },
};
