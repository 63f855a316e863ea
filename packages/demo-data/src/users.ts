import { demoId } from './demo-id.ts';
import type { Random } from './random.ts';
import { DAY, PLATFORM_LAUNCH, addTime, daysBeforeNow, earliest } from './time.ts';
import type { DemoUser, Role } from './types.ts';
import { BIOS, CITIES, FIRST_NAMES, LAST_NAMES, type City } from './vocabulary.ts';

const EMAIL_DOMAIN = 'demo.threadly.dev';

export type DemoAccountName = 'admin' | 'seller' | 'buyer';

interface DemoAccountProfile {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  city: string;
  bio: string;
}

/** The accounts people log in with to try the demo; the generators give them enough activity to show every screen. */
const DEMO_ACCOUNT_PROFILES: Record<DemoAccountName, DemoAccountProfile> = {
  admin: {
    email: `admin@${EMAIL_DOMAIN}`, firstName: 'Maja', lastName: 'Lindqvist', role: 'ADMIN', city: 'Stockholm',
    bio: 'Trust & safety at Threadly. Message me if something looks off.',
  },
  seller: {
    email: `seller@${EMAIL_DOMAIN}`, firstName: 'Sofia', lastName: 'Marchetti', role: 'SELLER', city: 'Milan',
    bio: 'Clearing out a wardrobe full of COS, Arket and vintage Levi’s. I post within two days.',
  },
  buyer: {
    email: `buyer@${EMAIL_DOMAIN}`, firstName: 'Lukas', lastName: 'Becker', role: 'BUYER', city: 'Berlin',
    bio: 'Always looking for good knitwear and straight jeans in W32.',
  },
};

/** The demo accounts are always the first three users, so their ids do not depend on the generator's options. */
const DEMO_ACCOUNT_ORDER: readonly DemoAccountName[] = ['admin', 'seller', 'buyer'];

const userId = (index: number) => demoId('user', index);

/** Ids and emails of the accounts to log in with, e.g. for a "log in as the demo buyer" button or a test. */
export const DEMO_ACCOUNTS: Readonly<Record<DemoAccountName, { readonly id: string; readonly email: string }>> = {
  admin: { id: userId(0), email: DEMO_ACCOUNT_PROFILES.admin.email },
  seller: { id: userId(1), email: DEMO_ACCOUNT_PROFILES.seller.email },
  buyer: { id: userId(2), email: DEMO_ACCOUNT_PROFILES.buyer.email },
};

/** "Lucía de Vries" → "lucia.devries": what people would pick as an address, with accents and spaces removed. */
function emailLocalPart(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
}

/** "Lucía de Vries" → "Lucía V.": marketplaces show first name and initial, not the full name. */
function displayNameOf(firstName: string, lastName: string): string {
  const surname = lastName.split(' ').at(-1) ?? lastName;
  return `${firstName} ${surname.charAt(0).toUpperCase()}.`;
}

export function cityNamed(name: string): City {
  const city = CITIES.find((candidate) => candidate.name === name);
  if (!city) throw new Error(`Unknown demo city ${name}`);
  return city;
}

/** The user's city, read back from `location` ("Berlin, Germany"); orders ship there. */
export function cityOf(user: DemoUser): City {
  return cityNamed(user.location.split(',')[0] ?? '');
}

function userRow(index: number, fields: Omit<DemoUser, 'id' | 'clerkId' | 'displayName' | 'imageUrl' | 'deletedAt'>) {
  const id = userId(index);
  return {
    id,
    clerkId: `user_demo_${String(index).padStart(2, '0')}`,
    ...fields,
    displayName: displayNameOf(fields.firstName, fields.lastName),
    imageUrl: `https://i.pravatar.cc/300?u=${id}`,
    deletedAt: null,
  } satisfies DemoUser;
}

/**
 * `count` users: the three demo accounts, then people with unique names. About 40% sell (the demo seller included),
 * the rest only buy.
 */
export function generateUsers(random: Random, count: number): DemoUser[] {
  const sellerCount = Math.min(Math.max(1, Math.round(count * 0.4)), count - 2);
  const otherIndexes = Array.from({ length: count - DEMO_ACCOUNT_ORDER.length }, (_, offset) => offset + 3);
  const otherSellers = new Set(random.sample(otherIndexes, sellerCount - 1));
  const usedLocalParts = new Set<string>();

  const demoAccounts = DEMO_ACCOUNT_ORDER.map((name, index) => {
    const { email, firstName, lastName, role, city, bio } = DEMO_ACCOUNT_PROFILES[name];
    // Reserve their names too, so no generated user shares a full name with a demo account.
    usedLocalParts.add(emailLocalPart(firstName, lastName));
    const createdAt = addTime(PLATFORM_LAUNCH, (index + 1) * DAY);
    const { country } = cityNamed(city);
    return userRow(index, {
      email, firstName, lastName, role, bio, location: `${city}, ${country}`, createdAt,
      updatedAt: addTime(createdAt, 30 * DAY),
    });
  });

  const others = otherIndexes.map((index) => {
    let firstName: string = random.pick(FIRST_NAMES);
    let lastName: string = random.pick(LAST_NAMES);
    for (let attempt = 0; usedLocalParts.has(emailLocalPart(firstName, lastName)) && attempt < 50; attempt += 1) {
      firstName = random.pick(FIRST_NAMES);
      lastName = random.pick(LAST_NAMES);
    }
    let localPart = emailLocalPart(firstName, lastName);
    // Only reached with far more users than name combinations: number them like real sign-ups do.
    for (let suffix = 2; usedLocalParts.has(localPart); suffix += 1) {
      localPart = `${emailLocalPart(firstName, lastName)}${suffix}`;
    }
    usedLocalParts.add(localPart);

    const city = random.pick(CITIES);
    const role: Role = otherSellers.has(index) ? 'SELLER' : 'BUYER';
    const createdAt = random.dateBetween(addTime(PLATFORM_LAUNCH, 7 * DAY), daysBeforeNow(45));
    return userRow(index, {
      email: `${localPart}@${EMAIL_DOMAIN}`,
      firstName,
      lastName,
      role,
      // Sellers mostly introduce their shop; many buyers never write a bio.
      bio: random.chance(role === 'SELLER' ? 0.9 : 0.5) ? random.pick(BIOS) : null,
      location: `${city.name}, ${city.country}`,
      createdAt,
      updatedAt: random.dateBetween(createdAt, earliest(addTime(createdAt, 180 * DAY), daysBeforeNow(1))),
    });
  });

  return [...demoAccounts, ...others];
}
