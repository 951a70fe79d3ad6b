import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderSchema1764150000001 implements MigrationInterface {
  name = 'OrderSchema1764150000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "order_log" (
      "number" integer PRIMARY KEY NOT NULL CHECK ("number" >= 0),
      "name" varchar(64) NOT NULL,
      "type" varchar(4) NOT NULL CHECK ("type" IN ('buy', 'sell')),
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "request_id" varchar(128) NOT NULL UNIQUE,
      "trade_seq" integer NOT NULL UNIQUE,
      "epoch" integer NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE "replica_state" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "epoch" integer NOT NULL,
      "leader_id" integer NOT NULL,
      "commit_number" integer NOT NULL
    )`);
    await queryRunner.query(
      `INSERT INTO "replica_state" ("id", "epoch", "leader_id", "commit_number") VALUES (1, 0, 0, -1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "replica_state"`);
    await queryRunner.query(`DROP TABLE "order_log"`);
  }
}
