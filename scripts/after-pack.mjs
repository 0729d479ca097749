// electron-builder's afterPack hook (electron-builder.yml): puts a better-sqlite3
// compiled for the packaged Electron into the app, in place of the Node build
// that `npm install` made (tests, the command line and browser mode keep theirs).
// electron-builder's own npmRebuild is off: it would rebuild node_modules in
// place. Compiling needs Electron's headers from electronjs.org, and a native
// module is built on the platform it runs on: build each OS's installers on
// that OS (for example a CI matrix), for its own architecture.
import fs from 'node:fs';
import path from 'node:path';
import { compileBetterSqlite, root } from './electron-sqlite.mjs';

/** electron-builder's Arch enum, as node-gyp names architectures. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** Where the packaged app keeps its unpacked better-sqlite3 binary (asarUnpack in electron-builder.yml). */
export function packagedBindingPath(appOutDir, platform, productName) {
  const resources = platform === 'darwin' ? path.join(appOutDir, `${productName}.app`, 'Contents', 'Resources') : path.join(appOutDir, 'resources');
  return path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(
      `Roster's better-sqlite3 is compiled for the machine that packages it: build ${platform}-${arch} installers on ${platform}-${arch} (this is ${process.platform}-${process.arch}).`,
    );
  }
  const electronVersion = context.packager.config.electronVersion ?? JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const target = packagedBindingPath(context.appOutDir, platform, context.packager.appInfo.productFilename);
  if (!fs.existsSync(path.dirname(target))) throw new Error(`better-sqlite3 is not unpacked where Roster expects it: ${path.dirname(target)}`);
  const { file, scratch } = compileBetterSqlite({ runtime: 'electron', target: electronVersion, distUrl: 'https://electronjs.org/headers', arch });
  try {
    fs.copyFileSync(file, target);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`  • better-sqlite3 built for Electron ${electronVersion} (${platform}-${arch}) → ${path.relative(context.appOutDir, target)}`);
}
