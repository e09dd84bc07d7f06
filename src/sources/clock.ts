// The importers' clock: "a year after the current year" is refused, and tests need to move "now".
// Injected here (one small interface) instead of calling Date.now() inside the importers.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

let clock: Clock = systemClock;

/** Use another clock (tests); returns a function that restores the previous one. */
export function useClock(c: Clock): () => void {
  const previous = clock;
  clock = c;
  return () => {
    clock = previous;
  };
}

/** The current calendar year (UTC) by the injected clock. */
export function currentYear(): number {
  return clock.now().getUTCFullYear();
}
