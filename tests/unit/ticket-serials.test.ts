import { TicketSerials } from '../../api/services/ticket-serials';

/** A sequence row per prefix, as the repository keeps it; counts its updates. */
function sequences() {
  const next = new Map<string, number>();
  const repo = {
    reservations: 0,
    async reserveTicketSerials(prefix: string, count: number, first: number) {
      repo.reservations++;
      await new Promise((r) => setTimeout(r, 1));
      const start = next.get(prefix) ?? first;
      next.set(prefix, start + count);
      return start;
    },
  };
  return repo;
}

describe('TicketSerials', () => {
  it('hands out unique serials from blocks, touching the sequence once per block', async () => {
    const repo = sequences();
    const serials = new TicketSerials(repo, 1000, 10);
    const taken = await Promise.all(Array.from({ length: 25 }, () => serials.take('125', 1)));
    expect(new Set(taken).size).toBe(25);
    expect(Math.min(...taken)).toBe(1000);
    expect(repo.reservations).toBe(3);
  });

  it('keeps a booking’s serials consecutive and separate per airline', async () => {
    const repo = sequences();
    const serials = new TicketSerials(repo, 1000, 10);
    expect(await serials.take('125', 4)).toBe(1000);
    expect(await serials.take('125', 4)).toBe(1004);
    expect(await serials.take('125', 4)).toBe(1010); // 2 left in the block: a new block, consecutive serials
    expect(await serials.take('001', 2)).toBe(1000);
  });

  it('reserves a party larger than a block directly', async () => {
    const repo = sequences();
    const serials = new TicketSerials(repo, 1000, 3);
    expect(await serials.take('125', 5)).toBe(1000);
    expect(await serials.take('125', 1)).toBe(1005);
  });
});
