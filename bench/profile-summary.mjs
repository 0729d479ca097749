// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by file, top N.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile [N]
import fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i += 1) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
}
const byFunction = new Map();
const byFile = new Map();
let total = 0;
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? callFrame.url.replace(/^.*\/(node_modules\/)?/, '') : '(native)';
  const key = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byFile.set(where, (byFile.get(where) ?? 0) + micros);
  total += micros;
}
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1e6).toFixed(2)} s)`);
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(micros / 1e6).toFixed(2).padStart(8)} s ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('Self time by function', byFunction);
print('Self time by file', byFile);
