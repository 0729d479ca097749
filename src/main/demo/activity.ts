import type { ReportRule } from '@shared/schemas/settings';
import { DAY_MS } from '@shared/time';
import { firstKeptDay, retentionDays } from '../activity/retention';
import type { DemoActivityRepository } from './activity-repository';
import type { Random } from './random';
import type { Seated } from './teams';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** How far back the demo's client opens go. */
export const DEMO_ACTIVITY_DAYS = 120;
/** Opens fall in working hours (UTC); today's are fewer the less of those hours has passed. */
const WORK_START_MS = 8 * HOUR_MS;
const WORK_END_MS = 19 * HOUR_MS;

/** How a member uses the client over the demo's last 120 days. */
export type Habit = 'daily' | 'weekly' | 'occasional' | 'quietShown' | 'quietBlank' | 'quietOld' | 'never';

/** Shares of a hundred of the members who are not legacy (see ./legacy). */
const HABIT_WEIGHTS: [Habit, number][] = [
  ['daily', 34],
  ['weekly', 20],
  ['occasional', 10],
  // Stopped: last seen within the shown span, within the blank span, or before it.
  ['quietShown', 8],
  ['quietBlank', 6],
  ['quietOld', 8],
  ['never', 14],
];

/** The demo's moment and rule, as whole UTC days (days since 1970-01-01) where that helps. */
export interface ActivityMoment {
  end: number;
  endDay: number;
  /** The first day activity_days keeps (the retention window). */
  keptDay: number;
  rule: ReportRule;
  /** How much of today's working hours has passed by `end`, 0 to 1: today's opens are that much fewer. */
  todayShare: number;
}

export interface MemberActivity {
  habit: Habit;
  /** The kept days (UTC day numbers, ascending) on which the member opened the client. */
  days: number[];
  lastLoginAt: number | null;
  lastActiveAt: number | null;
}

export function activityMoment(end: number, rule: ReportRule): ActivityMoment {
  const endDay = Math.floor(end / DAY_MS);
  const elapsed = end - endDay * DAY_MS;
  return {
    end,
    endDay,
    keptDay: Date.parse(`${firstKeptDay(new Date(end), retentionDays(rule.shownDays))}T00:00:00Z`) / DAY_MS,
    rule,
    todayShare: Math.min(1, Math.max(0, (elapsed - WORK_START_MS) / (WORK_END_MS - WORK_START_MS))),
  };
}

function pickHabit(random: Random): Habit {
  let roll = random.int(1, 100);
  for (const [habit, weight] of HABIT_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return habit;
  }
  return 'daily';
}

const isWeekend = (day: number): boolean => {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
  return weekday === 0 || weekday === 6;
};

/**
 * The days from `from` to `to` on which someone with a daily or weekly routine
 * opened the client: daily people on most weekdays and few weekends, weekly
 * people on their favourite weekday and now and then another.
 */
function routine(kind: 'daily' | 'weekly', from: number, to: number, moment: ActivityMoment, random: Random): number[] {
  const diligence = 0.7 + 0.25 * random.next();
  const favourite = random.int(1, 5);
  const days: number[] = [];
  for (let day = from; day <= to; day += 1) {
    const weekday = (day + 4) % 7;
    const weekend = isWeekend(day);
    let chance = kind === 'daily' ? (weekend ? 0.08 : diligence) : weekday === favourite ? 0.75 : weekend ? 0.01 : 0.04;
    if (day === moment.endDay) chance *= moment.todayShare;
    if (random.next() < chance) days.push(day);
  }
  return days;
}

/** Every few weeks, on a weekday, the last time on `lastDay` (or the weekday before it); only days from `from` on. */
function everyFewWeeks(lastDay: number, from: number, random: Random): number[] {
  const days: number[] = [];
  for (let day = lastDay; day >= from; day -= random.int(14, 35)) {
    const friday = day - ((day + 4) % 7 === 0 ? 2 : 1);
    days.push(isWeekend(day) && friday >= from ? friday : day);
  }
  return days.reverse();
}

/** A moment in working hours on `day`, and never after the demo's moment. */
function openAt(day: number, moment: ActivityMoment, random: Random): number {
  const start = day * DAY_MS;
  const at = start + random.int(WORK_START_MS / 1000, WORK_END_MS / 1000) * 1000;
  return at <= moment.end ? at : start + Math.floor((random.next() * (moment.end - start)) / 1000) * 1000;
}

