/** "1 member", "2 members", "1,000 members": counts in messages, the same in every process. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * Text as search and sorting compare it: compatibility forms unfolded, accents
 * dropped, lower case. "Émile" and "emile" are the same; "Ｅ" is "e".
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
