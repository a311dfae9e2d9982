import * as assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import {
  argsAfterSubcommand, commandsNamed, flagWord, hasFlag, parseShell, positionalArgs, runScripts, subcommand,
} from '../../../src/lint/shell';

function runs(text: string) {
  return runScripts(DockerfileParser.parse(text), text);
}
const values = (words: { value: string }[]) => words.map((w) => w.value);
/** The document text a word's range covers. */
function covered(text: string, w: { start: number; end: number }): string {
  return text.slice(w.start, w.end);
}

describe('shell', () => {
  describe('parseShell', () => {
    it('splits on &&, ||, ;, |, & and newlines and records the separators', () => {
      const s = parseShell('a 1 && b 2 || c; d | e & f\ng');
      assert.deepEqual(s.commands.map((c) => c.name?.value), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      assert.deepEqual(s.commands.map((c) => [c.before, c.after]), [
        ['', '&&'], ['&&', '||'], ['||', ';'], [';', '|'], ['|', '&'], ['&', '\n'], ['\n', ''],
      ]);
    });
    it('removes quotes for matching but keeps the source span', () => {
      const text = `apt-get install "cur"'l' x\\ y`;
      const c = parseShell(text).commands[0];
      assert.deepEqual(values(c.args), ['install', 'curl', 'x y']);
      assert.equal(covered(text, c.args[1]), `"cur"'l'`);
      assert.equal(c.args[1].quoted, true);
      assert.equal(covered(text, c.args[2]), 'x\\ y');
    });
    it('keeps operators inside quotes and expansions inside one word', () => {
      const c = parseShell(`echo "a && b" $(date; id) \${X:-y} 'c|d'`).commands;
      assert.deepEqual(c.map((x) => x.name?.value), ['echo', 'date', 'id']);
      assert.deepEqual(values(c[0].args), ['a && b', '$(date; id)', '${X:-y}', 'c|d']);
      assert.equal(c[0].args[1].dynamic, true);
      assert.equal(c[0].args[3].dynamic, false);
    });
    it('separates assignments, reserved words and redirections from the command', () => {
      const c = parseShell('if DEBIAN_FRONTEND=noninteractive apt-get install x > /dev/null 2>&1; then echo ok; fi').commands;
      assert.equal(c[0].name?.value, 'apt-get');
      assert.deepEqual(values(c[0].assignments), ['DEBIAN_FRONTEND=noninteractive']);
      assert.deepEqual(values(c[0].args), ['install', 'x']);
      assert.deepEqual(c[0].redirects.map((r) => r.operator), ['>', '>&']);
      assert.deepEqual(c.map((x) => x.name?.value), ['apt-get', 'echo']);
    });
    it('skips comments and heredoc bodies', () => {
      const c = parseShell('cat <<EOF > /f # note\napt-get install x\nEOF\nls -l').commands;
      assert.deepEqual(c.map((x) => x.name?.value), ['cat', 'ls']);
    });
    it('splits inside subshells and brace groups', () => {
      const c = parseShell('(cd /x && make) || { echo no; exit 1; }').commands;
      assert.deepEqual(c.map((x) => x.name?.value), ['cd', 'make', 'echo', 'exit']);
    });
    it('also reads the commands inside $(…) and backticks, with their positions', () => {
      const text = 'V=$(curl -s https://x | jq -r .v) && echo `sudo id` $((1+2))';
      const c = parseShell(text).commands;
      assert.deepEqual(c.map((x) => x.name?.value), [undefined, 'echo', 'curl', 'jq', 'sudo']);
      const sudo = c[4].name!;
      assert.equal(text.slice(sudo.start, sudo.end), 'sudo');
      assert.deepEqual(values(c[0].assignments), ['V=$(curl -s https://x | jq -r .v)']);
      assert.deepEqual(values(c[2].args), ['-s', 'https://x']);
    });
    it('ends a word before a line continuation that follows it, and starts one after it', () => {
      const text = 'apt-get install curl\\\n  git\\\r\n  "j\\\nq" > \\\n  /tmp/log';
      const [c] = parseShell(text).commands;
      assert.deepEqual(values(c.args), ['install', 'curl', 'git', 'jq']);
      assert.deepEqual(c.args.slice(1).map((w) => covered(text, w)), ['curl', 'git', '"j\\\nq"']);
      assert.deepEqual(c.args[1].range, { start: { line: 0, character: 16 }, end: { line: 0, character: 20 } });
      assert.deepEqual(c.args[2].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
      assert.equal(covered(text, c.redirects[0].target!), '/tmp/log');
    });
    it('never throws on unterminated quotes or substitutions', () => {
      for (const s of ['echo "abc', "echo 'x", 'echo $(date', 'echo ${x', 'echo `x', 'a &&', '<<', '>']) {
        assert.doesNotThrow(() => parseShell(s));
      }
    });
  });

  describe('flags and arguments', () => {
    const [c] = parseShell('apt-get -o Dpkg::Options::=--force-confnew -qy install --no-install-recommends curl=7.0 git -- -weird').commands;
    it('finds short flags inside clusters and long flags', () => {
      assert.equal(hasFlag(c, '-y'), true);
      assert.equal(hasFlag(c, '-q'), true);
      assert.equal(hasFlag(c, '--no-install-recommends'), true);
      assert.equal(hasFlag(c, '-f', '--fix-broken'), false);
      assert.equal(flagWord(c, '--yes', '-y')?.value, '-qy');
    });
    it('matches --flag=value and exact multi-letter short flags', () => {
      const [d] = parseShell('apt-get install --yes=true -qq x').commands;
      assert.equal(hasFlag(d, '--yes'), true);
      assert.equal(hasFlag(d, '-qq'), true);
      const [e] = parseShell('apt-get install -q x').commands;
      assert.equal(hasFlag(e, '-qq'), false);
    });
    it('skips values of flags that take one, and flags after --', () => {
      assert.deepEqual(values(positionalArgs(c, ['-o'])), ['install', 'curl=7.0', 'git', '-weird']);
      assert.equal(subcommand(c, ['-o'])?.value, 'install');
      assert.deepEqual(values(argsAfterSubcommand(c, ['-o'])), ['curl=7.0', 'git', '-weird']);
      assert.equal(subcommand(c)?.value, 'Dpkg::Options::=--force-confnew');
    });
  });

  describe('RUN instructions', () => {
    it('maps words across continuation lines and skips comment lines', () => {
      const text = 'FROM debian:12\nRUN apt-get update \\\n  # refresh\n  && apt-get install -y \\\n      curl\n';
      const [run] = runs(text);
      const install = commandsNamed(run.script, 'apt-get')[1];
      const curl = install.args[2];
      assert.equal(curl.value, 'curl');
      assert.deepEqual(curl.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 10 } });
      assert.equal(install.name?.range.start.line, 3);
    });
    it('honours the backtick escape directive', () => {
      const text = '# escape=`\nFROM mcr.microsoft.com/windows:ltsc2022\nRUN choco install a `\n  && dir C:\\x\n';
      const [run] = runs(text);
      assert.deepEqual(run.script.commands.map((c) => c.name?.value), ['choco', 'dir']);
      assert.equal(run.script.commands[1].args[0].value, 'C:x');
    });
    it('reads a heredoc RUN body as the script', () => {
      const text = 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n';
      const [run] = runs(text);
      assert.deepEqual(run.script.commands.map((c) => c.name?.value), ['apt-get', 'apt-get']);
      assert.deepEqual(run.script.commands[1].args[2].range.start, { line: 3, character: 19 });
    });
    it('does not read a heredoc fed to a command as commands', () => {
      const text = 'FROM debian:12\nRUN cat <<EOF > /etc/x.conf\nsudo rm -rf /\nEOF\n';
      const [run] = runs(text);
      assert.deepEqual(run.script.commands.map((c) => c.name?.value), ['cat']);
    });
    it('reads the exec form as one command', () => {
      const text = 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n';
      const [run] = runs(text);
      assert.equal(run.script.form, 'exec');
      assert.deepEqual(values(run.script.commands[0].words), ['apt-get', 'install', '-y', 'curl']);
      assert.equal(covered(text, run.script.commands[0].args[2]), '"curl"');
    });
    it('includes RUN wrapped in ONBUILD and skips RUN flags', () => {
      const text = 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nONBUILD RUN sudo make install\n';
      const scripts = runs(text);
      assert.equal(scripts.length, 2);
      assert.equal(scripts[0].script.commands[0].name?.range.start.character, 45);
      assert.equal(scripts[1].onbuild, true);
      assert.deepEqual(scripts[1].script.commands[0].name?.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 16 } });
    });
    it('maps heredoc words up to a continuation, not past it', () => {
      const text = 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\\\n  git\nEOF\n';
      const [run] = runs(text);
      const [, , curl, git] = run.script.commands[0].args;
      assert.deepEqual([covered(text, curl), covered(text, git)], ['curl', 'git']);
      assert.deepEqual(curl.range, { start: { line: 2, character: 19 }, end: { line: 2, character: 23 } });
    });
    it('reads the exec form after joining continuation lines, with either escape character', () => {
      for (const text of ['FROM debian:12\nRUN ["apt-get", \\\n  # a comment\n  "install"]\n', '# escape=`\nFROM debian:12\nRUN ["apt-get", `\n  # a comment\n  "install"]\n']) {
        const [run] = runs(text);
        assert.equal(run.script.form, 'exec', text);
        assert.deepEqual(values(run.script.commands[0].words), ['apt-get', 'install']);
        assert.equal(covered(text, run.script.commands[0].args[0]), '"install"');
      }
    });
    it('records where the operator after a command is', () => {
      const text = 'FROM debian:12\nRUN curl -fsSL https://x \\\n  # not | this one \\\n  |& tar xz && ls\n';
      const [run] = runs(text);
      const [curl, tar, ls] = run.script.commands;
      assert.equal(curl.after, '|&');
      assert.equal(text.slice(curl.afterAt!.start, curl.afterAt!.end), '|&');
      assert.equal(text.slice(tar.afterAt!.start, tar.afterAt!.end), '&&');
      assert.equal(ls.afterAt, undefined);
    });
    it('handles CRLF line endings', () => {
      const text = 'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install x\r\n';
      const [run] = runs(text);
      const x = run.script.commands[1].args[1];
      assert.equal(x.value, 'x');
      assert.deepEqual(x.range.start, { line: 2, character: 20 });
    });
  });
});
