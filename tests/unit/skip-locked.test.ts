import { skipLockedSupported } from '../../api/db/skip-locked';

it.each([
  ['8.0.36', true],
  ['8.0.1', true],
  ['8.0.0', false],
  ['5.7.44-log', false],
  ['8.4.3', true],
  ['10.11.19-MariaDB-0+deb12u1', true],
  ['10.6.0-MariaDB', true],
  ['10.5.23-MariaDB', false],
  ['11.4.2-MariaDB', true],
  ['8.0.11-TiDB-v7.5.0', false],
  ['', false],
])('SKIP LOCKED on %s: %s', (version, expected) => {
  expect(skipLockedSupported(version)).toBe(expected);
});
