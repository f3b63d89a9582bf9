import { FormField } from './form-field';

export function LoginPage(props: { email?: string; error?: string; next?: string | null }) {
  const registerHref = props.next ? `/auth/register?${new URLSearchParams({ next: props.next })}` : '/auth/register';
  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">Welcome back to My Todos.</p>
      {props.error ? (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/auth/login" noValidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <FormField name="email" label="Email" type="email" value={props.email} autoComplete="email" required />
        <FormField name="password" label="Password" type="password" autoComplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <p className="switch">
        New here? <a href={registerHref}>Create an account</a>
      </p>
    </>
  );
}
