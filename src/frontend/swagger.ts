import { INestApplication, Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeSharedRoutes } from './shared-routes.docs';

/**
 * Mounts Swagger UI once the API's own routes are registered: Nest calls onModuleInit after it has
 * registered the controllers' routes and before its not-found handler. On express a request walks
 * the routes in the order they were added, and Swagger's nine, ahead of the API's, were matched
 * against every lookup and trade (docs/PERFORMANCE.md, sixth round).
 */
@Injectable()
export class SwaggerMount implements OnModuleInit {
  private mount?: () => void;

  /** Runs `mount` when the application initialises (set up before it listens). */
  whenRoutesAreRegistered(mount: () => void): void {
    this.mount = mount;
  }

  onModuleInit(): void {
    this.mount?.();
  }
}

/** Swagger UI for the public API at /docs (the JSON document at /docs-json). */
export function setUpSwagger(app: INestApplication): void {
  describeSharedRoutes();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stock Bazaar')
      .setDescription(
        'Public API of the Stock Bazaar trading backend. Success bodies carry `data`; every error carries ' +
          '`error: {code, message}` with the same HTTP status.',
      )
      .setVersion('1.0')
      .build(),
  );
  app
    .get(SwaggerMount)
    .whenRoutesAreRegistered(() => SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' }));
}
