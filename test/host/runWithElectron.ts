// The same host suites through @vscode/test-electron, on machines that can download VS Code
// (this test bed cannot: it runs them in the VS Code server instead, see scripts/lib/hostTier.mjs).
//   npm run build && npx tsc -p tsconfig.test.json && node out/test/host/runWithElectron.js
// Uses WHARF_TEST_DOCKER_HOST as Wharf's DOCKER_HOST when set, like the host tier.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'wharf-electron-'));
  mkdirSync(join(workspace, 'app'), { recursive: true });
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM wharf-test/busybox:latest\nCMD ["sleep", "3600"]\n');
  writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM busybox\nRUN cd /tmp && echo hi\n');
  const testHost = process.env.WHARF_TEST_DOCKER_HOST;
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: testHost ? { DOCKER_HOST: testHost } : {},
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
