import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse } from 'react-router';
import type { Route } from './+types/root';
import './app.css';

// An inline icon: the tab shows the app's check mark and the browser asks for no /favicon.ico.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%233757d6'/%3E%3Cpath d='M9 16.5l4.5 4.5L23 11.5' fill='none' stroke='white' stroke-width='3' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E";

export function links() {
  return [{ rel: 'icon', href: FAVICON }];
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = isRouteErrorResponse(error) ? (notFound ? 'Page not found' : `${error.status} ${error.statusText}`) : 'Something went wrong';
  return (
    <main className="narrow">
      <section className="card">
        <h1>{title}</h1>
        <p className="lead">{notFound ? 'There is nothing at this address.' : 'Please try again in a moment.'}</p>
        <a className="button secondary" href="/todos">
          Back to your todos
        </a>
      </section>
    </main>
  );
}
