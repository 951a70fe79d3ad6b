import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journal becomes the one write of a trade: inserting an applied row changes its stock in
 * the same statement (trigger), so a batch of trades commits as one multi-row INSERT. Restocks
 * are journaled too (kind 'restock', no seq, no type), so conservation can account for them.
 */
export class JournalAppliesTrades1764900000000 implements MigrationInterface {
  name = 'JournalAppliesTrades1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "trade_entry_v2" (
      "trade_id" varchar(128) PRIMARY KEY NOT NULL,
      "seq" integer UNIQUE,
      "kind" varchar(8) NOT NULL CHECK ("kind" IN ('trade', 'restock')),
      "name" varchar(64) NOT NULL,
      "type" varchar(4) CHECK ("type" IN ('buy', 'sell')),
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "outcome" varchar(16) NOT NULL CHECK ("outcome" IN ('applied', 'not_enough_stock')),
      CHECK (("kind" = 'trade') = ("type" IS NOT NULL)),
      CHECK ("kind" = 'trade' OR ("seq" IS NULL AND "outcome" = 'applied'))
    )`);
    await queryRunner.query(`INSERT INTO "trade_entry_v2" ("trade_id", "seq", "kind", "name", "type", "quantity", "outcome")
      SELECT "trade_id", "seq", 'trade', "name", "type", "quantity", "outcome" FROM "trade_entry"`);
    await queryRunner.query(`DROP TABLE "trade_entry"`);
    await queryRunner.query(`ALTER TABLE "trade_entry_v2" RENAME TO "trade_entry"`);
    await queryRunner.query(`CREATE TRIGGER "journal_applies_to_stock" AFTER INSERT ON "trade_entry"
      WHEN NEW."outcome" = 'applied'
      BEGIN
        UPDATE "stock" SET
          "quantity" = "quantity" + CASE WHEN NEW."type" = 'buy' THEN -NEW."quantity" ELSE NEW."quantity" END,
          "volume" = "volume" + CASE WHEN NEW."kind" = 'trade' THEN NEW."quantity" ELSE 0 END,
          "version" = "version" + 1
        WHERE "name" = NEW."name";
        SELECT RAISE(ABORT, 'journal entry for an unknown stock') WHERE changes() = 0;
      END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "journal_applies_to_stock"`);
    await queryRunner.query(`DELETE FROM "trade_entry" WHERE "kind" = 'restock'`);
    await queryRunner.query(`CREATE TABLE "trade_entry_v1" (
      "trade_id" varchar(128) PRIMARY KEY NOT NULL,
      "seq" integer UNIQUE,
      "name" varchar(64) NOT NULL,
      "type" varchar(4) NOT NULL CHECK ("type" IN ('buy', 'sell')),
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "outcome" varchar(16) NOT NULL
    )`);
    await queryRunner.query(`INSERT INTO "trade_entry_v1" SELECT "trade_id", "seq", "name", "type", "quantity", "outcome"
      FROM "trade_entry"`);
    await queryRunner.query(`DROP TABLE "trade_entry"`);
    await queryRunner.query(`ALTER TABLE "trade_entry_v1" RENAME TO "trade_entry"`);
  }
}
