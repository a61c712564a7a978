/* global */
// jetway operations console, disruptions: delayed and cancelled flights, each affected booking, what it chose and
// who has not answered yet (agents and admins). Loaded after console.js and built with its helpers.
'use strict';

(function () {
  const c = window.jetwayConsole;
  const { h, api, page, table, when } = c;

  const STATUS = {
    open: 'Not answered',
    informed: 'Told (short delay)',
    accepted: 'Kept the new time',
    rebooked: 'Moved to another flight',
    refunded: 'Refunded',
    superseded: 'Replaced by a later disruption',
  };
  const KIND = { delayed: 'Delayed', cancelled: 'Cancelled' };

  c.more.views.disruptions = async function disruptionsView(parts) {
    if (parts[1]) return reportView(Number(parts[1]));
    const { items } = await api('/console/disruptions');
    page(
      'Disruptions',
      h('p', { text: 'Delayed and cancelled flights, newest first. Open one to see who chose what.' }),
      table(
        [
          {
            label: 'Flight',
            get: (d) => h('a', { href: `#/disruptions/${d.disruptionId}`, text: d.flightNumber }),
          },
          { label: 'What', get: (d) => KIND[d.kind] },
          { label: 'Was due', get: (d) => when(d.scheduledDeparture) },
          { label: 'Recorded', get: (d) => when(d.createdAt) },
          { label: 'Bookings', num: true, get: (d) => d.affected },
          { label: 'Not answered', num: true, get: (d) => d.unanswered },
        ],
        items,
        'No flight has been delayed or cancelled.',
      ),
    );
  };

  async function reportView(id) {
    const r = await api(`/console/disruptions/${id}`);
    const waiting = r.lines.filter((l) => l.status === 'open');
    const counts = Object.entries(r.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${STATUS[status] || status}: ${n}`)
      .join(' · ');
    const columns = [
      { label: 'Booking', get: (l) => h('a', { href: `#/bookings/${l.pnr}`, text: l.pnr }) },
      { label: 'Passengers', num: true, get: (l) => l.passengers },
      { label: 'Answer', get: (l) => STATUS[l.status] || l.status },
      { label: 'Moved to', get: (l) => l.movedTo.join(' + ') },
      { label: 'Told', get: (l) => when(l.notifiedAt) },
      { label: 'Answered', get: (l) => (l.answeredAt ? when(l.answeredAt) : '') },
    ];
    page(
      `${KIND[r.kind]}: ${r.flight.flightNumber} ${r.flight.origin.code}–${r.flight.destination.code}`,
      h('p', {
        text:
          `Was due ${when(r.scheduledDeparture)}. Reason: ${r.reason}. ` +
          `${r.notified} of ${r.affected} bookings told. ${counts}`,
      }),
      h('h2', { text: `Not answered (${waiting.length})` }),
      table(columns, waiting, 'Every booking has answered.'),
      h('h2', { text: 'All affected bookings' }),
      table(columns, r.lines, 'No booking was on this flight.'),
      h('p', {}, h('a', { href: '#/disruptions', text: 'All disruptions' })),
    );
  }
})();
