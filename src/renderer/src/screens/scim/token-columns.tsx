import { createColumnHelper } from '@tanstack/react-table';
import type { ScimToken, TokenStatus } from '@shared/schemas/scim';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';

const helper = createColumnHelper<ListFeatures, ScimToken>();

export const TOKEN_STATUS: Record<TokenStatus, { label: string; badge: string }> = {
  valid: { label: 'Valid', badge: 'badge-member' },
  expiringSoon: { label: 'Expiring soon', badge: 'badge-pending' },
  expired: { label: 'Expired', badge: 'badge-failed' },
  revoked: { label: 'Revoked', badge: 'badge-expired' },
};

/** A date with the full time in its title, or a dash. */
function When({ at, empty = '—' }: { at: string | null; empty?: string }) {
  if (!at) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatDate(at)}
    </time>
  );
}

/** Columns of the Tokens table, but for its Revoke button, which the card adds. */
export function tokenColumns(onRevoke?: (token: ScimToken) => void) {
  const columns = helper.columns([
    helper.accessor('name', { header: 'Name', sortFn: 'text', cell: (info) => <span className="cell-strong">{info.getValue()}</span> }),
    helper.accessor('createdAt', { header: 'Created', sortFn: 'text', sortDescFirst: true, cell: (info) => <When at={info.getValue()} /> }),
    helper.accessor((token) => token.lastUsedAt ?? '', {
      id: 'lastUsedAt',
      header: 'Last used',
      sortFn: 'text',
      sortDescFirst: true,
      cell: ({ row }) => <When at={row.original.lastUsedAt} empty="Never" />,
    }),
    helper.accessor((token) => token.revokedAt ?? token.expiresAt ?? '', {
      id: 'expiresAt',
      header: 'Expires',
      sortFn: 'text',
      cell: ({ row }) =>
        row.original.revokedAt ? (
          <span className="muted">
            Revoked <When at={row.original.revokedAt} />
          </span>
        ) : (
          <When at={row.original.expiresAt} empty="Never" />
        ),
    }),
    helper.accessor('status', {
      header: 'Status',
      enableSorting: false,
      cell: ({ row }) => {
        const { label, badge } = TOKEN_STATUS[row.original.status];
        return <span className={`badge ${badge}`}>{label}</span>;
      },
    }),
    helper.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) =>
        row.original.status === 'revoked' || !onRevoke ? null : (
          <button type="button" className="button small danger-outline" aria-label={`Revoke ${row.original.name}`} onClick={() => onRevoke(row.original)}>
            Revoke
          </button>
        ),
    }),
  ]);
  // No Revoke for who may not revoke (the server's console, by role): no column for it either.
  return onRevoke ? columns : columns.filter((column) => column.id !== 'actions');
}