/** How many days ago someone who stopped was last seen: within the shown span, the blank span, or before it. */
function quietSpan(habit: Habit, rule: ReportRule): [number, number] | null {
  if (habit === 'quietShown') return [Math.min(31, rule.shownDays), rule.shownDays];
  if (habit === 'quietBlank') return [rule.shownDays + 1, rule.blankDays];
  if (habit === 'quietOld') return [rule.blankDays + 1, Math.max(rule.blankDays + 1, DEMO_ACTIVITY_DAYS - 1)];
  return null;
}

/**
 * One member's client opens, last login and last active time, from when they
 * took their seat (`seatAt`); their first open is the day after. The last
 * login starts the session of their last open, so it comes on or before it.
 * Some never opened the client, nor logged in.
 */
export function planMemberActivity(seatAt: number, moment: ActivityMoment, random: Random): MemberActivity {
  const { endDay, keptDay } = moment;
  const firstDay = Math.floor(seatAt / DAY_MS) + 1;
  let habit = pickHabit(random);
  const span = quietSpan(habit, moment.rule);
  const goneFor = span ? random.int(span[0], span[1]) : 0;
  // Someone seated too lately to have stopped that long ago uses the client daily.
  if (span && endDay - goneFor < firstDay) habit = 'daily';
  if (habit === 'never' || firstDay > endDay) {
    // A login after tracking began would be activity (docs/RULES.md, A1), so they never logged in either.
    return { habit: 'never', days: [], lastLoginAt: null, lastActiveAt: null };
  }

  const from = Math.max(firstDay, keptDay);
  let days: number[];
  let sessionDays = 1;
  if (habit === 'occasional') {
    days = everyFewWeeks(endDay - random.int(0, Math.min(59, endDay - firstDay)), from, random);
  } else if (habit === 'daily' || habit === 'weekly') {
    sessionDays = habit === 'weekly' ? 7 : 2;
    days = routine(habit, from, endDay, moment, random);
    // A routine that happened to miss every day still opened the client lately.
    if (days.length === 0) days.push(Math.max(from, endDay - random.int(1, 3)));
  } else {
    // Stopped: a routine until exactly `goneFor` days ago, kept only from the window on.
    const kind = random.int(1, 2) === 1 ? 'weekly' : 'daily';
    sessionDays = kind === 'weekly' ? 7 : 2;
    const lastDay = endDay - goneFor;
    days = [...routine(kind, from, lastDay - 1, moment, random), lastDay];
  }
  const lastActiveAt = openAt(days.at(-1)!, moment, random);
  const lastLoginAt = Math.min(lastActiveAt, Math.max(seatAt + MINUTE_MS, lastActiveAt - random.int(5, sessionDays * 24 * 60) * MINUTE_MS));
  return { habit, days: days.filter((day) => day >= keptDay), lastLoginAt, lastActiveAt };
}

export interface DemoActivitySummary {
  keptFrom: string;
  activeMembers: number;
  days: number;
}

/**
 * The demo's activity over its last 120 days, written in bulk: the kept days
 * (the retention window, as pruning would leave it) and each member's last
 * login and last active time. Legacy members keep the login they had.
 */
export function addDemoActivity({ activity, seated, legacy, end, rule, random }: {
  activity: DemoActivityRepository;
  seated: readonly Seated[];
  /** Account ids of the legacy members. */
  legacy: ReadonlySet<number>;
  end: number;
  rule: ReportRule;
  random: Random;
}): DemoActivitySummary {
  const moment = activityMoment(end, rule);
  const labels: string[] = [];
  for (let day = moment.keptDay; day <= moment.endDay; day += 1) labels.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  const summary: DemoActivitySummary = { keptFrom: labels[0]!, activeMembers: 0, days: 0 };
  activity.inBulk(() => {
    for (const member of seated) {
      if (legacy.has(member.accountId)) continue;
      const plan = planMemberActivity(member.at, moment, random);
      activity.insertDays(member.accountId, plan.days.map((day) => labels[day - moment.keptDay]!));
      if (plan.lastLoginAt !== null || plan.lastActiveAt !== null) {
        activity.setLastSeen(member.accountId, iso(plan.lastLoginAt), iso(plan.lastActiveAt));
      }
      if (plan.lastActiveAt !== null) summary.activeMembers += 1;
      summary.days += plan.days.length;
    }
  });
  return summary;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());
