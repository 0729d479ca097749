import { describe, expect, it } from 'vitest';
import { signInPageUrl } from './sign-in-page';

describe('the sign-in page the system browser is given', () => {
  it('is a page of the server signed in to, and nothing else', () => {
    const server = 'https://acme-roster.example.com';
    expect(signInPageUrl('https://acme-roster.example.com/auth/native/authorize?code_challenge=abc&state=x', server)).toBe(
      'https://acme-roster.example.com/auth/native/authorize?code_challenge=abc&state=x',
    );
    expect(signInPageUrl('http://127.0.0.1:8080/auth/native/authorize', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/auth/native/authorize');
    expect(signInPageUrl('https://evil.example.com/auth', server)).toBeNull();
    expect(signInPageUrl('http://acme-roster.example.com/auth', server)).toBeNull();
    expect(signInPageUrl('https://acme-roster.example.com:8443/auth', server)).toBeNull();
    expect(signInPageUrl('https://ana@acme-roster.example.com/auth', server)).toBeNull();
    expect(signInPageUrl('https://acme-roster.example.com/a b', server)).toBeNull();
    expect(signInPageUrl('file:///etc/passwd', server)).toBeNull();
  });
});
