import { describe, expect, it } from 'vitest';
import { SIGN_IN_ERRORS } from '@shared/schemas/console-auth';
import { takeSignInError } from './signin-error';

function placeAt(search: string, pathname = '/', hash = '') {
  const replaced: string[] = [];
  return { place: { location: { search, pathname, hash }, history: { state: null, replaceState: (_: unknown, __: string, url?: string | URL | null) => void replaced.push(String(url)) } }, replaced };
}

describe('the sign-in error in the address', () => {
  it('says the sentence of a known code and takes it out of the address, keeping the rest', () => {
    const { place, replaced } = placeAt('?signin_error=unknown_admin&x=1', '/', '#/teams');
    expect(takeSignInError(place)).toBe(SIGN_IN_ERRORS.unknown_admin);
    expect(replaced).toEqual(['/?x=1#/teams']);
  });

  it('never puts words from the address on the page', () => {
    const { place, replaced } = placeAt('?signin_error=Your+account+is+locked,+call+555');
    expect(takeSignInError(place)).toBe('The sign-in with your identity provider did not finish. Sign in again.');
    expect(replaced).toEqual(['/']);
    expect(takeSignInError(placeAt('?signin_error=toString').place)).not.toContain('function');
  });

  it('leaves an address without one alone', () => {
    const { place, replaced } = placeAt('?x=1');
    expect(takeSignInError(place)).toBeNull();
    expect(replaced).toEqual([]);
  });
});
