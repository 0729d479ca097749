/**
 * The core User attributes (RFC 7643 section 4.1) Roster has no use for but
 * keeps as sent, so the identity provider reads back what it wrote. Stored with
 * the extensions, under the core schema's URN; described in /Schemas from this
 * same list, so what is accepted and what is advertised cannot drift apart.
 */
export interface KeptAttribute {
  name: string;
  type: 'string' | 'boolean' | 'reference' | 'binary';
  multiValued: boolean;
  description: string;
  /** Sub-attributes: [name, type, description]. */
  subAttributes?: [string, KeptAttribute['type'], string][];
  referenceTypes?: string[];
}

/** value, display, type, primary: the sub-attributes RFC 7643 gives most multi-valued attributes. */
function plural(valueType: KeptAttribute['type'], what: string): [string, KeptAttribute['type'], string][] {
  return [
    ['value', valueType, `The ${what}.`],
    ['display', 'string', `The ${what} as shown.`],
    ['type', 'string', 'A label such as work or home.'],
    ['primary', 'boolean', 'The primary value.'],
  ];
}

const single = (name: string, description: string, type: KeptAttribute['type'] = 'string'): KeptAttribute => ({ name, type, multiValued: false, description: `${description} Kept as sent.` });
const multi = (name: string, description: string, subAttributes: KeptAttribute['subAttributes']): KeptAttribute => ({
  name,
  type: 'string',
  multiValued: true,
  description: `${description} Kept as sent.`,
  subAttributes,
});

export const KEPT_ATTRIBUTES: KeptAttribute[] = [
  single('nickName', 'The casual name.'),
  { ...single('profileUrl', 'A URL of the online profile.', 'reference'), referenceTypes: ['external'] },
  single('title', 'The job title.'),
  single('userType', 'The relation to the organisation, such as Employee or Contractor.'),
  single('preferredLanguage', 'The preferred language, such as en-US.'),
  single('locale', 'The locale, such as en-US.'),
  single('timezone', 'The time zone, such as Europe/Paris.'),
  multi('phoneNumbers', 'Phone numbers.', plural('string', 'phone number')),
  multi('addresses', 'Postal addresses.', [
    ['formatted', 'string', 'The full address, as shown.'],
    ['streetAddress', 'string', 'The street address.'],
    ['locality', 'string', 'The city.'],
    ['region', 'string', 'The state or region.'],
    ['postalCode', 'string', 'The postal code.'],
    ['country', 'string', 'The country (ISO 3166-1 alpha-2).'],
    ['type', 'string', 'A label such as work or home.'],
    ['primary', 'boolean', 'The primary address.'],
  ]),
  multi('ims', 'Instant messaging addresses.', plural('string', 'instant messaging address')),
  multi('photos', 'Photos.', plural('reference', 'photo URL')),
  multi('entitlements', 'Entitlements.', plural('string', 'entitlement')),
  multi('roles', 'Roles (not Roster roles: kept for the provider only).', plural('string', 'role')),
  multi('x509Certificates', 'X.509 certificates.', plural('binary', 'certificate (base64 DER)')),
];

/** Parts of name Roster has no column for, kept as sent with the other kept values. */
export const KEPT_NAME_PARTS = ['middleName', 'honorificPrefix', 'honorificSuffix'] as const;
