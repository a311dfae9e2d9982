// wharf-lint: the linter for CI. Reads .hadolint.yaml like hadolint does, lints each file (or
// stdin), prints in the chosen format and exits 1 when a finding reaches the failure threshold,
// 2 on a usage error or an unreadable file.
import { readSync } from 'node:fs';
import { isThreshold, meetsThreshold, type Threshold } from './config';
import { CachedFiles, lintDockerfile, type LintResult } from './pipeline';
import { allRules } from './rules/index';
import { ruleSets, type RuleSet } from './rule';
import type { FileResult } from './format/types';
import { formatJson } from './format/json';
import { formatTty } from './format/tty';
import { formatSarif } from './format/sarif';
import { formatCheckstyle } from './format/checkstyle';
import { version } from '../../package.json';
import { MAX_DOCKERFILE_BYTES, readWorkspaceFile } from '../workspace/readFile';

type Format = 'tty' | 'json' | 'sarif' | 'checkstyle';
const formats: readonly Format[] = ['tty', 'json', 'sarif', 'checkstyle'];

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): string;
  isTty: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

interface Arguments {
  format: Format;
  config?: string;
  ignore: string[];
  threshold?: Threshold;
  color?: boolean;
  shellcheck?: boolean;
  ruleSet: RuleSet;
  files: string[];
  help: boolean;
  version: boolean;
}

const usage = `Usage: wharf-lint [options] FILE…|-

Options:
  --format tty|json|sarif|checkstyle   output format (default tty)
  --config FILE                        a .hadolint.yaml to use instead of the one found
  --ignore CODE                        skip a rule (repeatable)
  --failure-threshold error|warning|info|style|none
                                       exit 1 when a finding is at least this severe (default info)
  --no-color                           plain output even on a terminal
  --shellcheck / --no-shellcheck       run ShellCheck on RUN scripts (default: when on PATH)
  --rule-set both|hadolint|buildkit    which checks run (default both: a problem both
                                       hadolint and BuildKit report is one finding, its
                                       JSON naming the BuildKit check in alsoCodes)
  -h, --help                           this text
  -v, --version                        the version
`;

class UsageError extends Error {}

export function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { format: 'tty', ignore: [], ruleSet: 'both', files: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--format': {
        const format = value();
        if (!(formats as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (use ${formats.join(', ')})`);
        args.format = format as Format;
        break;
      }
      case '--config': args.config = value(); break;
      case '--ignore': args.ignore.push(...value().split(',').map((c) => c.trim()).filter(Boolean)); break;
      case '--failure-threshold': case '-t': {
        const threshold = value().toLowerCase();
        if (!isThreshold(threshold)) throw new UsageError(`unknown failure threshold '${threshold}' (use error, warning, info, style or none)`);
        args.threshold = threshold;
        break;
      }
      case '--no-color': args.color = false; break;
      case '--color': args.color = true; break;
      case '--shellcheck': args.shellcheck = true; break;
      case '--no-shellcheck': args.shellcheck = false; break;
      case '--rule-set': {
        const ruleSet = value();
        if (!(ruleSets as readonly string[]).includes(ruleSet)) throw new UsageError(`unknown rule set '${ruleSet}' (use ${ruleSets.join(', ')})`);
        args.ruleSet = ruleSet as RuleSet;
        break;
      }
      case '-h': case '--help': args.help = true; break;
      case '-v': case '--version': args.version = true; break;
      case '--': args.files.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        args.files.push(arg);
    }
  }
  return args;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`wharf-lint: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (args.help) { io.stdout(usage); return 0; }
  if (args.version) { io.stdout(`wharf-lint ${version}\n`); return 0; }
  if (args.files.length === 0) { io.stderr(`wharf-lint: no Dockerfile given (use - for stdin)\n\n${usage}`); return 2; }

  // One read of each configuration and ignore file for the whole run.
  const files = new CachedFiles();
  const said = new Set<string>();
  const say = (message: string) => { if (!said.has(message)) { said.add(message); io.stderr(`wharf-lint: ${message}\n`); } };
  const results: FileResult[] = [];
  let last: LintResult | undefined;
  let unreadable = false;
  for (const file of args.files) {
    let text: string;
    try {
      // Only a regular file, and not a huge one: the name could be a FIFO or lead to /dev/zero.
      text = file === '-' ? io.readStdin() : await readWorkspaceFile(file, MAX_DOCKERFILE_BYTES);
    } catch (error) {
      io.stderr(`wharf-lint: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
      continue;
    }
    // hadolint reads the configuration of the directory it runs in, whatever the file's.
    last = await lintDockerfile({ text, file: file === '-' ? undefined : file, folder: io.cwd }, {
      files, configFile: args.config, env: io.env, overrides: { ignored: args.ignore }, ruleSet: args.ruleSet,
      shellcheck: args.shellcheck === false ? false : undefined,
    });
    // A configuration that cannot be used is a usage error, as with hadolint.
    if (last.configError) { say(last.configError.message); return 2; }
    for (const warning of last.warnings) {
      if (warning.kind === 'config') say(`${warning.file}: ${warning.message}`);
      else if (warning.kind === 'dockerignore') say(warning.message);
    }
    results.push({ file, findings: last.findings });
  }
  const threshold = args.threshold ?? last?.config.failureThreshold ?? 'info';

  const color = args.color ?? (io.isTty && !io.env.NO_COLOR);
  switch (args.format) {
    case 'json': io.stdout(formatJson(results)); break;
    case 'sarif': io.stdout(formatSarif(results, allRules, version)); break;
    case 'checkstyle': io.stdout(formatCheckstyle(results)); break;
    default: io.stdout(formatTty(results, color));
  }
  if (unreadable) return 2;
  if (last?.config.noFail) return 0;
  return results.some((r) => r.findings.some((f) => meetsThreshold(f.severity, threshold))) ? 1 : 0;
}

/** Standard input, up to what a Dockerfile may be (`wharf-lint - < /dev/zero` ends too). */
function readStdinBounded(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  let total = 0;
  for (;;) {
    const read = readSync(0, buffer, 0, buffer.length, null);
    if (read === 0) break;
    total += read;
    if (total > MAX_DOCKERFILE_BYTES) throw new Error(`standard input: larger than ${MAX_DOCKERFILE_BYTES / (1024 * 1024)} MiB, not read`);
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readStdinBounded,
    isTty: process.stdout.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { process.stderr.write(`wharf-lint: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`); process.exitCode = 2; },
  );
}
