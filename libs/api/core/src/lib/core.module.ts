import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ClinicalEvents } from './events/clinical-events';
import { RequestContext } from './http/request-context';
import { Clock } from './time/clock';

/** A clock running `offsetMs` ahead of the real one: end-to-end tests of what happens years later (retention). */
class OffsetClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

@Global()
@Module({ providers: [Clock, ClinicalEvents], exports: [Clock, ClinicalEvents] })
export class CoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContext.middleware).forRoutes('{*splat}');
  }

  static forRoot(options: { clockOffsetMs?: number } = {}): DynamicModule {
    const clock = options.clockOffsetMs ? new OffsetClock(options.clockOffsetMs) : new Clock();
    return { module: CoreModule, global: true, providers: [{ provide: Clock, useValue: clock }, ClinicalEvents], exports: [Clock, ClinicalEvents] };
  }
}
