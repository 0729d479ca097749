import { describeRule } from '@shared/report-rule';
import { reportRuleSchema, type ReportRule } from '@shared/schemas/settings';
import type { Result } from '@shared/result';
import { TextField } from '../../components/TextField';
import { formatDay } from '../../lib/format';
import { useDraft } from '../../lib/use-draft';
import { useSubmit } from '../../lib/use-submit';

interface ReportRuleSettingsProps {
  rule: ReportRule;
  onSave: (rule: ReportRule) => Promise<Result<unknown>>;
  /** Where this admin may not change the rule (the server's console, by role): it is shown, with no Save. */
  readOnly?: boolean;
}

type Draft = { shownDays: string; blankDays: string; trackingSince: string };

const toDraft = (rule: ReportRule): Draft => ({ shownDays: String(rule.shownDays), blankDays: String(rule.blankDays), trackingSince: rule.trackingSince });

/** The activity report's Last Active rule (docs/RULES.md, A3): its three numbers, checked as typed and by main on save. */
export function ReportRuleSettings({ rule, onSave: save, readOnly = false }: ReportRuleSettingsProps) {
  const onSave = readOnly ? undefined : save;
  // Follows the stored rule when it changes elsewhere (another window, the command line).
  const { draft, setDraft } = useDraft(rule, toDraft);
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });

  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  const parsed = reportRuleSchema.safeParse({ shownDays: whole(draft.shownDays), blankDays: whole(draft.blankDays), trackingSince: draft.trackingSince });
  const problem = (field: keyof Draft) =>
    parsed.success ? serverError?.issues?.find((issue) => issue.path.endsWith(field))?.message : parsed.error.issues.find((issue) => issue.path[0] === field)?.message;
  const changed = parsed.success && JSON.stringify(parsed.data) !== JSON.stringify(rule);

  const edit = (field: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft({ ...draft, [field]: event.target.value });
    reset();
  };

  return (
    <form
      className="report-rule"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!parsed.success || !onSave) return;
        const rule = parsed.data;
        await run(() => onSave(rule));
      }}
    >
      <div className="report-rule-fields">
        <TextField label="Show the date up to (days)" inputMode="numeric" readOnly={!onSave} value={draft.shownDays} error={problem('shownDays')} onChange={edit('shownDays')} />
        <TextField label="Leave empty up to (days)" inputMode="numeric" readOnly={!onSave} value={draft.blankDays} error={problem('blankDays')} onChange={edit('blankDays')} />
        <TextField label="Activity tracked since" type="date" readOnly={!onSave} value={draft.trackingSince} error={problem('trackingSince')} onChange={edit('trackingSince')} />
      </div>
      <p className="muted">{parsed.success ? describeRule(parsed.data, formatDay) : 'Fix the values above to see the rule.'} Day-by-day activity is kept for the days the date is shown, and never for less than 90 days.</p>
      {serverError && !serverError.issues?.length ? (
        <p className="field-error" role="alert">
          {serverError.message}
        </p>
      ) : null}
      {onSave ? (
        <div className="button-row">
          <button type="submit" className="button" disabled={!changed || busy}>
            Save the rule
          </button>
        </div>
      ) : null}
    </form>
  );
}
