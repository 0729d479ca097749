import type { ActivityBucket, ReportSummary } from '@shared/schemas/report';
import { countOf } from '@shared/text';
import { formatDay } from '../../lib/format';
import { bucketLabel, bucketName, bucketShare, bucketsFor } from './buckets';

const BAR_WIDTH = 8;
const BAR_GAP = 2;
const CHART_HEIGHT = 120;

/** A UTC day (YYYY-MM-DD) as the admin reads dates, whatever their time zone. */
const dayLabel = formatDay;

/** Members active on each day of the retention window: one bar a day, weekends lighter. */
function DailyChart({ daily }: { daily: ReportSummary['daily'] }) {
  const most = Math.max(1, ...daily.map((entry) => entry.members));
  const peak = daily.reduce((best, entry) => (entry.members > best.members ? entry : best), daily[0] ?? { day: '', members: 0 });
  const quiet = daily.filter((entry) => entry.members === 0).length;
  const width = daily.length * (BAR_WIDTH + BAR_GAP);
  const first = daily[0];
  const last = daily.at(-1);
  const description = first && last
    ? `Members active per day from ${dayLabel(first.day)} to ${dayLabel(last.day)}: at most ${countOf(peak.members, 'member')}${peak.members > 0 ? `, on ${dayLabel(peak.day)}` : ''}; ${countOf(quiet, 'day')} with nobody active.`
    : 'No days to show.';
  return (
    <figure className="chart card" aria-labelledby="daily-chart-title">
      <figcaption id="daily-chart-title" className="chart-title">
        Members active per day
      </figcaption>
      <div className="chart-frame">
        <span className="chart-max" aria-hidden="true">
          {most.toLocaleString()}
        </span>
        <svg className="daily-chart" viewBox={`0 0 ${width} ${CHART_HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={description}>
          {daily.map((entry, index) => {
            const height = entry.members === 0 ? 0 : Math.max(2, (entry.members / most) * CHART_HEIGHT);
            const weekend = [0, 6].includes(new Date(`${entry.day}T12:00:00Z`).getUTCDay());
            return (
              <rect key={entry.day} className={weekend ? 'bar weekend' : 'bar'} x={index * (BAR_WIDTH + BAR_GAP)} y={CHART_HEIGHT - height} width={BAR_WIDTH} height={height}>
                <title>{`${dayLabel(entry.day)}: ${countOf(entry.members, 'member')}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      {first && last ? (
        <div className="chart-axis" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>{dayLabel(last.day)}</span>
        </div>
      ) : null}
    </figure>
  );
}

interface BucketChartProps {
  summary: ReportSummary;
  chosen: ActivityBucket | null;
  onChoose: (bucket: ActivityBucket | null) => void;
}

/** How many members fall in each Last Active bucket; choosing one filters the table to it. */
function BucketChart({ summary, chosen, onChoose }: BucketChartProps) {
  const buckets = bucketsFor(summary.rule);
  const most = Math.max(1, ...buckets.map((bucket) => summary.buckets[bucket]));
  return (
    <figure className="chart card" aria-labelledby="bucket-chart-title">
      <figcaption id="bucket-chart-title" className="chart-title">
        Last Active <span className="muted">· choose one to list those members</span>
      </figcaption>
      <ul className="bucket-list">
        {buckets.map((bucket) => {
          const count = summary.buckets[bucket];
          const share = bucketShare(count, summary.members);
          const label = bucketLabel(bucket, summary.rule);
          return (
            <li key={bucket}>
              <button
                type="button"
                className={`bucket bucket-${bucket}`}
                aria-pressed={chosen === bucket}
                aria-label={bucketName(bucket, summary.rule, count, share)}
                onClick={() => onChoose(chosen === bucket ? null : bucket)}
              >
                {/* The spaces keep the visible words apart ("ago 86", not "ago86") for whoever compares them with the name. */}
                <span className="bucket-label">{label}</span>{' '}
                <span className="bucket-bar" aria-hidden="true">
                  <span style={{ width: `${(count / most) * 100}%` }} />
                </span>{' '}
                <span className="bucket-count">
                  {count.toLocaleString()} <span className="muted">({share}%)</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

export function ActivityCharts(props: BucketChartProps) {
  return (
    <div className="chart-row">
      <DailyChart daily={props.summary.daily} />
      <BucketChart {...props} />
    </div>
  );
}
