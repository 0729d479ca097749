-- A login on or after the day activity tracking began is activity (docs/RULES.md,
-- A1): imports record it so from this version on. This brings accounts imported
-- before in line, so that a list sorted by last activity (Licenses) orders them
-- as their Last Active reads. It only ever moves last_active_at forward.
UPDATE accounts SET last_active_at = last_login_at
WHERE last_login_at IS NOT NULL
  AND substr(last_login_at, 1, 10) >= coalesce((SELECT json_extract(value, '$.trackingSince') FROM settings WHERE key = 'reportRule'), '2025-05-20')
  AND (last_active_at IS NULL OR last_active_at < last_login_at);
