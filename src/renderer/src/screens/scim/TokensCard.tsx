import { useMemo, useState } from 'react';
import { useTable, type SortingState } from '@tanstack/react-table';
import type { ScimToken } from '@shared/schemas/scim';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { useNoticesStore } from '../../stores/notices-store';
import { statusOf } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useScim } from './use-scim';
import { NewTokenDialog } from './NewTokenDialog';
import { tokenColumns } from './token-columns';
import { useMayCall } from '../../data/may-call';

/** The bearer tokens identity providers use: created here (shown once), listed with their state, revoked. */
export function TokensCard() {
  const { tokensQuery } = useScim();
  const tokens = useMemo(() => tokensQuery.data ?? [], [tokensQuery.data]);
  const status = statusOf(tokensQuery);
  const createToken = useContractMutation('scim:createToken', { errors: 'inline' }).run;
  const revokeToken = useContractMutation('scim:revokeToken', { errors: 'inline' }).run;
  const notify = useNoticesStore((state) => state.push);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const may = { create: useMayCall('scim:createToken'), revoke: useMayCall('scim:revokeToken') };
  const columns = useMemo(() => tokenColumns(may.revoke ? setRevoking : undefined), [may.revoke]);

  const table = useTable({
    features: listFeatures,
    columns,
    data: tokens,
    getRowId: (token) => String(token.id),
    state: { sorting },
    onSortingChange: setSorting,
  });

  const live = tokens.filter((token) => token.status === 'valid' || token.status === 'expiringSoon').length;
  return (
    <div className="card" role="region" aria-labelledby="scim-tokens-title">
      <div className="card-head">
        <div>
          <h2 id="scim-tokens-title">Tokens</h2>
          <p className="muted">{status !== 'ready' ? 'Loading…' : tokens.length === 0 ? 'Identity providers send one with every request.' : `${countOf(live, 'token')} in use${tokens.length > live ? `, ${tokens.length - live} no longer valid` : ''}.`}</p>
        </div>
        {may.create ? (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New token
          </button>
        ) : null}
      </div>
      <DataTable
        table={table}
        label="Tokens"
        empty={
          status !== 'ready' ? (
            'Loading tokens…'
          ) : (
            <div className="empty-state">
              <strong>No tokens yet</strong>
              <span>Create one for each identity provider. Without a valid token every SCIM request is refused with 401.</span>
            </div>
          )
        }
      />
      {creating ? <NewTokenDialog onCreate={createToken} onClose={() => setCreating(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          body={[
            'Every request with this token is refused (401) from now on, so the identity provider that uses it stops provisioning until you give it a new token.',
            'Members and teams it created stay. A revoked token cannot be brought back.',
          ]}
          confirmLabel="Revoke token"
          onConfirm={async () => {
            const result = await revokeToken({ id: revoking.id });
            if (result.ok) notify(`Revoked ${revoking.name}.`);
            return result;
          }}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </div>
  );
}
