// A form posted through a link that no longer works (revoked, expired or unknown at the moment of the
// post): the refusal's page says why and how to get a new link, and shows what the person typed,
// read-only and easy to copy, so an hour's report or revision is not lost. Nothing is stored: the
// link is dead. One renderer for every public form behind a link (`linkForm` in place of PAGE_FORM).
import type { ErrorRenderer } from '../http/error-policy';
import { LOST_LINK_PATH } from './lost-link-page';
import { firstValue, toFormBody, type FormBody } from './forms';
import { attrs, html, type Html } from './html';
import { page, PAGE_FORM, renderErrorPage, wantsHtml } from './page-kit';

/**
 * A form's typed fields (its text, dates and amounts; not its choices or hidden fields), each by the
 * name its error summary gives it, in the form's order: fixed, or following the posted rows (the
 * application's partners and budget lines).
 */
export type TypedFields = Readonly<Record<string, string>> | ((form: FormBody) => Readonly<Record<string, string>>);

/** Whose link the form was posted through: how its holder gets one that works. */
export type LinkHolder = 'owner' | 'report' | 'partner';

const lostLink = html`<a href=${LOST_LINK_PATH}>Mistet lenken til søknaden?</a>`;

const NEW_LINK: Record<LinkHolder, Html | ''> = {
  owner: html`<p>Du kan få en lenke som virker, på e-post: ${lostLink}</p>`,
  report: html`<p>Siden for søknaden viser rapportene som kan sendes nå. Har du ikke lenken til den, kan du få den på e-post: ${lostLink}</p>`,
  // A partner's new link comes with the owner's next version (the refusal's message says so); the lost-link page mails owners only.
  partner: '',
};

/** The text of each typed field that is not empty, in the form's order. */
export function typedText(form: FormBody, fields: TypedFields): Array<{ name: string; label: string; text: string }> {
  const labels = typeof fields === 'function' ? fields(form) : fields;
  return Object.entries(labels).flatMap(([name, label]) => {
    const text = firstValue(form, name);
    return text.trim() ? [{ name, label, text }] : [];
  });
}

/** About as many rows as the text takes, so most of it shows without scrolling. */
function rowsFor(text: string): number {
  return Math.min(12, text.split('\n').reduce((n, line) => n + 1 + Math.floor(line.length / 70), 0));
}

export function keptTextPage(message: string, typed: ReturnType<typeof typedText>, holder: LinkHolder): { title: string; body: Html } {
  const title = 'Skjemaet ble ikke sendt';
  const fields = typed.map((f) => {
    const id = `skrevet-${f.name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    return html`<div class="field"><label for=${id}>${f.label}</label><textarea${attrs({ id, rows: rowsFor(f.text), readonly: true })}>${f.text}</textarea></div>`;
  });
  return {
    title,
    body: html`<h1>${title}</h1>
<div class="notice warning" role="alert"><p>${message}</p>${NEW_LINK[holder]}</div>
${typed.length ? html`<h2>Det du skrev</h2>
<p>Ingenting av dette er lagret. Kopier det du vil ta vare på før du lukker siden, og lim det inn i skjemaet når du har en lenke som virker.</p>
${fields}` : ''}
<p><a href="/">Til forsiden</a></p>`,
  };
}

/** A refused link (404: unknown; 410: revoked or expired) answers a browser's post with what was typed; other errors as every page's. */
function keepTyped(fields: TypedFields, holder: LinkHolder): ErrorRenderer {
  return (status, body, event) => {
    if ((status !== 404 && status !== 410) || !wantsHtml(event)) return renderErrorPage(status, body, event);
    const form = toFormBody((event as { body?: unknown }).body);
    return page(status, keptTextPage(body.message, typedText(form, fields), holder));
  };
}

/** PAGE_FORM for a public form posted through a person's link. */
export function linkForm(fields: TypedFields, holder: LinkHolder) {
  return { ...PAGE_FORM, renderError: keepTyped(fields, holder) } as const;
}
