import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

const CONFIG_NAMESPACE = 'app';

/**
 * Validates the environment through @nestjs/config and exposes the typed, frozen result
 * as the injectable `AppConfig`.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          load: [() => ({ [CONFIG_NAMESPACE]: loadConfig(process.env) })],
        }),
      ],
      providers: [
        {
          provide: AppConfig,
          inject: [ConfigService],
          useFactory: (configService: ConfigService) => configService.getOrThrow<AppConfig>(CONFIG_NAMESPACE),
        },
      ],
      exports: [AppConfig],
    };
  }
}
