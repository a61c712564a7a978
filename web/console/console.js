/* global URL, Node, sessionStorage, AbortController, TextDecoder, URLSearchParams */
// jetway operations console: plain browser JavaScript, no framework and no build step. Every view is built
// with DOM calls (text is never parsed as HTML), talks to /api/v1/console with the signed-in bearer token,
// and follows support cases live over server-sent events read with fetch (EventSource cannot send headers).
'use strict';

(function () {
  const API = '/api/v1';
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const statusBox = document.getElementById('status');
  let me = null;
  let events = null;
  let onCasesChanged = null;
  /** Views (by the address's first part) and parts of views that console-admin.js adds. */
  const more = { views: {}, parts: {} };

  // --- small helpers -------------------------------------------------------------------------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
    return el;
  }
  const field = (label, input) => h('label', {}, label, input);
  /**
   * A filter form whose submit moves to `#/route?…` with the filled fields (so the view is bookmarkable and the
   * back button works). `fields` are [label, input, query key]; `attrs` and `extra` add to the form.
   */
  const filterForm = (route, fields, submitText, attrs = {}, ...extra) =>
    h(
      'form',
      {
        class: 'inline',
        ...attrs,
        onsubmit: (e) => {
          e.preventDefault();
          const q = new URLSearchParams();
          for (const [, input, key] of fields) if (input.value) q.set(key, input.value);
          location.hash = `#/${route}?${q}`;
        },
      },
      fields.map(([label, input]) => field(label, input)),
      h('button', { type: 'submit', text: submitText }),
      ...extra,
    );
  const money = (m) =>
    m
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(
          m.amount / minor(m.currency),
        )
      : '';
  const minor = (currency) =>
    Math.pow(10, new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits);
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
  const minutes = (s) => (s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

  /** A passenger's checked bags per flight: "BA117 3 (2 added)" — what the fare includes plus bags paid for. */
  const checkedBags = (b, p) =>
    (p.checkedBags || [])
      .filter((c) => c.included + c.added > 0)
      .map((c) => {
        const f = b.flights.find((x) => x.flightId === c.flightId);
        return `${f ? f.flightNumber : c.flightId} ${c.included + c.added}${c.added ? ` (${c.added} added)` : ''}`;
      })
      .join(', ') || '—';

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.className = `status ${kind || ''}`;
  }

  function tokens() {
    return JSON.parse(sessionStorage.getItem('jetway.console') || 'null');
  }

  async function api(path, opts = {}) {
    const t = tokens();
    const res = await fetch(`${API}${path}`, {
      method: opts.method || (opts.body ? 'POST' : 'GET'),
      headers: {
        ...(t ? { Authorization: `Bearer ${t.accessToken}` } : {}),
        ...(opts.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: opts.body ? JSON.stringify(opts.body) : undefined,
    });
    if (res.status === 401 && t && !opts.retried && (await refresh())) return api(path, { ...opts, retried: true });
    if (opts.raw) return res;
    const body = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const err = new Error((body && body.error && body.error.message) || `Request failed (${res.status})`);
      err.status = res.status;
      err.code = body && body.error && body.error.code;
      throw err;
    }
    return body;
  }

  async function refresh() {
    const t = tokens();
    if (!t || !t.refreshToken) return false;
    const res = await fetch(`${API}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: t.refreshToken }),
    });
    if (!res.ok) return false;
    const s = await res.json();
    sessionStorage.setItem(
      'jetway.console',
      JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken }),
    );
    return true;
  }

  /** Runs an action from a button, saying what happened; errors are shown, never thrown at the page. */
  async function act(button, work, done) {
    if (button) button.disabled = true;
    try {
      const out = await work();
      if (done) say(done, 'ok');
      return out;
    } catch (err) {
      say(err.message, 'error');
      if (err.status === 401) signOut();
      return undefined;
    } finally {
      if (button) button.disabled = false;
    }
  }

  /** Downloads a CSV with the bearer token (a plain link could not send it). */
  async function download(path, filename) {
    const res = await api(path, { raw: true });
    if (!res.ok) return say(`Download failed (${res.status})`, 'error');
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(`Downloaded ${filename}`, 'ok');
  }

  function table(columns, rows, empty) {
    if (!rows.length) return h('p', { class: 'muted', text: empty || 'Nothing to show.' });
    // A table wider than the screen scrolls sideways: the wrapper takes focus so the keyboard can scroll it too.
    return h(
      'div',
      {
        class: 'table-wrap',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Scrollable table',
      },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              {},
              columns.map((c) => {
                const v = c.get(r);
                return h('td', { class: c.num ? 'num' : null }, v instanceof Node ? v : String(v ?? ''));
              }),
            ),
          ),
        ),
      ),
    );
  }

  /** A bar chart as inline SVG with a text alternative (the table beside it has the figures). */
  function barChart(title, points) {
    if (!points.length) return null;
    const width = 600;
    const height = 200;
    const max = Math.max(1, ...points.map((p) => p.value));
    const bw = width / points.length;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height + 20}`);
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${title}: ${points.map((p) => `${p.label} ${p.text}`).join(', ')}`);
    points.forEach((p, i) => {
      const bh = Math.round((p.value / max) * (height - 10));
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(i * bw + 2));
      rect.setAttribute('y', String(height - bh));
      rect.setAttribute('width', String(Math.max(1, bw - 4)));
      rect.setAttribute('height', String(bh));
      rect.setAttribute('fill', '#1d4ed8');
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = `${p.label}: ${p.text}`;
      rect.append(tip);
      svg.append(rect);
      if (points.length <= 16 || i % Math.ceil(points.length / 12) === 0) {
        const label = document.createElementNS(ns, 'text');
        label.setAttribute('x', String(i * bw + 2));
        label.setAttribute('y', String(height + 14));
        label.textContent = p.label.slice(-5);
        svg.append(label);
      }
    });
    return svg;
  }

  function page(title, ...content) {
    main.replaceChildren(h('h1', { text: title }), ...content);
    document.title = `${title} · jetway console`;
    main.focus();
  }

  // --- sign-in and navigation ----------------------------------------------------------------------------------

  function signOut() {
    const t = tokens();
    if (t)
      void fetch(`${API}/auth/logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: t.refreshToken }),
      }).catch(() => undefined);
    sessionStorage.removeItem('jetway.console');
    me = null;
    if (events) events.abort();
    events = null;
    nav.hidden = true;
    location.hash = '#/login';
    route();
  }

  function loginView() {
    const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
    const password = h('input', {
      id: 'password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const submit = h('button', { type: 'submit', text: 'Sign in' });
    const form = h(
      'form',
      {
        class: 'login card',
        onsubmit: async (e) => {
          e.preventDefault();
          await act(submit, async () => {
            const s = await api('/auth/login', { body: { email: email.value, password: password.value } });
            sessionStorage.setItem(
              'jetway.console',
              JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken }),
            );
            try {
              me = await api('/console/me');
            } catch (err) {
              if (err.code === 'password_change_required') {
                location.hash = '#/password';
                return;
              }
              sessionStorage.removeItem('jetway.console');
              throw err.code === 'not_an_agent' ? new Error('The console is for support agents and admins.') : err;
            }
            say(`Signed in as ${me.name}`, 'ok');
            location.hash = '#/inbox';
          });
        },
      },
      field('Email', email),
      field('Password', password),
      submit,
    );
    page('Sign in to the console', form);
  }

  function renderNav(current) {
    const links = [
      ['#/inbox', 'Inbox'],
      ['#/bookings', 'Bookings'],
      ['#/reports', 'Reports'],
      ['#/disruptions', 'Disruptions'],
      ...(me.role === 'admin'
        ? [
            ['#/schedule', 'Schedule'],
            ['#/users', 'Users'],
            ['#/audit', 'Audit log'],
            ['#/help', 'Help articles'],
          ]
        : []),
    ];
    nav.replaceChildren(
      ...links.map(([href, label]) => h('a', { href, 'aria-current': current === href ? 'page' : null, text: label })),
      h('button', { type: 'button', onclick: signOut, text: `Sign out (${me.name})` }),
    );
    nav.hidden = false;
  }

  /** Live case changes: one stream per page, reconnecting after a pause. */
  async function followCases() {
    if (events) return;
    events = new AbortController();
    const signal = events.signal;
    while (!signal.aborted) {
      try {
        const res = await api('/console/events', { raw: true });
        if (!res.ok) throw new Error(String(res.status));
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        signal.addEventListener('abort', () => reader.cancel().catch(() => undefined));
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (/^event: cases$/m.test(chunk) && onCasesChanged) onCasesChanged();
          }
        }
      } catch {
        // Reconnect below.
      }
      if (!signal.aborted) await new Promise((r) => setTimeout(r, 3000));
    }
  }

  // --- inbox ---------------------------------------------------------------------------------------------------

  async function inboxView(params) {
    const view = params.get('view') || 'open';
    const list = h('div', {});
    const tabs = h(
      'div',
      { class: 'tabs', role: 'navigation', 'aria-label': 'Case lists' },
      ['open', 'assigned', 'closed'].map((v) =>
        h('a', {
          href: `#/inbox?view=${v}`,
          'aria-current': v === view ? 'page' : null,
          text: v[0].toUpperCase() + v.slice(1),
        }),
      ),
    );
    page('Support inbox', tabs, list);
    const load = async () => {
      const { items } = await api(`/console/cases?view=${view}`);
      list.replaceChildren(
        table(
          [
            { label: 'Case', get: (c) => h('a', { href: `#/cases/${c.id}`, text: `#${c.id}` }) },
            { label: 'Channel', get: (c) => c.channelId },
            { label: 'Traveller', get: (c) => c.travellerName || '—' },
            { label: 'Booking', get: (c) => (c.pnr ? h('a', { href: `#/bookings/${c.pnr}`, text: c.pnr }) : '—') },
            { label: 'Reason', get: (c) => c.reason },
            { label: 'Waited', get: (c) => minutes(c.waitSeconds), num: true },
            { label: 'Agent', get: (c) => (c.mine ? 'you' : c.agentName || '—') },
            {
              label: 'Last message',
              get: (c) => (c.lastMessage ? `${c.lastMessage.author}: ${c.lastMessage.text}` : ''),
            },
          ],
          items,
          `No ${view} cases.`,
        ),
      );
    };
    onCasesChanged = () => void load().catch(() => undefined);
    await load();
  }

  async function caseView(id) {
    const render = async () => {
      const c = await api(`/console/cases/${id}`);
      const transcript = h(
        'ol',
        { class: 'transcript', 'aria-label': 'Conversation' },
        c.transcript.map((m) =>
          h(
            'li',
            { class: m.author },
            h('div', { class: 'who', text: `${m.author === 'note' ? 'internal note' : m.author} · ${when(m.at)}` }),
            m.text,
          ),
        ),
      );
      const actions = h('div', { class: 'actions' });
      const holding = c.status === 'agent' && c.mine;
      if (c.status === 'queued' || c.status === 'bot')
        actions.append(
          h('button', {
            type: 'button',
            onclick: (e) =>
              act(
                e.target,
                () => api(`/console/cases/${id}/take`, { body: {} }).then(render),
                'You took the case over.',
              ),
            text: 'Take over',
          }),
        );
      if (holding)
        actions.append(
          h('button', {
            type: 'button',
            class: 'secondary',
            onclick: (e) =>
              act(
                e.target,
                () => api(`/console/cases/${id}/hand-back`, { body: {} }).then(render),
                'Handed back to the bot.',
              ),
            text: 'Hand back to the bot',
          }),
        );
      if (c.status !== 'resolved' && (holding || c.status !== 'agent' || me.role === 'admin'))
        actions.append(
          h('button', {
            type: 'button',
            class: 'secondary',
            onclick: (e) =>
              act(e.target, () => api(`/console/cases/${id}/close`, { body: {} }).then(render), 'Case closed.'),
            text: 'Close case',
          }),
        );
      const reply = h('textarea', { id: 'reply-text', name: 'text', required: true });
      const note = h('textarea', { id: 'note-text', name: 'note', required: true });
      const sendReply = h('button', { type: 'submit', text: 'Send to traveller' });
      const addNote = h('button', { type: 'submit', class: 'secondary', text: 'Add note' });
      const forms = h(
        'div',
        { class: 'grid' },
        holding
          ? h(
              'form',
              {
                onsubmit: (e) => {
                  e.preventDefault();
                  void act(
                    sendReply,
                    () => api(`/console/cases/${id}/reply`, { body: { text: reply.value } }).then(render),
                    'Sent.',
                  );
                },
              },
              field(`Reply on ${c.channelId}`, reply),
              sendReply,
            )
          : h('p', {
              class: 'muted',
              text:
                c.status === 'agent'
                  ? `${c.agentName || 'Another agent'} holds this case.`
                  : 'Take the case over to reply.',
            }),
        h(
          'form',
          {
            onsubmit: (e) => {
              e.preventDefault();
              void act(
                addNote,
                () => api(`/console/cases/${id}/note`, { body: { text: note.value } }).then(render),
                'Note added.',
              );
            },
          },
          field('Internal note (agents only)', note),
          addNote,
        ),
      );
      page(
        `Case #${c.id}`,
        h(
          'div',
          { class: 'card' },
          h(
            'p',
            {},
            `${c.kind} · ${c.reason} · channel ${c.channelId} · `,
            h('strong', { text: c.status }),
            c.agentName ? ` · ${c.mine ? 'you' : c.agentName}` : '',
            c.inSlack ? ' · also in Slack' : '',
          ),
          h(
            'p',
            {},
            `Traveller: ${c.travellerName || 'unknown'} ${c.travellerEmail ? `(${c.travellerEmail})` : ''} · waited ${minutes(c.waitSeconds)}`,
          ),
          c.booking
            ? h(
                'p',
                {},
                'Booking: ',
                c.booking.pnr ? h('a', { href: `#/bookings/${c.booking.pnr}`, text: c.booking.pnr }) : '',
                ` ${c.booking.summary || ''} ${c.booking.payment || ''}`,
              )
            : null,
        ),
        actions,
        h('h2', { text: 'Conversation' }),
        transcript,
        forms,
      );
      transcript.scrollTop = transcript.scrollHeight;
    };
    onCasesChanged = () => {
      // Keep what the agent is typing: refresh only the transcript area when nothing is being written.
      const typing =
        document.activeElement && document.activeElement.tagName === 'TEXTAREA' && document.activeElement.value;
      if (!typing) void render().catch(() => undefined);
    };
    await render();
  }

  // --- bookings ------------------------------------------------------------------------------------------------

  async function bookingsView(params) {
    const q = h('input', {
      id: 'q',
      name: 'q',
      value: params.get('q') || '',
      placeholder: 'PNR, name, email, phone, BA117',
    });
    const date = h('input', { id: 'date', name: 'date', type: 'date', value: params.get('date') || '' });
    const results = h('div', {});
    const form = filterForm(
      'bookings',
      [
        ['Search', q, 'q'],
        ['Departure date', date, 'date'],
      ],
      'Search',
      { role: 'search' },
    );
    page('Bookings', form, results);
    if (!params.get('q') && !params.get('date')) return;
    const query = new URLSearchParams();
    if (params.get('q')) query.set('q', params.get('q'));
    if (params.get('date')) query.set('date', params.get('date'));
    const { items } = await api(`/console/bookings?${query}`);
    results.replaceChildren(
      table(
        [
          { label: 'Reference', get: (b) => h('a', { href: `#/bookings/${b.pnr}`, text: b.pnr }) },
          { label: 'Status', get: (b) => b.status },
          { label: 'Lead passenger', get: (b) => b.leadPassenger },
          { label: 'Email', get: (b) => b.email },
          { label: 'Route', get: (b) => b.route },
          { label: 'Departs', get: (b) => b.firstDeparture },
          { label: 'Total', get: (b) => money(b.total), num: true },
        ],
        items,
        'No bookings match.',
      ),
    );
  }

  /** Meals, wheelchairs and pets per passenger and flight (SSR codes), so agents see them beside the seats. */
  function specialRequestRows(b) {
    const flightNumber = new Map(b.flights.map((f) => [f.flightId, f.flightNumber]));
    return b.passengers.flatMap((x) =>
      (x.specialRequests || []).map((r) => ({
        passenger: `${x.firstName} ${x.lastName}`,
        flight: flightNumber.get(r.flightId) || String(r.flightId),
        code: r.code,
        label: r.label,
      })),
    );
  }

  async function bookingView(pnr) {
    const p = await api(`/console/bookings/${pnr}`);
    const b = p.booking;
    const quoteBox = h('div', {});
    const waive = h('input', { id: 'waive', type: 'checkbox' });
    const reason = h('input', { id: 'waive-reason', name: 'reason', maxlength: 500 });
    const quoteButton = h('button', { type: 'submit', class: 'secondary', text: 'Get cancellation quote' });
    const cancellable = b.status === 'confirmed' || b.status === 'held';
    const actions = h(
      'div',
      { class: 'card' },
      h('h2', { text: 'Actions' }),
      b.status === 'confirmed'
        ? h(
            'div',
            { class: 'actions' },
            h('button', {
              type: 'button',
              onclick: (e) =>
                act(
                  e.target,
                  () => api(`/console/bookings/${pnr}/resend-confirmation`, { body: {} }),
                  'Confirmation sent again.',
                ),
              text: 'Resend confirmation',
            }),
          )
        : null,
      cancellable
        ? h(
            'form',
            {
              class: 'inline',
              onsubmit: async (e) => {
                e.preventDefault();
                const q = await act(quoteButton, () =>
                  api(`/console/bookings/${pnr}/cancellation-quote`, {
                    body: { waiveFee: waive.checked, ...(reason.value ? { reason: reason.value } : {}) },
                  }),
                );
                if (!q) return;
                const confirm = h('button', {
                  type: 'button',
                  class: 'danger',
                  onclick: (ev) =>
                    act(
                      ev.target,
                      () =>
                        api(`/console/bookings/${pnr}/cancel`, { body: { quoteId: q.id } }).then(() =>
                          bookingView(pnr),
                        ),
                      `Booking ${pnr} cancelled.`,
                    ),
                  text: `Cancel and refund ${money(q.refund)}`,
                });
                quoteBox.replaceChildren(
                  h(
                    'p',
                    {},
                    `Refund ${money(q.refund)}, fee ${money(q.fee)}${q.waived ? ' (waived)' : ''} · ${q.rule} · valid until ${when(q.expiresAt)}`,
                  ),
                  confirm,
                );
                confirm.focus();
              },
            },
            h('label', { class: 'check' }, waive, 'Waive the fee'),
            field('Reason (needed to waive)', reason),
            quoteButton,
          )
        : h('p', { class: 'muted', text: `This booking is ${b.status}.` }),
      quoteBox,
      cancellable && more.parts.seatForm ? more.parts.seatForm(b, () => bookingView(pnr)) : null,
    );
    page(
      `Booking ${b.pnr}`,
      h(
        'p',
        {},
        h('strong', { text: b.status }),
        ` · booked ${when(b.createdAt)} · ${p.channel || 'unknown channel'} · ${money(b.price.total)} · ${b.contact.email} ${b.contact.phone || ''}`,
      ),
      actions,
      h('h2', { text: 'Itinerary' }),
      table(
        [
          { label: 'Flight', get: (f) => f.flightNumber },
          { label: 'From', get: (f) => `${f.origin.code} ${f.origin.city}` },
          { label: 'To', get: (f) => `${f.destination.code} ${f.destination.city}` },
          { label: 'Departs (local)', get: (f) => f.departureTime },
          { label: 'Cabin', get: (f) => `${f.cabin} · ${f.fareName}` },
          { label: 'Status', get: (f) => f.status },
        ],
        b.flights,
      ),
      h('h2', { text: 'Passengers and seats' }),
      table(
        [
          { label: 'Name', get: (x) => `${x.firstName} ${x.lastName}` },
          { label: 'Type', get: (x) => x.type },
          { label: 'Ticket', get: (x) => x.ticketNumber || '—' },
          { label: 'Seats', get: (x) => Object.values(x.seats).join(', ') || '—' },
          // Included by the fare plus extra bags paid for (api/domain/baggage.ts), per flight.
          { label: 'Checked bags', get: (x) => checkedBags(b, x) },
        ],
        b.passengers,
      ),
      h('h2', { text: 'Special requests' }),
      table(
        [
          { label: 'Passenger', get: (x) => x.passenger },
          { label: 'Flight', get: (x) => x.flight },
          { label: 'Code', get: (x) => x.code },
          { label: 'Request', get: (x) => x.label },
        ],
        specialRequestRows(b),
        'No special requests.',
      ),
      h('h2', { text: 'Payments' }),
      table(
        [
          { label: 'Provider', get: (x) => x.provider },
          { label: 'Status', get: (x) => x.status },
          { label: 'Paid', get: (x) => when(x.paidAt) },
          { label: 'Amount', get: (x) => money(x.amount), num: true },
        ],
        p.payments,
        'No payments.',
      ),
      h('h2', { text: 'Refunds' }),
      table(
        [
          { label: 'Status', get: (x) => x.status + (x.failureReason ? ` (${x.failureReason})` : '') },
          { label: 'Reason', get: (x) => x.reason },
          { label: 'Updated', get: (x) => when(x.updatedAt) },
          { label: 'Amount', get: (x) => money(x.amount), num: true },
        ],
        p.refunds,
        'No refunds.',
      ),
      h('h2', { text: 'Emails' }),
      table(
        [
          { label: 'Subject', get: (x) => x.subject },
          { label: 'To', get: (x) => x.to },
          { label: 'Status', get: (x) => x.status },
          { label: 'Sent', get: (x) => when(x.sentAt) },
        ],
        p.emails,
        'No emails.',
      ),
      h('h2', { text: 'Conversations' }),
      p.conversations.length
        ? p.conversations.map((c) =>
            h(
              'div',
              { class: 'card' },
              h(
                'p',
                {},
                h('a', { href: `#/cases/${c.caseId}`, text: `Case #${c.caseId}` }),
                ` · ${c.channelId} · ${c.status}`,
              ),
              h(
                'ol',
                { class: 'transcript' },
                c.transcript.map((m) =>
                  h('li', { class: m.author }, h('div', { class: 'who', text: m.author }), m.text),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted', text: 'No support conversations.' }),
      h('h2', { text: 'History' }),
      table(
        [
          { label: 'When', get: (a) => when(a.at) },
          { label: 'Who', get: (a) => `${a.actorRole} #${a.actorUserId ?? ''}` },
          { label: 'What', get: (a) => a.action },
          { label: 'Reason', get: (a) => a.reason || '' },
        ],
        p.history,
        'No staff actions yet.',
      ),
    );
  }

  // --- reports -------------------------------------------------------------------------------------------------

  const REPORTS = [
    ['revenue', 'Bookings and revenue per day'],
    ['funnel', 'Conversation funnel by channel'],
    ['load-factor', 'Load factor by route'],
    ['support', 'Support cases'],
    ['ratings', 'Ratings'],
  ];

  async function reportsView(params) {
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
    const from = h('input', { id: 'from', type: 'date', value: params.get('from') || monthAgo });
    const to = h('input', { id: 'to', type: 'date', value: params.get('to') || today });
    const channel = h(
      'select',
      { id: 'channel' },
      ['', 'webchat', 'sms', 'slack', 'api'].map((c) =>
        h('option', { value: c, selected: (params.get('channel') || '') === c, text: c || 'all channels' }),
      ),
    );
    const form = filterForm(
      'reports',
      [
        ['From', from, 'from'],
        ['To', to, 'to'],
        ['Channel', channel, 'channel'],
      ],
      'Show',
    );
    const body = h('div', {});
    page('Reports', form, body);
    const query = new URLSearchParams({ from: from.value, to: to.value });
    if (channel.value) query.set('channel', channel.value);
    for (const [key, title] of REPORTS) {
      const section = h(
        'section',
        { class: 'card', 'aria-labelledby': `r-${key}` },
        h('h2', { id: `r-${key}`, text: title }),
      );
      body.append(section);
      try {
        const r = await api(`/console/reports/${key}?${query}`);
        const cols = r.columns.map((c) => ({
          label: c.label,
          num: c.kind !== 'text',
          get: (row) => format(row[c.key], c.kind, row),
        }));
        if (r.chart) {
          const points = r.rows.map((row) => ({
            label: String(row[r.chart.x]) + (r.chart.series ? ` ${row[r.chart.series]}` : ''),
            value: Number(row[r.chart.y]) || 0,
            text: format(row[r.chart.y], r.columns.find((c) => c.key === r.chart.y).kind, row),
          }));
          const chart = barChart(title, points);
          if (chart) section.append(chart);
        }
        section.append(table(cols, r.rows, 'No data in this range.'));
        section.append(
          h(
            'div',
            { class: 'actions' },
            h('button', {
              type: 'button',
              class: 'secondary',
              onclick: () => download(`/console/reports/${key}.csv?${query}`, `${key}-${from.value}-${to.value}.csv`),
              text: `Download ${title.toLowerCase()} (CSV)`,
            }),
          ),
        );
      } catch (err) {
        section.append(h('p', { class: 'muted', text: err.message }));
      }
    }
  }

  function format(v, kind, row) {
    if (v === null || v === undefined) return '';
    if (kind === 'money') return money({ amount: Number(v), currency: row.currency });
    if (kind === 'percent') return `${(Number(v) * 100).toFixed(1)} %`;
    if (kind === 'seconds') return minutes(Math.round(Number(v)));
    return String(v);
  }

  // --- schedule (admins) ---------------------------------------------------------------------------------------

  async function scheduleView(params) {
    const origin = h('input', { id: 'origin', size: 4, maxlength: 3, value: params.get('origin') || '' });
    const destination = h('input', {
      id: 'destination',
      size: 4,
      maxlength: 3,
      value: params.get('destination') || '',
    });
    const date = h('input', {
      id: 'sdate',
      type: 'date',
      value: params.get('date') || new Date().toISOString().slice(0, 10),
    });
    const form = filterForm(
      'schedule',
      [
        ['From (IATA)', origin, 'origin'],
        ['To (IATA)', destination, 'destination'],
        ['Date', date, 'date'],
      ],
      'Show flights',
    );
    const list = h('div', {});
    page('Schedule', form, more.parts.addFlightForm ? more.parts.addFlightForm(date.value) : null, list);
    const query = new URLSearchParams({ date: date.value });
    if (origin.value) query.set('origin', origin.value);
    if (destination.value) query.set('destination', destination.value);
    const { items } = await api(`/console/schedule?${query}`);
    list.replaceChildren(
      table(
        [
          { label: 'Flight', get: (f) => f.flightNumber },
          { label: 'Route', get: (f) => `${f.origin}–${f.destination}` },
          { label: 'Departs (local)', get: (f) => f.departureTime },
          { label: 'Status', get: (f) => f.status },
          {
            label: 'Load',
            get: (f) => `${f.seatsSold}/${f.capacity} (${(f.loadFactor * 100).toFixed(0)} %)`,
            num: true,
          },
          { label: 'Change', get: (f) => disruptionForm(f, () => scheduleView(params)) },
        ],
        items,
        'No flights.',
      ),
    );
  }

  function disruptionForm(f, reload) {
    if (f.status !== 'scheduled') return f.status;
    const kind = h(
      'select',
      { 'aria-label': `Change to ${f.flightNumber}` },
      h('option', { value: 'delayed', text: 'Delay to' }),
      h('option', { value: 'retimed', text: 'Change time to' }),
      h('option', { value: 'cancelled', text: 'Cancel' }),
      h('option', { value: 'retired', text: 'Retire (no travellers)' }),
    );
    const time = h('input', {
      type: 'time',
      'aria-label': `New departure time of ${f.flightNumber}`,
      value: f.departureTime.slice(11, 16),
    });
    const reason = h('input', {
      'aria-label': `Reason for ${f.flightNumber}`,
      placeholder: 'reason',
      required: true,
      minlength: 3,
    });
    const go = h('button', { type: 'submit', class: 'secondary', text: 'Apply' });
    return h(
      'form',
      {
        class: 'inline',
        onsubmit: async (e) => {
          e.preventDefault();
          const call = {
            delayed: () =>
              api(`/console/schedule/${f.flightId}/disruption`, {
                body: { kind: 'delayed', departureTime: time.value, reason: reason.value },
              }),
            cancelled: () =>
              api(`/console/schedule/${f.flightId}/disruption`, { body: { kind: 'cancelled', reason: reason.value } }),
            retimed: () =>
              api(`/console/schedule/${f.flightId}`, {
                method: 'PATCH',
                body: { departureTime: time.value, reason: reason.value },
              }),
            retired: () => api(`/console/schedule/${f.flightId}/retire`, { body: { reason: reason.value } }),
          }[kind.value];
          const done = await act(go, call, `${f.flightNumber} ${kind.value}.`);
          if (done) await reload();
        },
      },
      kind,
      time,
      reason,
      go,
    );
  }

  // --- users and audit (admins) --------------------------------------------------------------------------------

  async function usersView() {
    const email = h('input', { id: 'inv-email', type: 'email', required: true });
    const first = h('input', { id: 'inv-first', required: true });
    const last = h('input', { id: 'inv-last', required: true });
    const role = h(
      'select',
      { id: 'inv-role' },
      h('option', { value: 'agent', text: 'agent' }),
      h('option', { value: 'admin', text: 'admin' }),
    );
    const invite = h('button', { type: 'submit', text: 'Invite' });
    const result = h('div', { 'aria-live': 'polite' });
    const list = h('div', {});
    const load = async () => {
      const { items } = await api('/console/users');
      list.replaceChildren(
        table(
          [
            { label: 'Name', get: (u) => `${u.firstName} ${u.lastName}` },
            { label: 'Email', get: (u) => u.email },
            {
              label: 'Role',
              get: (u) => {
                const s = h(
                  'select',
                  {
                    'aria-label': `Role of ${u.email}`,
                    onchange: () =>
                      act(
                        null,
                        () => api(`/console/users/${u.id}`, { method: 'PATCH', body: { role: s.value } }).then(load),
                        'Role changed.',
                      ),
                  },
                  ['agent', 'admin', 'traveller'].map((r) =>
                    h('option', { value: r, selected: r === u.role, text: r }),
                  ),
                );
                return s;
              },
            },
            {
              label: 'State',
              get: (u) =>
                h('button', {
                  type: 'button',
                  class: 'secondary',
                  onclick: (e) =>
                    act(
                      e.target,
                      () =>
                        api(`/console/users/${u.id}`, { method: 'PATCH', body: { disabled: !u.disabled } }).then(load),
                      u.disabled ? 'Enabled.' : 'Disabled.',
                    ),
                  text: u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`,
                }),
            },
          ],
          items,
        ),
      );
    };
    page(
      'Users',
      h(
        'form',
        {
          class: 'inline card',
          onsubmit: async (e) => {
            e.preventDefault();
            const r = await act(
              invite,
              () =>
                api('/console/users', {
                  body: { email: email.value, firstName: first.value, lastName: last.value, role: role.value },
                }),
              'Invited.',
            );
            if (r) {
              result.replaceChildren(
                h(
                  'p',
                  {},
                  `One-time password for ${r.user.email} (shown once; pass it on privately): `,
                  h('code', { text: r.temporaryPassword }),
                ),
              );
              await load();
            }
          },
        },
        field('Email', email),
        field('First name', first),
        field('Last name', last),
        field('Role', role),
        invite,
      ),
      result,
      list,
    );
    await load();
  }

  async function auditView(params) {
    const action = h('input', {
      id: 'a-action',
      value: params.get('action') || '',
      placeholder: 'flight. / support.take_over',
    });
    const entity = h('input', {
      id: 'a-entity',
      value: params.get('entityId') || '',
      placeholder: 'PNR, flight id, case id',
    });
    const from = h('input', { id: 'a-from', type: 'date', value: params.get('from') || '' });
    const to = h('input', { id: 'a-to', type: 'date', value: params.get('to') || '' });
    const query = new URLSearchParams();
    for (const [k, el] of [
      ['action', action],
      ['entityId', entity],
      ['from', from],
      ['to', to],
    ])
      if (el.value) query.set(k, el.value);
    const form = filterForm(
      'audit',
      [
        ['Action starts with', action, 'action'],
        ['Entity', entity, 'entityId'],
        ['From', from, 'from'],
        ['To', to, 'to'],
      ],
      'Filter',
      {},
      h('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => download(`/console/audit.csv?${query}`, 'audit-log.csv'),
        text: 'Download CSV',
      }),
    );
    const { items } = await api(`/console/audit?${query}&limit=100`);
    page(
      'Audit log',
      form,
      table(
        [
          { label: 'When', get: (a) => when(a.at) },
          { label: 'Who', get: (a) => `${a.actorRole} #${a.actorUserId ?? ''}` },
          { label: 'Action', get: (a) => a.action },
          { label: 'Entity', get: (a) => `${a.entityType} ${a.entityId}` },
          { label: 'From', get: (a) => a.ip || '' },
          {
            label: 'Before → after',
            get: (a) => `${a.before ? JSON.stringify(a.before) : ''} → ${a.after ? JSON.stringify(a.after) : ''}`,
          },
          { label: 'Reason', get: (a) => a.reason || '' },
        ],
        items,
        'No entries.',
      ),
    );
  }

  // --- routing -------------------------------------------------------------------------------------------------

  async function route() {
    const [path, qs] = (location.hash.slice(1) || '/inbox').split('?');
    const params = new URLSearchParams(qs || '');
    onCasesChanged = null;
    if (!tokens() || path === '/login') return loginView();
    try {
      if (!me) me = await api('/console/me');
    } catch (err) {
      if (err.code === 'password_change_required') return more.views.password();
      sessionStorage.removeItem('jetway.console');
      say(err.message, 'error');
      return loginView();
    }
    const parts = path.split('/').filter(Boolean);
    renderNav(`#/${parts[0] || 'inbox'}`);
    void followCases();
    try {
      if (parts[0] === 'cases' && parts[1]) return await caseView(Number(parts[1]));
      if (parts[0] === 'bookings' && parts[1]) return await bookingView(parts[1]);
      if (parts[0] === 'bookings') return await bookingsView(params);
      if (parts[0] === 'reports') return await reportsView(params);
      if (parts[0] === 'schedule') return await scheduleView(params);
      if (parts[0] === 'users') return await usersView();
      if (parts[0] === 'audit') return await auditView(params);
      if (more.views[parts[0]]) return await more.views[parts[0]](parts, params);
      return await inboxView(params);
    } catch (err) {
      page('Something went wrong', h('p', { text: err.message }));
      if (err.status === 401) signOut();
    }
  }

  /** What console-admin.js adds (help articles, a flight form, seat changes, the first password) uses these. */
  window.jetwayConsole = {
    h,
    field,
    filterForm,
    api,
    act,
    page,
    table,
    say,
    when,
    money,
    more,
    signOut,
    setMe: (m) => (me = m),
  };

  window.addEventListener('hashchange', () => void route());
  // Deferred scripts all run before DOMContentLoaded: console-admin.js has added its views by then.
  document.addEventListener('DOMContentLoaded', () => void route());
})();
