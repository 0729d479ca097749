/**
 * Browser mode's session key: the second half of a session, beside the cookie.
 * The one-time link's redirect puts it in the address's fragment
 * (`/#key=…`), which the browser keeps and never sends to any server; the page
 * reads it from there and sends it on every call in this header.
 */
export const SESSION_KEY_HEADER = 'X-Roster-Session';
export const SESSION_KEY_FRAGMENT = 'key';
