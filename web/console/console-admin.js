/* global URLSearchParams, sessionStorage */
// jetway operations console, second part: help articles (admins), adding a flight, seat changes on a booking, and
// the first sign-in's new password. Loaded after console.js (both deferred) and built with its helpers.
'use strict';

(function () {
  const c = window.jetwayConsole;
  const { h, field, api, act, page, table, say, when, money } = c;
  const DAY_MS = 86400000;
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  // --- first sign-in: a new password ---------------------------------------------------------------------------

  c.more.views.password = function passwordView() {
    const current = h('input', {
      id: 'pw-current',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true });
    const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true });
    const submit = h('button', { type: 'submit', text: 'Set my password' });
    page(
      'Choose your password',
      h('p', { text: 'Your account was opened with a one-time password. Choose your own before you go on.' }),
      h(
        'form',
        {
          class: 'login card',
          onsubmit: async (e) => {
            e.preventDefault();
            if (next.value !== again.value) return say('The two new passwords differ.', 'error');
            await act(submit, async () => {
              const s = await api('/console/me/password', {
                body: { currentPassword: current.value, newPassword: next.value },
              });
              sessionStorage.setItem(
                'jetway.console',
                JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken }),
              );
              c.setMe(await api('/console/me'));
              say('Password changed.', 'ok');
              location.hash = '#/inbox';
            });
          },
        },
        field('One-time password', current),
        field('New password', next),
        field('New password again', again),
        submit,
      ),
    );
  };

  // --- help articles (admins) ----------------------------------------------------------------------------------

  c.more.views.help = async function helpView(parts, params) {
    if (parts[1]) return articleView(decodeURIComponent(parts[1]));
    const slug = h('input', { id: 'new-slug', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 64 });
    const newForm = h(
      'form',
      {
        class: 'inline card',
        onsubmit: (e) => {
          e.preventDefault();
          location.hash = `#/help/${slug.value}`;
        },
      },
      field('New article (address, e.g. pets-in-cabin)', slug),
      h('button', { type: 'submit', text: 'Write it' }),
    );
    const to = params.get('to') || isoDay(Date.now());
    const from = params.get('from') || isoDay(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
    const fromInput = h('input', { id: 'h-from', type: 'date', value: from });
    const toInput = h('input', { id: 'h-to', type: 'date', value: to });
    const range = c.filterForm(
      'help',
      [
        ['From', fromInput, 'from'],
        ['To', toInput, 'to'],
      ],
      'Show',
    );
    const [{ items }, insights] = await Promise.all([
      api('/console/help'),
      api(`/console/help-insights?${new URLSearchParams({ from, to })}`),
    ]);
    page(
      'Help articles',
      newForm,
      table(
        [
          { label: 'Question', get: (a) => h('a', { href: `#/help/${a.slug}`, text: a.question }) },
          { label: 'Topic', get: (a) => a.topic },
          { label: 'Published', get: (a) => (a.version ? `version ${a.version}, ${when(a.publishedAt)}` : 'never') },
          { label: 'Draft', get: (a) => (a.draftSavedAt ? `saved ${when(a.draftSavedAt)}` : '') },
        ],
        items,
        'No articles yet.',
      ),
      h('h2', { text: 'What travellers asked' }),
      range,
      h('h3', { text: 'Articles asked for most' }),
      table(
        [
          { label: 'Article', get: (a) => h('a', { href: `#/help/${a.slug}`, text: a.question || a.slug }) },
          { label: 'Times asked', get: (a) => a.asks, num: true },
        ],
        insights.mostAsked,
        'No questions in this range.',
      ),
      h('h3', { text: 'Left unanswered (the words of questions no article matched)' }),
      table(
        [
          { label: 'Question words', get: (u) => u.words },
          { label: 'Times asked', get: (u) => u.asks, num: true },
        ],
        insights.unanswered,
        'Every question found an article.',
      ),
    );
  };

  async function articleView(slug) {
    const detail = await api(`/console/help/${encodeURIComponent(slug)}`).catch((err) => {
      if (err.status === 404) return { slug, published: null, draft: null, versions: [] };
      throw err;
    });
    const text = detail.draft || detail.published || { topic: '', question: '', answer: '', keywords: [] };
    const topic = h('input', { id: 'f-topic', required: true, value: text.topic, pattern: '[a-z_]{2,32}' });
    const question = h('input', { id: 'f-question', required: true, maxlength: 200, value: text.question });
    const answer = h('textarea', { id: 'f-answer', required: true, rows: 8, maxlength: 5000 });
    answer.value = text.answer;
    const keywords = h('input', { id: 'f-keywords', value: (text.keywords || []).join(', ') });
    const preview = h('section', { class: 'card preview', 'aria-live': 'polite', 'aria-label': 'Preview' });
    const input = () => ({
      topic: topic.value.trim(),
      question: question.value.trim(),
      answer: answer.value.trim(),
      keywords: keywords.value
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      ...(text.position !== undefined ? { position: text.position } : {}),
    });
    const path = `/console/help/${encodeURIComponent(slug)}`;
    const showPreview = async (button) => {
      const view = await act(button, () => api(`${path}/preview`, { body: input() }));
      if (view)
        preview.replaceChildren(
          h('h2', { text: `Preview: ${view.question}` }),
          ...view.answer.split(/\n+/).map((para) => h('p', { text: para })),
        );
    };
    const saveDraft = () => api(`${path}/draft`, { method: 'PUT', body: input() });
    const buttons = h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: (e) => showPreview(e.target), text: 'Preview' }),
      h('button', {
        type: 'submit',
        class: 'secondary',
        text: 'Save draft',
      }),
      h('button', {
        type: 'button',
        onclick: (e) =>
          act(
            e.target,
            async () => {
              await saveDraft();
              await api(`${path}/publish`, { body: {} });
              await articleView(slug);
            },
            'Published: travellers read the new version now.',
          ),
        text: 'Publish',
      }),
      detail.draft
        ? h('button', {
            type: 'button',
            class: 'danger',
            onclick: (e) =>
              act(
                e.target,
                () => api(`${path}/draft`, { method: 'DELETE' }).then(() => articleView(slug)),
                'Draft discarded.',
              ),
            text: 'Discard draft',
          })
        : null,
    );
    const form = h(
      'form',
      {
        class: 'card editor',
        onsubmit: async (e) => {
          e.preventDefault();
          await act(e.submitter, async () => (await saveDraft()) && articleView(slug), 'Draft saved.');
        },
      },
      field('Topic (e.g. baggage, check_in)', topic),
      field('Question', question),
      field('Answer ({supportEmail}, {supportPhone}, {holdMinutes} and {brand} are filled in)', answer),
      field('Keywords (comma separated)', keywords),
      buttons,
    );
    page(
      `Help: ${slug}`,
      h('p', {}, h('a', { href: '#/help', text: '← All articles' })),
      h(
        'p',
        {},
        detail.published
          ? `Travellers read version ${detail.published.version}. `
          : 'Not published yet: travellers do not see it. ',
        detail.draft ? `A draft saved ${when(detail.draft.savedAt)} is not published.` : '',
      ),
      form,
      preview,
      h('h2', { text: 'Versions' }),
      table(
        [
          { label: 'Version', get: (v) => v.version, num: true },
          { label: 'Question', get: (v) => v.question },
          { label: 'Published', get: (v) => when(v.publishedAt) },
          { label: 'By', get: (v) => (v.publishedBy ? `#${v.publishedBy}` : '') },
        ],
        detail.versions,
        'No version published from the console yet.',
      ),
    );
  }

  // --- schedule: add a flight ----------------------------------------------------------------------------------

  c.more.parts.addFlightForm = function addFlightForm(date) {
    const input = (id, attrs) => h('input', { id, required: true, ...attrs });
    const airline = input('nf-airline', { size: 3, maxlength: 2, pattern: '[A-Za-z0-9]{2}' });
    const number = input('nf-number', { type: 'number', min: 1, max: 9999 });
    const origin = input('nf-origin', { size: 4, maxlength: 3 });
    const destination = input('nf-destination', { size: 4, maxlength: 3 });
    const day = input('nf-date', { type: 'date', value: date });
    const time = input('nf-time', { type: 'time' });
    const aircraft = input('nf-aircraft', { size: 5, maxlength: 4, placeholder: '320' });
    const add = h('button', { type: 'submit', text: 'Add flight' });
    return h(
      'details',
      { class: 'card' },
      h('summary', { text: 'Add a flight' }),
      h(
        'form',
        {
          class: 'inline',
          onsubmit: async (e) => {
            e.preventDefault();
            const f = await act(
              add,
              () =>
                api('/console/schedule', {
                  body: {
                    airline: airline.value,
                    flightNumber: Number(number.value),
                    origin: origin.value.toUpperCase(),
                    destination: destination.value.toUpperCase(),
                    departureDate: day.value,
                    departureTime: time.value,
                    aircraft: aircraft.value,
                  },
                }),
              'Flight added.',
            );
            if (f) location.hash = `#/schedule?${new URLSearchParams({ date: day.value, origin: f.origin })}`;
          },
        },
        field('Airline', airline),
        field('Number', number),
        field('Origin airport', origin),
        field('Destination airport', destination),
        field('Departure day', day),
        field('Departure hour (local)', time),
        field('Aircraft', aircraft),
        add,
      ),
    );
  };

  // --- bookings: change seats ----------------------------------------------------------------------------------

  c.more.parts.seatForm = function seatForm(b, reload) {
    const inputs = [];
    const lists = [];
    b.flights.forEach((f, fi) => {
      const listId = `seats-${fi}`;
      const list = h('datalist', { id: listId });
      lists.push(list);
      void api(`/flights/${f.flightId}/seatmap?${new URLSearchParams({ cabin: f.cabin })}`)
        .then((map) =>
          list.replaceChildren(
            ...map.cabins
              .flatMap((cabin) => cabin.rows.flatMap((r) => r.seats))
              .filter((s) => s.available)
              .map((s) => h('option', { value: s.designator, text: `${s.designator} ${s.tier} ${money(s.price)}` })),
          ),
        )
        .catch(() => undefined);
      b.passengers.forEach((p, pi) => {
        if (p.type === 'INF') return;
        const now = (p.seats || {})[f.flightId] || '';
        const el = h('input', {
          size: 4,
          maxlength: 4,
          list: listId,
          placeholder: now || 'seat',
          'aria-label': `New seat for ${p.firstName} ${p.lastName} on ${f.flightNumber} (now ${now || 'none'})`,
        });
        inputs.push({
          el,
          passenger: pi,
          flightId: f.flightId,
          label: `${p.firstName} ${p.lastName}, ${f.flightNumber}`,
        });
      });
    });
    const go = h('button', { type: 'submit', class: 'secondary', text: 'Change seats' });
    return h(
      'form',
      {
        class: 'inline seats',
        onsubmit: async (e) => {
          e.preventDefault();
          const seats = inputs
            .filter((i) => i.el.value.trim())
            .map((i) => ({
              passenger: i.passenger,
              flightId: i.flightId,
              designator: i.el.value.trim().toUpperCase(),
            }));
          if (!seats.length) return say('Type a new seat for at least one passenger.', 'error');
          const r = await act(go, () => api(`/console/bookings/${b.pnr}/seats`, { method: 'PUT', body: { seats } }));
          if (!r) return;
          const extra = differenceOf(r);
          await reload();
          say(`Seats changed.${extra ? ` ${extra}` : ''}`, 'ok');
        },
      },
      h('h3', { text: 'Change seats' }),
      ...lists,
      inputs.map((i) => h('label', {}, i.label, i.el)),
      go,
    );
  };

  /** What a seat change returned besides the booking: a payment link for a dearer seat, or a refund. */
  function differenceOf(r) {
    const change = r.seatChange;
    if (!change) return '';
    const parts = [];
    if (change.status === 'awaiting_payment' && change.payment)
      parts.push(
        `The new seats are held until the difference of ${money(change.due)} is paid: ${change.payment.url} ` +
          `(until ${when(change.payment.expiresAt)}).`,
      );
    if (change.refund && change.refund.amount > 0) parts.push(`Refund of ${money(change.refund)}.`);
    return parts.join(' ');
  }
})();
