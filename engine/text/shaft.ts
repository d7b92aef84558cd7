import type { CarrierProfile } from '../carrier-profile.js';
import { findWords } from './words.js';

/** SHAFT words a text carries: prohibited ones, and ones that need an age gate (`shaft-content`). */
export interface ShaftMatch {
  readonly prohibited: string[];
  readonly ageGated: string[];
}

/** The profile's SHAFT words found in a text, as whole words, case-insensitive. */
export function findShaft(text: string, profile: CarrierProfile): ShaftMatch {
  const lists = profile.registration.shaft;
  return { prohibited: findWords(text, lists.prohibited), ageGated: findWords(text, lists.ageGated) };
}
