import { describe, expect, it } from 'vitest';
import { allowedExternalUrl, isAllowedExternalUrl } from './external-urls';

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm', true],
    ['https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups', true],
    ['https://datatracker.ietf.org/doc/html/rfc7644#section-3.4.2.2', true],
    ['HTTPS://HELP.OKTA.COM/', true],
    ['http://help.okta.com/', false],
    ['https://help.okta.com:8443/', false],
    ['https://user:pass@help.okta.com/', false],
    ['https://help.okta.com.evil.example/', false],
    ['https://evil.example/?https://help.okta.com/', false],
    ['https://evilhelp.okta.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://attacker/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['mailto:ana@acme.example', false],
    ['//help.okta.com/', false],
    ['not a url', false],
    [`https://help.okta.com/${'a'.repeat(3000)}`, false],
    ['https://help.okta.com\\@evil.example/', false],
    ['https://help.okta.com/\\evil', false],
    ['https://help.okta.com/a b', false],
    ['https://help.okta.com/\tx', false],
    ['https://help.okta.com/\nx', false],
    ['\u0001https://help.okta.com/', false],
    [' https://help.okta.com/', false],
    [42, false],
  ])('%s is %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('allowedExternalUrl', () => {
  it('gives the address as parsed, which is what the system browser opens', () => {
    expect(allowedExternalUrl('HTTPS://HELP.OKTA.COM')).toBe('https://help.okta.com/');
    expect(allowedExternalUrl('https://datatracker.ietf.org/doc/html/rfc7644#section-3.4.2.2')).toBe('https://datatracker.ietf.org/doc/html/rfc7644#section-3.4.2.2');
    expect(allowedExternalUrl('https://evil.example/')).toBeNull();
  });
});
