import { describe, expect, it } from 'vitest';
import { cliArgumentsOf } from './in-app';

describe('the app started as the roster command', () => {
  it('takes what follows --roster-cli as the command line, wherever Electron puts its own arguments', () => {
    expect(cliArgumentsOf(['/opt/Roster/roster', '--roster-cli', 'seats', '--json'])).toEqual(['seats', '--json']);
    expect(cliArgumentsOf(['/usr/bin/electron', '.', '--roster-cli', '--version'])).toEqual(['--version']);
    expect(cliArgumentsOf(['/opt/Roster/roster', '--roster-cli'])).toEqual([]);
  });

  it('is a normal start without the flag', () => {
    expect(cliArgumentsOf(['/opt/Roster/roster'])).toBeNull();
    expect(cliArgumentsOf(['/opt/Roster/roster', '--db', 'x.db'])).toBeNull();
  });
});
