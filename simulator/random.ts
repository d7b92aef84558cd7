/**
 * The simulator's one seeded random source (sfc32): every draw of the world comes from here, so
 * the same seed gives the same history. Its state is four integers, saved with the snapshot.
 */
export interface RandomSource {
  next(): number;
  state(): [number, number, number, number];
}

/** A source seeded from an integer, or resumed from a saved state. */
export function seededRandom(seed: number | [number, number, number, number]): RandomSource {
  let [a, b, c, d] = Array.isArray(seed) ? seed : [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  if (!Array.isArray(seed)) for (let i = 0; i < 12; i++) next();
  return { next, state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0] };
}
