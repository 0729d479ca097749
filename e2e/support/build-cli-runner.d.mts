/** Bundles src/main/cli/run.ts into `file` (CommonJS, exporting runCli). */
export function buildCliRunner(root: string, file: string): Promise<void>;
