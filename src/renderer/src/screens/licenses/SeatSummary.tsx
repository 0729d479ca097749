import type { SeatUsage } from '@shared/schemas/members';

function share(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${(part / whole) * 100}%`;
}

/** The seats at a glance: the numbers, and a bar of how they split. */
export function SeatSummary({ usage }: { usage: SeatUsage }) {
  const full = usage.free === 0;
  return (
    <section className="card seat-summary" aria-label="Seats">
      <dl className="seat-figures">
        <div>
          <dt>Seats</dt>
          <dd>{usage.seats.toLocaleString()}</dd>
        </div>
        <div>
          <dt>In use</dt>
          <dd>{usage.inUse.toLocaleString()}</dd>
        </div>
        <div>
          <dt>
            <span className="swatch swatch-members" aria-hidden="true" />
            Members
          </dt>
          <dd>{usage.members.toLocaleString()}</dd>
        </div>
        <div>
          <dt>
            <span className="swatch swatch-pending" aria-hidden="true" />
            Pending invitations
          </dt>
          <dd>{usage.pendingInvitations.toLocaleString()}</dd>
        </div>
        <div className={full ? 'seat-free full' : 'seat-free'}>
          <dt>
            <span className="swatch swatch-free" aria-hidden="true" />
            Free
          </dt>
          <dd>{usage.free.toLocaleString()}</dd>
        </div>
      </dl>
      <div
        className="seat-bar"
        role="img"
        aria-label={`${usage.members} members, ${usage.pendingInvitations} pending invitations and ${usage.free} free of ${usage.seats} seats`}
      >
        <span className="seat-bar-members" style={{ width: share(usage.members, usage.seats) }} />
        <span className="seat-bar-pending" style={{ width: share(usage.pendingInvitations, usage.seats) }} />
      </div>
      {usage.overbookedBy > 0 ? (
        <p className="seat-note" role="alert">
          {usage.overbookedBy} more {usage.overbookedBy === 1 ? 'seat is' : 'seats are'} in use than the enterprise has. Release seats, or raise the seat count.
        </p>
      ) : null}
      {full && usage.overbookedBy === 0 ? <p className="seat-note">Every seat is taken: release seats below, or raise the seat count in Settings, before adding anyone.</p> : null}
    </section>
  );
}
