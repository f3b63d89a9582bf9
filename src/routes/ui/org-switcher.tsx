import { Form, useSubmit } from 'react-router';
import { useHydrated } from './use-hydrated';

export type SwitcherOrg = { id: string; name: string };

/** Picks the active organization: submits on change once JavaScript runs, with a button before that. */
export function OrgSwitcher({ orgs, activeId }: { orgs: SwitcherOrg[]; activeId: string }) {
  const submit = useSubmit();
  const hydrated = useHydrated();
  return (
    <Form method="post" action="/orgs/switch" className="org-switcher">
      <label htmlFor="org-switcher" className="visually-hidden">
        Organization
      </label>
      <select id="org-switcher" name="orgId" defaultValue={activeId} key={activeId} onChange={(e) => submit(e.currentTarget.form)}>
        {orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
      {hydrated ? null : (
        <button type="submit" className="secondary small">
          Switch
        </button>
      )}
    </Form>
  );
}
