/**
 * How the page learns that a Roster server serves it as its web console: the
 * server puts `<meta name="roster-host" content="server">` into index.html as it
 * serves it. The page then signs admins in and calls the API with its session;
 * without the mark it is the desktop window (window.api) or browser mode.
 */
export const CONSOLE_HOST_META = 'roster-host';
export const CONSOLE_HOST_SERVER = 'server';
