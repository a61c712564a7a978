/** Small helpers for the server-rendered pages (sandbox payment, help). No templates engine needed. */

import { escapeHtml as esc } from '../../services/html-escape';

export { esc };

/** A complete page with the shared look; pages carry no scripts, so the CSP forbids them. */
export function page(title: string, body: string, brand: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(brand)}</title>
<style>
 body{font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;background:#f3f5f9;color:#1b2a3a;margin:0}
 main{max-width:520px;margin:32px auto;background:#fff;border-radius:12px;
    box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px}
 h1{font-size:1.4rem;margin:0 0 12px} .muted{color:#5b6b7c} .amount{font-size:2rem;font-weight:700;margin:8px 0}
 .banner{background:#fff4d6;border:1px solid #f0c36d;color:#6b4b00;border-radius:8px;padding:10px 12px;
    margin-bottom:16px;font-weight:600}
 .error{background:#fde8e8;border:1px solid #f5a3a3;color:#8a1c1c;border-radius:8px;padding:10px 12px;margin:12px 0}
 .ok{background:#e6f6ec;border:1px solid #8fd19e;color:#185c2b;border-radius:8px;padding:10px 12px;margin:12px 0}
 label{display:block;margin:12px 0 4px;font-weight:600}
  input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #c5ced8;border-radius:6px;font-size:1rem}
 .row{display:flex;gap:12px} .row>div{flex:1}
 button{margin-top:16px;padding:12px 18px;border:0;border-radius:8px;font-size:1rem;cursor:pointer;
    background:#1f5fbf;color:#fff}
 button.secondary{background:#e4e9f0;color:#1b2a3a} code{background:#eef1f5;padding:1px 5px;border-radius:4px}
 table{width:100%;border-collapse:collapse;margin:8px 0} td{padding:4px 0;vertical-align:top}
  td:last-child{text-align:right}
</style></head><body><main>${body}</main></body></html>`;
}

export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
