/**
 * Prints the checked-bag allowance and extra-bag price table as Markdown, from api/domain/baggage.ts (the one
 * source the fares, the bag prices and the help articles use): `npx tsx scripts/baggage-table.ts [CURRENCY]`.
 * The README's "Checked bags" section shows its output.
 */
import { baggageMarkdownTable } from '../api/domain/baggage';
import { isKnownCurrency } from '../api/domain/money';

const currency = (process.argv[2] ?? 'USD').toUpperCase();
if (!isKnownCurrency(currency)) {
  process.stderr.write(`Unknown currency ${currency}\n`);
  process.exit(64);
}
process.stdout.write(`${baggageMarkdownTable(currency)}\n`);
