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

/** The largest number of distinct organization names the demo can make. */
export const MAX_DEMO_ORGS = (FIXED.length + DEPARTMENTS.length) * (PLACES.length + 1);

/**
 * `count` distinct organization names: the fixed ones, then departments, then
 * departments by place, in an order the seed decides.
 */
export function demoOrgNames(count: number, random: Random): string[] {
  const departments = random.shuffle(DEPARTMENTS);
  const regional = random.shuffle(
    [...FIXED, ...DEPARTMENTS].flatMap((department) => PLACES.map((place) => `${department} ${place}`)),
  );
  return [...FIXED, ...departments, ...regional].slice(0, Math.min(count, MAX_DEMO_ORGS));
}
