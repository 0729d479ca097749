import type { AppError } from '@shared/errors';
import { PageHeader } from './PageHeader';

/** A load that failed, said as the store said it, with a way to try again when there is one. */
export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <span>{message}</span>
      {onRetry ? (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

interface NotFoundScreenProps {
  /** The heading's id, as PageHeader takes it. */
  id: string;
  /** What the screen shows, in lower case: "team", "domain". */
  noun: string;
  /** Why it could not be shown; null when it simply is not there. */
  error: AppError | null;
  /** Where to go instead: the list the missing thing was in. */
  back: { href: string; label: string };
}

/**
 * A detail screen that cannot show its subject: gone (deleted elsewhere, a
 * stale link), or not loaded (the store was busy), said as such.
 */
export function NotFoundScreen({ id, noun, error, back }: NotFoundScreenProps) {
  const missing = !error || error.code === 'NOT_FOUND';
  const title = missing ? `${noun[0]!.toUpperCase()}${noun.slice(1)} not found` : `Could not open this ${noun}`;
  return (
    <section className="screen" aria-labelledby={id}>
      <PageHeader id={id} title={title} />
      <div className="banner banner-error" role="alert">
        <span>{error?.message ?? `This ${noun} does not exist.`}</span>
        <a className="button small" href={back.href}>
          {back.label}
        </a>
      </div>
    </section>
  );
}
