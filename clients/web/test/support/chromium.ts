import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt); `npx playwright install` cannot download browsers on these machines. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, as root, and quiet: no sandbox (root), no GPU, no calls home, no first-run pages. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** A fresh headless Chromium (Playwright gives each launch its own temporary profile), or one line saying how to get it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}; the web app's browser test needs it: run \`apt-get install -y chromium\` (.ci/run does this in CI).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
