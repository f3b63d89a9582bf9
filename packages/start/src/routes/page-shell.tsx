import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f5f6f8;color:#1d2330}
main{max-width:400px;margin:20px auto 8vh;padding:32px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.05)}
h1{margin:0 0 4px;font-size:1.6rem}p.lead{margin:0 0 24px;color:#5b6475}
label{display:block;font-weight:600;margin:16px 0 4px}input{width:100%;padding:10px 12px;border:1px solid #c9ced8;border-radius:8px;font:inherit}
input[aria-invalid=true]{border-color:#c62828}.field-error{color:#c62828;font-size:.9rem;margin:4px 0 0}.form-error{background:#fdecea;color:#8e1c1c;padding:10px 12px;border-radius:8px}
button{margin-top:24px;width:100%;padding:11px;border:0;border-radius:8px;background:#3757d6;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#2c47b5}.brand{display:flex;align-items:center;gap:10px;justify-content:center;margin:8vh 0 0;font-weight:700;font-size:1.1rem}
.brand span{display:inline-grid;place-items:center;width:30px;height:30px;border-radius:8px;background:#3757d6;color:#fff}.switch{margin-top:20px;text-align:center;color:#5b6475}a{color:#3757d6}.hint{color:#5b6475;font-size:.85rem;font-weight:400}
`;

// The app's check mark, inline, so the browser asks for no /favicon.ico.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%233757d6'/%3E%3Cpath d='M9 16.5l4.5 4.5L23 11.5' fill='none' stroke='white' stroke-width='3' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E";

/** A complete server-rendered HTML page; React escapes every value it renders. */
export function renderPage(title: string, body: ReactNode, status = 200): Response {
  const markup = renderToString(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · My Todos`}</title>
        <link rel="icon" href={FAVICON} />
        <style>{STYLE}</style>
      </head>
      <body>
        <div className="brand">
          <span aria-hidden="true">✓</span>My Todos
        </div>
        <main>{body}</main>
      </body>
    </html>,
  );
  return new Response(`<!DOCTYPE html>${markup}`, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
