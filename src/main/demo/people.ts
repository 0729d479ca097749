import type { Random } from './random';

const FIRST = [
  'Ana', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gabriel', 'Hana', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia',
  'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zara', 'Aiko', 'Bruno',
  'Carmen', 'Diego', 'Emma', 'Felix', 'Greta', 'Hugo', 'Isla', 'Jamal', 'Keiko', 'Liam', 'Maya', 'Noah', 'Olga', 'Pablo',
  'Rania', 'Sofia', 'Theo', 'Valentina', 'William', 'Yara', 'Amara', 'Bilal', 'Clara', 'Daniel', 'Esra', 'Finn', 'Grace',
  'Haruto', 'Irene', 'Joon', 'Kai', 'Leila',
];

const LAST = [
  'Lima', 'Okafor', 'Nguyen', 'Schmidt', 'Yılmaz', 'Haddad', 'Silva', 'Tanaka', 'García', 'Novak', 'Mensah', 'Johansson',
  'Rossi', 'Kowalski', 'Müller', 'Dubois', 'Kim', 'Patel', 'Cohen', 'Andersen', 'Costa', 'Ivanova', 'Singh', 'Moreau',
  'Fischer', 'Ortiz', 'Sato', 'Nowak', 'Bianchi', 'Hughes', 'Chen', 'Mwangi', 'Larsen', 'Romero', 'Bakker', 'Farouk',
  'Park', 'Walsh', 'Svensson', 'Adeyemi', 'Kaur', 'Petrov', 'Ferreira', 'Murphy', 'Yamamoto', 'Lopez', 'Jensen', 'Cruz',
  'Ahmed', 'Wright',
];

export const DEMO_DOMAIN = 'acme.example';

/** Letters an email address can carry: accents dropped, spaces and marks gone. */
function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `count` people with distinct addresses; the seed decides who. */
export function demoPeople(count: number, random: Random): { name: string; email: string }[] {
  const seen = new Map<string, number>();
  const people: { name: string; email: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = FIRST[random.int(0, FIRST.length - 1)]!;
    const last = LAST[random.int(0, LAST.length - 1)]!;
    const base = `${emailPart(first)}.${emailPart(last)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    people.push({ name: `${first} ${last}`, email: `${base}${n > 1 ? n : ''}@${DEMO_DOMAIN}` });
  }
  return people;
}
