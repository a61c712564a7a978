import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { bool } from './columns';

/**
 * Whether a seat change waiting for its difference was asked for with low-assurance access (reference and last
 * name): its mail, sent when the difference is paid, is masked like everything else that caller sees. Existing
 * changes are taken as whole (only the owner could have asked before this column).
 */
export class SeatChangeAccess1764019400000 implements MigrationInterface {
  name = 'SeatChangeAccess1764019400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('seat_changes', new TableColumn(bool('masked', false)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('seat_changes', 'masked');
  }
}
