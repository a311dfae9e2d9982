// A real docker credential helper for the tests' credsStore: `docker-credential-<name>` in a bin
// folder of the test's own, speaking the helper protocol (get, store, erase, list) and keeping what
// it is given in a JSON file beside it, never in config.json. Node runs it, not a shell.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

const SCRIPT = String.raw`
const fs = require('node:fs');
const file = process.env.WHARF_TEST_HELPER_STORE;
const read = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return {}; } };
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const store = read();
  const action = process.argv[2];
  if (action === 'store') {
    const { ServerURL, Username, Secret } = JSON.parse(input);
    store[ServerURL] = { Username, Secret };
    fs.writeFileSync(file, JSON.stringify(store));
  } else if (action === 'get') {
    const entry = store[input.trim()];
    if (!entry) { process.stdout.write('credentials not found in native keychain\n'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...entry }));
  } else if (action === 'erase') {
    delete store[input.trim()];
    fs.writeFileSync(file, JSON.stringify(store));
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([k, v]) => [k, v.Username]))));
  } else { process.stderr.write('unknown action\n'); process.exit(2); }
});
`;

export interface CredentialHelper {
  /** The name for config.json's credsStore / credHelpers. */
  name: string;
  /** The environment in which `docker-credential-<name>` is found and writes to its store. */
  env: NodeJS.ProcessEnv;
  /** What the helper holds: server → { Username, Secret }. */
  stored(): Promise<Record<string, { Username: string; Secret: string }>>;
}

export async function writeCredentialHelper(dir: string, name = 'wharftest'): Promise<CredentialHelper> {
  const program = path.join(dir, `docker-credential-${name}`);
  const storeFile = path.join(dir, `${name}-store.json`);
  await writeFile(program, `#!${process.execPath}\n${SCRIPT}`);
  await chmod(program, 0o755);
  return {
    name,
    env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`, WHARF_TEST_HELPER_STORE: storeFile },
    stored: async () => { try { return JSON.parse(await readFile(storeFile, 'utf8')) as Record<string, { Username: string; Secret: string }>; } catch { return {}; } },
  };
}
