export declare const root: string;
export declare const NATIVE_DIR: string;
export declare function bindingFileName(sqliteVersion: string, abi: string, platform: string, arch: string): string;
export declare function electronRuntime(electronPath: string): { abi: string; version: string };
export declare function compileBetterSqlite(options: {
  runtime: 'node' | 'electron';
  target: string;
  distUrl?: string;
  nodedir?: string;
  log?: (line: string) => void;
}): { file: string; scratch: string };
export declare function ensureElectronSqlite(electronPath: string, log?: (line: string) => void): string;
export declare function findElectron(): { path: string } | { error: string };
