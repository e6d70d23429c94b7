import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, refuseNulCharacters } from '@benhan/api/core';
import type { AppConfig } from '../config/env.schema';
import { AppModule } from './app.module';

/** Paths the API owns; everything else that asks for HTML gets the Angular client. */
const API_PATHS = /^\/(api|fhir|health)(\/|$)/;

/** Build the whole HTTP application (used by main.ts and by tests that need it in-process). */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // PrimeNG writes its theme as <style> elements at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          // The print preview shows a PDF the web app fetched with the user's token, from an object URL in an iframe.
          frameSrc: ["'self'", 'blob:'],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          // Only behind TLS (production): on a plain-HTTP ward network it would break every asset request.
          upgradeInsecureRequests: config.env === 'production' ? [] : null,
        },
      },
      hsts: config.env === 'production',
    }),
  );
  // Flowsheets and record histories are large, repetitive JSON (a 60-day chart is 4 MiB, ~10× less gzipped):
  // worth the CPU on hospital Wi-Fi. Small answers (< 2 KiB) go as they are.
  app.use(compression({ threshold: 2048 }));
  app.enableCors({ origin: config.webOrigins, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: config.bodyLimitBytes, extended: false });
  app.use(refuseNulCharacters);
  app.useGlobalPipes(createValidationPipe());

  const openApi = new DocumentBuilder()
    .setTitle('Benhan API')
    .setDescription('Electronic medical record for Vietnamese hospitals. Every route publishes who may call it in `x-benhan-access`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs-json' });

  serveWebClient(app, config.webDistDir);
  return app;
}

/** Angular's content-hashed bundles never change; everything else (index.html, i18n JSON) must revalidate. */
const HASHED_ASSET = /-[A-Z0-9]{8,}\.(js|css|woff2?|ttf|eot|svg)$/;

function serveWebClient(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get(Logger).warn(`Web client not found in ${dir}: build it with "npx nx build web" (the API runs without it)`);
  }
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Checked per request, so a web build made after the API started is picked up.
    if (req.method !== 'GET' || API_PATHS.test(req.path) || !req.accepts('html') || !existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
