import { Link } from 'react-router';
import { OrgSwitcher, type SwitcherOrg } from './org-switcher';

/** The bar on every signed-in page: the app, the organization switcher, who is signed in, sign out. */
export function AppHeader(props: { user: { name: string | null; email: string }; orgs: SwitcherOrg[]; activeOrgId: string }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/todos" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          My Todos
        </Link>
        <nav className="org-nav" aria-label="Organizations">
          <OrgSwitcher orgs={props.orgs} activeId={props.activeOrgId} />
          <Link to="/orgs/new" className="button secondary small">
            + New organization
          </Link>
        </nav>
        <div className="account">
          <span className="who" title={props.user.email}>
            <span className="muted">Signed in as</span> <strong>{props.user.name ?? props.user.email}</strong>
          </span>
          <form method="post" action="/auth/logout">
            <button type="submit" className="link">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
