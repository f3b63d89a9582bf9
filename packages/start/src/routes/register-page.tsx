import { FormField } from './form-field';
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, type FieldErrors } from '../auth/registration-input';

export function RegisterPage(props: { values?: { email?: string; name?: string }; errors?: FieldErrors; next?: string | null }) {
  const errors = props.errors ?? {};
  const loginHref = props.next ? `/auth/login?${new URLSearchParams({ next: props.next })}` : '/auth/login';
  return (
    <>
      <h1>Create your account</h1>
      <p className="lead">Start organizing your todos in seconds.</p>
      <form method="post" action="/auth/register" noValidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <FormField name="name" label="Name" hint="(optional)" value={props.values?.name} error={errors.name} autoComplete="name" maxLength={NAME_MAX} />
        <FormField name="email" label="Email" type="email" value={props.values?.email} error={errors.email} autoComplete="email" required maxLength={EMAIL_MAX} />
        <FormField name="password" label="Password" type="password" error={errors.password} hint="(at least 8 characters)" autoComplete="new-password" required maxLength={PASSWORD_MAX} />
        <button type="submit">Create account</button>
      </form>
      <p className="switch">
        Already have an account? <a href={loginHref}>Sign in</a>
      </p>
    </>
  );
}
