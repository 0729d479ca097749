import { describe, expect, it } from 'vitest';
import { formatTable } from './command';

describe('formatTable', () => {
  it('lines columns up by characters (code points), not UTF-16 units, so an emoji counts once', () => {
    const text = formatTable(['ID', 'NAME', 'CREATED'], [
      ['1', 'Café 🚀', '2026-01-01'],
      ['22', 'Plain', '2026-01-02'],
    ]);
    expect(text.split('\n')).toEqual(['ID  NAME    CREATED', '1   Café 🚀  2026-01-01', '22  Plain   2026-01-02']);
  });
});
