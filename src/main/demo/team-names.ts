import type { Random } from './random';

const AREAS = [
  'Payments', 'Search', 'Identity', 'Billing', 'Checkout', 'Onboarding', 'Mobile', 'Web', 'Data', 'Infra', 'Security',
  'Reliability', 'Growth', 'Insights', 'Design System', 'Developer Tools', 'Integrations', 'Notifications', 'Messaging',
  'Analytics', 'Platform', 'API', 'Storage', 'Networking', 'Compliance', 'Localization', 'Accessibility', 'Support Tools',
  'Marketplace', 'Partners',
];

const KINDS = ['Team', 'Squad', 'Guild', 'Crew', 'Pod', 'Working Group'];

/** The three every demo has, in the pattern of the seed data. */
export const CORE_TEAMS = [
  { name: 'Admins', role: 'admin' as const, allOrgs: true, org: null },
  { name: 'Developers', role: 'member' as const, allOrgs: false, org: 'Engineering' },
  { name: 'Product Managers', role: 'member' as const, allOrgs: false, org: 'Product' },
];

/** `count` more distinct team names ("Payments Squad", "Search Guild 2" ...), in an order the seed decides. */
export function demoTeamNames(count: number, random: Random): string[] {
  const combos = random.shuffle(AREAS.flatMap((area) => KINDS.map((kind) => `${area} ${kind}`)));
  return Array.from({ length: count }, (_, index) => {
    const round = Math.floor(index / combos.length);
    const base = combos[index % combos.length]!;
    return round === 0 ? base : `${base} ${round + 1}`;
  });
}
