/**
 * The engine's world: the pure runtime of every simulator (S) rule. State transitions are
 * deterministic functions of (state, command, actor, now, random draws); the simulator drives
 * them in time and speaks HTTP, the scenario runner drives them in process.
 */
export { createWorld, isIdCounter } from './state.js';
export { handle } from './handle.js';
export { loadAccount } from './load-account.js';
export { query, type Query, type QueryResult } from './query.js';
export { invariants } from './invariants.js';
export { brandView } from './brands.js';
export { dayOf, startOfDay } from './day.js';
export type * from './types.js';
