// Headless Debian Chromium for Playwright (playwright-core cannot download browsers here).
// test/e2e/workbench.ts launches it the same way for the e2e tests.
import { chromium } from 'playwright-core';
import { onStop } from './lifecycle.mjs';

export const CHROMIUM_PATH = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
// Flags that work as root in a container; no background traffic leaves the machine.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/**
 * Launches Chromium in this process, closed with the run (lifecycle.mjs). Playwright's own
 * signal handlers stay off: on Ctrl-C they close the browser and exit at once, before the run
 * has stopped its engines and servers.
 */
export async function launchChromium() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  // Bounded: a wedged browser must not hold the run's other stops back (the run's last sweep
  // kills what is left of it).
  const close = onStop(() => Promise.race([browser.close(), new Promise((r) => setTimeout(r, 15000).unref())]));
  browser.on('disconnected', () => { void close(); });
  return browser;
}
