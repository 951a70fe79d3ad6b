import type { Database } from 'sqlite3';
import { DataSource } from 'typeorm';
import { PreparedStatements } from './prepared-statements';
import { isUniqueViolation } from './sqlite-errors';

const INSERT = 'INSERT INTO item (id, name) VALUES (?, ?)';

describe(PreparedStatements.name, () => {
  let dataSource: DataSource;
  let prepares: jest.SpyInstance;
  let sut: PreparedStatements;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'sqlite', database: ':memory:', logging: ['error'] }).initialize();
    await dataSource.query('CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)');
    const { databaseConnection } = dataSource.driver as unknown as { databaseConnection: Database };
    prepares = jest.spyOn(databaseConnection, 'prepare');
    sut = new PreparedStatements(dataSource);
  });

  afterEach(async () => {
    await sut.finalize();
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  const names = async () =>
    (await dataSource.query<{ name: string }[]>('SELECT name FROM item ORDER BY id')).map((r) => r.name);

  it('prepares a statement once and runs it as often as asked', async () => {
    await sut.run(INSERT, [1, 'a']);
    await sut.run(INSERT, [2, 'b']);
    await sut.run('DELETE FROM item WHERE id = ?', [1]);
    expect(await names()).toEqual(['b']);
    expect(prepares.mock.calls.map(([sql]) => sql as string)).toEqual([INSERT, 'DELETE FROM item WHERE id = ?']);
  });

  it("rejects with SQLite's error, and the statement still runs afterwards", async () => {
    await sut.run(INSERT, [1, 'a']);
    const refused = await sut.run(INSERT, [2, 'a']).catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);
    await sut.run(INSERT, [3, 'c']);
    expect(await names()).toEqual(['a', 'c']);
  });

  it('does not keep a statement that failed to prepare', async () => {
    await expect(sut.run('INSERT INTO missing (id) VALUES (?)', [1])).rejects.toThrow('no such table: missing');
    await dataSource.query('CREATE TABLE missing (id INTEGER)');
    await sut.run('INSERT INTO missing (id) VALUES (?)', [1]);
    expect(prepares).toHaveBeenCalledTimes(2);
  });

  it('lets the connection close once finalized, also after a later run (which is not prepared)', async () => {
    await sut.run(INSERT, [1, 'a']);
    await expect(dataSource.destroy()).rejects.toThrow('unfinalized statements');
    await sut.finalize();
    await sut.run(INSERT, [2, 'b']);
    expect(await names()).toEqual(['a', 'b']);
    expect(prepares).toHaveBeenCalledTimes(1);
    await dataSource.destroy();
  });
});
