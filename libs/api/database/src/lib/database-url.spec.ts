import { redactUrl, withDatabase } from './database-url';
import { MIGRATIONS } from './migrations';

describe('database URLs', () => {
  it('swaps the database name and keeps credentials and options', () => {
    expect(withDatabase('postgres://postgres:p%40ss@127.0.0.1:5432/postgres?sslmode=disable', 'benhan_test')).toBe(
      'postgres://postgres:p%40ss@127.0.0.1:5432/benhan_test?sslmode=disable',
    );
  });

  it('never logs a password', () => {
    expect(redactUrl('postgres://postgres:secret@db:5432/benhan')).toBe('postgres://postgres:***@db:5432/benhan');
    expect(redactUrl('postgres://postgres@db/benhan')).toBe('postgres://postgres@db/benhan');
  });
});

describe('MIGRATIONS', () => {
  it('are in timestamp order, each named <Domain><Change><timestamp>', () => {
    const stamps = MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(stamps.every(Number.isFinite)).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    for (const M of MIGRATIONS) expect(new M().name).toBe(M.name);
  });
});
