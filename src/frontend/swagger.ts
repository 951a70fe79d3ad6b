import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI for the public API at /docs (the JSON document at /docs-json). */
export function setUpSwagger(app: INestApplication): void {
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
