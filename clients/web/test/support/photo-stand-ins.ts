import type { Page } from 'playwright-core';

// The demo data's photos live on picsum.photos (and avatars on pravatar.cc), which this machine cannot reach. The
// browser test answers picsum's addresses with drawn stand-ins — a garment on a tinted backdrop, the same for the
// same address — so the screenshots show photos where a person would see photos. Every other outside address fails
// as offline, and the app's own fallbacks (initials for avatars) show.
const PICSUM = /^https:\/\/picsum\.photos\/seed\/([^/]+)\//;
const OUTSIDE = /^https?:\/\/(?!(localhost|127\.0\.0\.1)[:/])/;

const GARMENTS = {
  top: 'M210 170 L260 150 Q300 190 340 150 L390 170 L470 300 L420 330 L390 280 L390 620 L210 620 L210 280 L180 330 L130 300 Z',
  dress: 'M250 150 Q300 185 350 150 L370 260 L340 300 L440 620 L160 620 L260 300 L230 260 Z',
  trousers: 'M220 150 L380 150 L400 640 L320 640 L300 300 L280 640 L200 640 Z',
  jacket: 'M215 160 L270 140 L300 200 L330 140 L385 160 L460 320 L415 345 L395 300 L395 630 L205 630 L205 300 L185 345 L140 320 Z M298 205 L302 205 L302 630 L298 630 Z',
  shoe: 'M150 470 L170 380 Q230 390 260 360 L300 420 Q380 450 450 470 Q470 500 450 520 L160 520 Q140 500 150 470 Z',
  bag: 'M190 330 L410 330 L440 620 L160 620 Z M240 330 Q240 220 300 220 Q360 220 360 330 L340 330 Q340 245 300 245 Q260 245 260 330 Z',
} as const;

type Garment = keyof typeof GARMENTS;

/** Which silhouette fits a listing, from its title and category ("Arket mohair-blend jumper" in "Knitwear": a top). */
export function garmentOf(description: string): Garment {
  const text = description.toLowerCase();
  if (/dress|skirt|romper|jumpsuit/.test(text)) return 'dress';
  if (/shoe|sneaker|boot|loafer|sandal|trainer|heel|slipper|pump/.test(text)) return 'shoe';
  if (/bag|tote|backpack|clutch|purse/.test(text)) return 'bag';
  if (/jean|trouser|pant|chino|legging|short|jogger/.test(text)) return 'trousers';
  if (/coat|jacket|blazer|bomber|parka|outerwear|overshirt|trench|gilet|anorak|suit/.test(text)) return 'jacket';
  return 'top';
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

export function photoStandIn(seed: string, garment: Garment): string {
  const value = hash(seed);
  const hue = value % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 800">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 30% 92%)"/><stop offset="1" stop-color="hsl(${hue} 25% 82%)"/></linearGradient></defs>
  <rect width="600" height="800" fill="url(#g)"/>
  <ellipse cx="300" cy="690" rx="190" ry="22" fill="hsl(${hue} 20% 70%)" opacity=".5"/>
  <path d="${GARMENTS[garment]}" fill="hsl(${(hue + 180) % 360} 35% 45%)" stroke="hsl(${(hue + 180) % 360} 35% 32%)" stroke-width="6" stroke-linejoin="round"/>
</svg>`;
}

/** `describe` names a listing by id (title and category), so its photos show the right kind of garment. */
export async function servePhotoStandIns(page: Page, describe: (listingId: string) => string | undefined = () => undefined): Promise<void> {
  await page.route(OUTSIDE, (route) => {
    const seed = PICSUM.exec(route.request().url())?.[1];
    if (!seed) return route.abort('internetdisconnected');
    // Seeds are `<listing id>-<photo position>`.
    const garment = garmentOf(describe(seed.replace(/-\d+$/, '')) ?? '');
    return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: photoStandIn(seed, garment) });
  });
}
