// Headless Debian Chromium for Playwright (playwright-core cannot download browsers here).
// test/e2e/workbench.ts launches it the same way for the e2e tests.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
// Flags that work as root in a container; no background traffic leaves the machine.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
