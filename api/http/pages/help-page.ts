import { Router } from 'express';
import type { ApiServices } from '../../container';
import type { FaqArticleView } from '../../services/faq.service';
import { esc, page, PAGE_CSP } from './html';

/** Headings of the known topics, in page order; other topics follow under their own name. */
const TOPICS: [string, string][] = [
  ['baggage', 'Baggage'],
  ['check_in', 'Check-in and airport'],
  ['changes', 'Changing a booking'],
  ['refund', 'Cancellations and refunds'],
  ['payment', 'Payment'],
  ['seats', 'Seats'],
  ['children', 'Children and infants'],
  ['assistance', 'Special assistance'],
  ['tickets', 'Bookings and e-tickets'],
  ['contact', 'Contact us'],
  ['privacy', 'Privacy and your account'],
];

/** The help page: every article grouped by topic, each at `/help#<slug>` (the chat links there). */
export function helpPageRoutes(s: ApiServices): Router {
  const r = Router();
  r.get('/help', async (_req, res) => {
    const articles = await s.faq.list();
    res
      .status(200)
      .setHeader('Content-Security-Policy', PAGE_CSP)
      .setHeader('Cache-Control', 'public, max-age=60')
      .type('html')
      .send(page('Help', renderHelp(articles, s.config.SUPPORT_EMAIL, s.config.SUPPORT_PHONE), s.config.BRAND_NAME));
  });
  return r;
}

export function renderHelp(articles: FaqArticleView[], supportEmail: string, supportPhone: string): string {
  const known = new Map(TOPICS);
  const order = [
    ...TOPICS.map(([t]) => t),
    ...[...new Set(articles.map((a) => a.topic))].filter((t) => !known.has(t)).sort(),
  ];
  const sections = order
    .map((topic) => {
      const list = articles.filter((a) => a.topic === topic).sort((a, b) => a.position - b.position);
      if (!list.length) return '';
      const title = known.get(topic) ?? topic.replace(/_/g, ' ');
      return `<section id="topic-${esc(topic)}"><h2>${esc(title)}</h2>${list.map(article).join('')}</section>`;
    })
    .join('');
  const toc = order
    .filter((t) => articles.some((a) => a.topic === t))
    .map((t) => `<a href="#topic-${esc(t)}">${esc(known.get(t) ?? t.replace(/_/g, ' '))}</a>`);
  const email = esc(supportEmail);
  const body = sections || '<p class="muted">No help articles yet.</p>';
  return `<h1>Help</h1><p class="muted">${toc.join(' · ')}</p>${body}
<p class="muted">Still stuck? Email <a href="mailto:${email}">${email}</a> or call ${esc(supportPhone)}.</p>`;
}

function article(a: FaqArticleView): string {
  return `<article id="${esc(a.slug)}"><h3><a href="#${esc(a.slug)}">${esc(a.question)}</a></h3>${a.answer
    .split('\n')
    .map((p) => `<p>${inline(p)}</p>`)
    .join('')}</article>`;
}

/** Escapes text, then turns **bold** into <strong>. */
function inline(text: string): string {
  return esc(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}
