/**
 * The contract's own version, apart from the app's: a Roster client (the
 * desktop app or browser mode on a server) and a Roster server work together
 * only when theirs are equal. Add 1 whenever a change to the contract would
 * make an older client or server misread the other: a channel removed or
 * renamed, an input that refuses what it took before or needs a new field, an
 * output that loses or changes a field, a channel whose access tightens, an
 * event whose payload changes. A new channel, a new optional input field or a
 * new output field older code ignores is no such change (docs/ARCHITECTURE.md,
 * "The contract's version").
 */
export const CONTRACT_VERSION = 1;

/** `GET /api/version` on a Roster server (no sign-in): what a client checks before anything else. */
export interface ServerVersion {
  /** The server's app version (package.json). */
  version: string;
  contract: number;
}

/** The header a command carries so that its retry is answered, not applied again (docs/SERVER.md, "Retries"). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a server keeps a command's key and Result. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
