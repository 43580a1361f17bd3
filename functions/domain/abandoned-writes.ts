// No transactions here (dynalite, the local stand-in, has none), so a change writes in steps and a
// request that dies leaves its first steps behind. The API's functions stop after 30 seconds: a step
// written longer ago than this, with nothing after it, can no longer be finished by its request, and
// another change may take its place.
export const ABANDONED_WRITE_AFTER_MS = 2 * 60_000;
