import type { Page } from 'playwright-core';

// The demo data's photos live on picsum.photos (and avatars on pravatar.cc), which this machine cannot reach. The
// browser test answers picsum's addresses with drawn stand-ins — a garment on a tinted backdrop, the same for the
// same address — so the screenshots show photos where a person would see photos. Every other outside address fails
// as offline, and the app's own fallbacks (initials for avatars) show.
const PICSUM = /^https:\/\/picsum\.photos\/seed\/([^/]+)\//;
const OUTSIDE = /^https?:\/\/(?!(localhost|127\.0\.0\.1)[:/])/;

const GARMENTS = [
  // a jumper
  'M210 170 L260 150 Q300 190 340 150 L390 170 L470 300 L420 330 L390 280 L390 620 L210 620 L210 280 L180 330 L130 300 Z',
  // a dress
  'M250 150 Q300 185 350 150 L370 260 L340 300 L440 620 L160 620 L260 300 L230 260 Z',
  // a pair of trousers
  'M220 150 L380 150 L400 640 L320 640 L300 300 L280 640 L200 640 Z',
  // a jacket
  'M215 160 L270 140 L300 200 L330 140 L385 160 L460 320 L415 345 L395 300 L395 630 L205 630 L205 300 L185 345 L140 320 Z M298 205 L302 205 L302 630 L298 630 Z',
];

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

export function photoStandIn(seed: string): string {
  const value = hash(seed);
  const hue = value % 360;
  const garment = GARMENTS[value % GARMENTS.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 800">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 30% 92%)"/><stop offset="1" stop-color="hsl(${hue} 25% 82%)"/></linearGradient></defs>
  <rect width="600" height="800" fill="url(#g)"/>
  <ellipse cx="300" cy="690" rx="190" ry="22" fill="hsl(${hue} 20% 70%)" opacity=".5"/>
  <path d="${garment}" fill="hsl(${(hue + 180) % 360} 35% 45%)" stroke="hsl(${(hue + 180) % 360} 35% 32%)" stroke-width="6" stroke-linejoin="round"/>
</svg>`;
}

export async function servePhotoStandIns(page: Page): Promise<void> {
  await page.route(OUTSIDE, (route) => {
    const seed = PICSUM.exec(route.request().url())?.[1];
    if (!seed) return route.abort('internetdisconnected');
    return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: photoStandIn(seed) });
  });
}
