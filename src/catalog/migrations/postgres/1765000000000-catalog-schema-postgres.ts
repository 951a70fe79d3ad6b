import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's schema on PostgreSQL: the same tables, checks and trigger as the SQLite migrations
 * end with, in PostgreSQL's SQL. Two things only PostgreSQL needs: `entry_order`, the order in
 * which journal rows were written (SQLite has its rowid), and the trigger as a function.
 */
export class CatalogSchemaPostgres1765000000000 implements MigrationInterface {
  name = 'CatalogSchemaPostgres1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "stock" (
      "name" varchar(64) PRIMARY KEY NOT NULL,
      "price" double precision NOT NULL,
      "quantity" integer NOT NULL CHECK ("quantity" >= 0),
      "volume" integer NOT NULL CHECK ("volume" >= 0),
      "initial_quantity" integer NOT NULL,
      "version" integer NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE "trade_entry" (
      "trade_id" varchar(128) PRIMARY KEY NOT NULL,
      "entry_order" bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      "seq" integer UNIQUE,
      "kind" varchar(8) NOT NULL CHECK ("kind" IN ('trade', 'restock')),
      "name" varchar(64) NOT NULL,
      "type" varchar(4) CHECK ("type" IN ('buy', 'sell')),
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "outcome" varchar(16) NOT NULL CHECK ("outcome" IN ('applied', 'not_enough_stock')),
      CHECK (("kind" = 'trade') = ("type" IS NOT NULL)),
      CHECK ("kind" = 'trade' OR ("seq" IS NULL AND "outcome" = 'applied'))
    )`);
    await queryRunner.query(`CREATE TABLE "catalog_state" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "fence_epoch" integer NOT NULL
    )`);
    await queryRunner.query(`INSERT INTO "catalog_state" ("id", "fence_epoch") VALUES (1, 0)`);
    await queryRunner.query(`CREATE FUNCTION "journal_applies_to_stock"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "stock" SET
          "quantity" = "quantity" + CASE WHEN NEW."type" = 'buy' THEN -NEW."quantity" ELSE NEW."quantity" END,
          "volume" = "volume" + CASE WHEN NEW."kind" = 'trade' THEN NEW."quantity" ELSE 0 END,
          "version" = "version" + 1
        WHERE "name" = NEW."name";
        IF NOT FOUND THEN
          RAISE EXCEPTION 'journal entry for an unknown stock';
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "journal_applies_to_stock" AFTER INSERT ON "trade_entry"
      FOR EACH ROW WHEN (NEW."outcome" = 'applied') EXECUTE FUNCTION "journal_applies_to_stock"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trade_entry"`);
    await queryRunner.query(`DROP FUNCTION "journal_applies_to_stock"`);
    await queryRunner.query(`DROP TABLE "catalog_state"`);
    await queryRunner.query(`DROP TABLE "stock"`);
  }
}
