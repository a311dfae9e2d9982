// npm run package: wharf-<version>.vsix in the repo root, built by the same vsce invocation the
// e2e tier installs and tests (scripts/lib/installedExtension.mjs).
import { resolve } from 'node:path';
import { packageVersion, packageVsix } from './lib/installedExtension.mjs';

const out = resolve(new URL('..', import.meta.url).pathname, `wharf-${packageVersion()}.vsix`);
const { bytes } = await packageVsix(out);
console.log(`${out} (${bytes} bytes)`);
