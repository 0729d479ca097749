import { describe, expect, it } from 'vitest';
import { compareNames } from './schemas/names';
import { compareCodePoints, foldText, includesFolded } from './text';

describe('compareCodePoints', () => {
  it('orders by code point, as SQLite orders UTF-8 text, not by UTF-16 unit', () => {
    // U+FF5A (full-width z) is below U+1F600 (😀), whose UTF-16 form starts with 0xD83D.
    expect(['😀', '\uFF5A', 'z', 'é', 'e'].sort(compareCodePoints)).toEqual(['e', 'z', 'é', '\uFF5A', '😀']);
    expect(compareCodePoints('ab', 'ab')).toBe(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
  });

  it('sorts names ignoring case, the same on every machine', () => {
    expect(['zed', 'Émile', 'ALPHA', 'beta'].sort(compareNames)).toEqual(['ALPHA', 'beta', 'zed', 'Émile']);
    expect(compareNames('Straße', 'STRASSE')).toBe(0);
  });
});

describe('includesFolded', () => {
  it('finds what was typed ignoring case, accents and surrounding spaces', () => {
    expect(includesFolded('Équipe Données', ' donnees ')).toBe(true);
    expect(includesFolded('Engineering', 'ÉNG')).toBe(true);
    expect(includesFolded('Product', 'eng')).toBe(false);
    expect(includesFolded('Anything', '')).toBe(true);
    expect(foldText('Ｅｍｉｌｅ')).toBe('emile');
  });
});
