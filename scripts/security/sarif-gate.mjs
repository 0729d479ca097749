// The Electronegativity gate's judgement, apart from running the tool, so it is tested:
// every finding in the SARIF must match an entry of the reviewed allow-list (same
// check, same file, no more findings than the entry's count), every entry must
// say why, and an entry that matches nothing is stale and fails too, so the list
// stays short and true.

/** The findings of a SARIF log: check id, level, file (relative), line and message. */
export function findingsOf(sarif) {
  const runs = sarif?.runs;
  if (!Array.isArray(runs) || runs.length === 0) throw new Error('The SARIF log has no run: Electronegativity did not finish.');
  return runs.flatMap((run) =>
    (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      return {
        rule: result.ruleId,
        level: result.level ?? 'warning',
        file: String(location?.artifactLocation?.uri ?? '').replace(/^file:\/\/\/?/, ''),
        line: location?.region?.startLine ?? 0,
        message: result.message?.text ?? '',
      };
    }),
  );
}

/** Splits findings into accepted (with the reason) and unaccepted, and names stale or unexplained entries. */
export function judge(findings, allowList) {
  const problems = [];
  for (const entry of allowList) {
    if (typeof entry.rule !== 'string' || typeof entry.file !== 'string') problems.push(`Allow-list entry ${JSON.stringify(entry)} needs "rule" and "file".`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) problems.push(`Allow-list entry ${entry.rule} ${entry.file} needs a reason (a sentence a reviewer can check).`);
  }
  const matches = (entry, finding) => entry.rule === finding.rule && entry.file === finding.file;
  const accepted = [];
  const unaccepted = [];
  // An entry accepts as many findings as its "count" (1 unless it says): a second
  // openExternal call in the same file is a new finding to review, not a pass.
  const used = new Map();
  for (const finding of findings) {
    const entry = allowList.find((candidate) => matches(candidate, finding));
    const taken = entry ? (used.get(entry) ?? 0) : 0;
    if (entry && taken < (entry.count ?? 1)) {
      used.set(entry, taken + 1);
      accepted.push({ ...finding, reason: entry.reason });
    } else unaccepted.push(finding);
  }
  const stale = allowList.filter((entry) => !findings.some((finding) => matches(entry, finding)));
  for (const entry of stale) problems.push(`Allow-list entry ${entry.rule} ${entry.file} matches no finding any more: remove it.`);
  return { accepted, unaccepted, problems, passed: unaccepted.length === 0 && problems.length === 0 };
}
