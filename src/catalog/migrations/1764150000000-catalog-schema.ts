import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogSchema1764150000000 implements MigrationInterface {
  name = 'CatalogSchema1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "stock" (
      "name" varchar(64) PRIMARY KEY NOT NULL,
      "price" real NOT NULL,
      "quantity" integer NOT NULL CHECK ("quantity" >= 0),
      "volume" integer NOT NULL CHECK ("volume" >= 0),
      "initial_quantity" integer NOT NULL,
      "version" integer NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE "trade_entry" (
      "trade_id" varchar(128) PRIMARY KEY NOT NULL,
      "seq" integer UNIQUE,
      "name" varchar(64) NOT NULL,
      "type" varchar(4) NOT NULL CHECK ("type" IN ('buy', 'sell')),
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "outcome" varchar(16) NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE "catalog_state" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "fence_epoch" integer NOT NULL
    )`);
    await queryRunner.query(`INSERT INTO "catalog_state" ("id", "fence_epoch") VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog_state"`);
    await queryRunner.query(`DROP TABLE "trade_entry"`);
    await queryRunner.query(`DROP TABLE "stock"`);
  }
}
