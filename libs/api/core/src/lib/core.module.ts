import { DynamicModule, Global, Module } from '@nestjs/common';
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
@Module({ providers: [Clock], exports: [Clock] })
export class CoreModule {
  static forRoot(options: { clockOffsetMs?: number } = {}): DynamicModule {
    const clock = options.clockOffsetMs ? new OffsetClock(options.clockOffsetMs) : new Clock();
    return { module: CoreModule, global: true, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
