// A small seeded generator: given a seed, a simulator produces the same values in the same order, so tests can compare them.
'use strict';

const { randomInt } = require('node:crypto');

/** mulberry32: 32-bit state, good enough for plausible lab values (not for anything secret). */
function createRandom(seed) {
  let state = (seed === undefined || seed === null ? randomInt(2 ** 31) : hashSeed(seed)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** [0, 1) */
    next,
    /** [low, high) */
    between: (low, high) => low + (high - low) * next(),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** A number seed is used as is; a string one is hashed (FNV-1a), so `--seed demo` works too. */
function hashSeed(seed) {
  if (typeof seed === 'number' && Number.isFinite(seed)) return Math.trunc(seed);
  let hash = 0x811c9dc5;
  for (const ch of String(seed)) hash = Math.imul(hash ^ ch.codePointAt(0), 0x01000193);
  return hash;
}

module.exports = { createRandom };
