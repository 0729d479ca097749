import { useState } from 'react';
import { enterpriseNameSchema } from '@shared/schemas/enterprise';
import { TextField } from '../../components/TextField';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useSubmit } from '../../lib/use-submit';
import { useNoticesStore } from '../../stores/notices-store';

/** The enterprise's name, shown on every screen: editable, checked as it is typed and by main on save. */
export function EnterpriseNameSetting({ name }: { name: string }) {
  const [text, setText] = useState(name);
  const rename = useContractMutation('enterprise:rename', { errors: 'inline' }).run;
  const mayRename = useMayCall('enterprise:rename');
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });
  const notify = useNoticesStore((state) => state.push);

  // Follow the stored name when it changes elsewhere (another window, the command line).
  const [shown, setShown] = useState(name);
  if (shown !== name) {
    setShown(name);
    setText(name);
  }

  const parsed = enterpriseNameSchema.safeParse(text);
  const error = (parsed.success ? undefined : parsed.error.issues[0]?.message) ?? serverError?.issues?.[0]?.message ?? serverError?.message;
  const changed = parsed.success && parsed.data !== name;

  return (
    <form
      className="setting-row"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed.success || !mayRename) return;
        void run(async () => {
          const result = await rename({ name: parsed.data });
          if (result.ok) notify(`The enterprise is now called “${result.value.name}”.`);
          return result;
        });
      }}
    >
      <TextField
        className="setting-field"
        label="Name"
        value={text}
        error={error}
        hint="Shown at the top of every screen and in the audit log."
        readOnly={!mayRename}
        onChange={(event) => {
          setText(event.target.value);
          reset();
        }}
      />
      {mayRename ? (
        <button type="submit" className="button" disabled={!changed || busy}>
          Rename
        </button>
      ) : null}
    </form>
  );
}
