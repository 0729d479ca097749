import type { Random } from './random';

// Engineering and Product come first in every demo: the teams of later demo
// data (a dev team on Engineering, a product team on Product) link to them.
const FIXED = ['Engineering', 'Product'];

const DEPARTMENTS = [
  'Design', 'Marketing', 'Sales', 'Customer Success', 'Finance', 'People', 'Legal', 'Security',
  'Data', 'Operations', 'Support', 'Research', 'IT', 'Partnerships', 'Mobile', 'Platform',
  'Infrastructure', 'Quality', 'Growth', 'Developer Relations',
];

const PLACES = [
  'EMEA', 'APAC', 'Americas', 'Berlin', 'London', 'Tokyo', 'São Paulo', 'Toronto', 'Sydney',
  'Bangalore', 'Paris', 'Madrid', 'Singapore', 'Dublin', 'Austin', 'Seoul', 'Zürich',
  'Nairobi', 'Warsaw', 'Lisbon', 'Montréal', 'Oslo', 'Mexico City', 'Tel Aviv', 'Jakarta',
];

/**
 * `count` distinct organization names: the fixed ones, then departments, then
 * departments by place, in an order the seed decides. Past the 572 those make
 * (a demo of about 115,000 members or more: one organization per 200), the
 * regional names come round again numbered ("Design Berlin 2"), as the teams'
 * do, so a demo of a million members keeps its 5,000 organizations.
 */
export function demoOrgNames(count: number, random: Random): string[] {
  const departments = random.shuffle(DEPARTMENTS);
  const regional = random.shuffle(
    [...FIXED, ...DEPARTMENTS].flatMap((department) => PLACES.map((place) => `${department} ${place}`)),
  );
  const first = [...FIXED, ...departments, ...regional];
  return Array.from({ length: count }, (_, index) => {
    if (index < first.length) return first[index]!;
    const past = index - first.length;
    return `${regional[past % regional.length]!} ${Math.floor(past / regional.length) + 2}`;
  });
}
