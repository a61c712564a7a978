import { createTestApp } from '../tests/helpers/test-app';
async function main() {
  process.env.TEST_MYSQL_URL = 'mysql://root@127.0.0.1:3306';
  const t = await createTestApp({ target: 'mysql', days: 10 });
  const user = await t.services.auth.createUser({ email: 'mb@example.com', password: null, firstName: 'A', lastName: 'B', role: 'traveller' });
  const actor = { kind: 'user' as const, userId: user.id, role: 'traveller' as const };
  const date = new Date(t.clock.now().getTime() + 5 * 86400000).toISOString().slice(0, 10);
  const flights = (await t.services.repos.flights.departuresOn(['LHR', 'JFK', 'CDG', 'FRA', 'AMS', 'ORD', 'ATL', 'SFO'], [date])).slice(0, 60);
  const tasks: { flightId: number; designator: string }[] = [];
  for (const f of flights) {
    await t.services.bookings.ensureSeats(f);
    for (const s of t.services.ref.aircraft(f.aircraftCode)!.seats) if (s.cabin === 'economy') tasks.push({ flightId: f.id, designator: s.designator });
  }
  let i = 0;
  const one = () => {
    const task = tasks[i++]!;
    return t.services.bookings.createHold(actor, { flights: [{ flightId: task.flightId, cabin: 'economy', fareFamily: 'basic' }], passengers: [{ firstName: 'Bench', lastName: 'Traveller', dateOfBirth: '1985-04-12', seats: { [task.flightId]: task.designator } }], contact: { email: 'bench@example.com' }, channel: 'bench' });
  };
  const run = async (n: number) => {
    const c0 = process.cpuUsage(); const t0 = Date.now(); let done = 0;
    await Promise.all(Array.from({ length: 32 }, async () => { while (done < n) { done++; await one(); } }));
    const c = process.cpuUsage(c0); const ms = Date.now() - t0;
    console.log(`${n} holds in ${ms} ms: ${(n / ms * 1000).toFixed(0)}/s, app CPU ${((c.user + c.system) / 1000 / n).toFixed(3)} ms/hold`);
  };
  await run(500); await run(3000); await run(3000);
  await t.close();
}
void main();
