/**
 * The demo world's "now". Every timestamp is derived from it rather than from the clock, so the data is identical on
 * every run and nothing in it ever lies in the future.
 */
export const DEMO_NOW = new Date('2026-11-01T12:00:00Z');

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** When Threadly opened: categories exist from then on, and nobody signed up earlier. */
export const PLATFORM_LAUNCH = daysBeforeNow(730);

export function daysBeforeNow(days: number): Date {
  return new Date(DEMO_NOW.getTime() - days * DAY);
}

export function addTime(date: Date, milliseconds: number): Date {
  return new Date(date.getTime() + milliseconds);
}

export function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}
