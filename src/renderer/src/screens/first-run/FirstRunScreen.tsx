import { useState } from 'react';
import { enterpriseNameSchema, seatCountSchema } from '@shared/schemas/enterprise';
import { issueFor } from '@shared/result';
import { TextField } from '../../components/TextField';
import { useAppInfo } from '../../data/app-queries';
import { useContractMutation } from '../../data/use-contract-mutation';
import { ServerChoiceCard } from '../servers/ServerChoiceCard';

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

function parseSeats(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** Shown while the database holds no enterprise: set one up, or open the demo. */
export function FirstRunScreen() {
  const info = useAppInfo();
  const createEnterprise = useContractMutation('enterprise:create', { errors: 'inline' });
  const createDemo = useContractMutation('enterprise:createDemo', { errors: 'inline' });
  const [name, setName] = useState('');
  const [seats, setSeats] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const busy = createEnterprise.busy || createDemo.busy;
  const serverError = createEnterprise.error ?? createDemo.error;
  const setServerError = (_: null) => {
    createEnterprise.reset();
    createDemo.reset();
  };

  const seatCount = parseSeats(seats);
  const nameError = firstIssue(enterpriseNameSchema.safeParse(name));
  const seatsError =
    seats.trim() === '' ? 'Seat count is required' : seatCount === null ? 'Seat count must be a whole number' : firstIssue(seatCountSchema.safeParse(seatCount));

  const create = async () => {
    setSubmitted(true);
    if (nameError || seatsError || seatCount === null || busy) return;
    await createEnterprise.run({ name, seats: seatCount });
  };

  const openDemo = async () => {
    createEnterprise.reset();
    await createDemo.run({});
  };

  return (
    <main className="first-run">
      <div className="first-run-intro">
        <div className="brand-mark large" aria-hidden="true">
          R
        </div>
        <h1>Welcome to Roster</h1>
        <p>Manage your enterprise’s members, teams, organizations and seats, on your own machine or on your enterprise’s Roster server.</p>
      </div>

      <div className="first-run-options">
        <form
          className="card first-run-card"
          aria-labelledby="setup-title"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <h2 id="setup-title">Set up your enterprise</h2>
          <TextField
            label="Enterprise name"
            name="enterprise-name"
            value={name}
            autoFocus
            autoComplete="organization"
            placeholder="e.g. Northwind Traders"
            error={submitted ? nameError ?? issueFor(serverError, 'name') : issueFor(serverError, 'name')}
            onChange={(event) => {
              setName(event.target.value);
              setServerError(null);
            }}
          />
          <TextField
            label="Seats"
            name="seats"
            value={seats}
            inputMode="numeric"
            placeholder="e.g. 250"
            hint="How many licenses (seats) your enterprise has."
            error={submitted ? seatsError ?? issueFor(serverError, 'seats') : issueFor(serverError, 'seats')}
            onChange={(event) => {
              setSeats(event.target.value);
              setServerError(null);
            }}
          />
          {serverError && !serverError.issues ? (
            <p className="form-error" role="alert">
              {serverError.message}
            </p>
          ) : null}
          <button type="submit" className="button primary wide" disabled={busy}>
            Create enterprise
          </button>
        </form>

        <div className="first-run-side">
          <section className="card first-run-card demo-card" aria-labelledby="demo-title">
            <h2 id="demo-title">Or explore a demo</h2>
            <p>
              Open <strong>Acme Corporation</strong>, a made-up enterprise with organizations already in place, to see how Roster
              works before you set up your own.
            </p>
            <button type="button" className="button wide" disabled={busy} onClick={() => void openDemo()}>
              Open the demo enterprise
            </button>
          </section>
          <ServerChoiceCard />
        </div>
      </div>

      {info ? (
        <p className="first-run-footnote">
          Roster keeps everything in <code>{info.databasePath}</code>
        </p>
      ) : null}
    </main>
  );
}
