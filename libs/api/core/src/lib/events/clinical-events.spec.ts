import type { EntityManager } from 'typeorm';
import { ClinicalEvents, type ClinicalEvent, type ClinicalEventSubscriber } from './clinical-events';

const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;
const outside = { queryRunner: undefined } as unknown as EntityManager;
const event: ClinicalEvent = { type: 'patient_updated', facilityId: 'f', patientId: 'p', at: new Date(0), by: 'u' };

describe('ClinicalEvents', () => {
  function bus(): { events: ClinicalEvents; seen: ClinicalEvent[] } {
    const events = new ClinicalEvents();
    const seen: ClinicalEvent[] = [];
    const subscriber: ClinicalEventSubscriber = { onClinicalEvent: async (_em, e) => void seen.push(e) };
    events.subscribe(subscriber);
    events.subscribe(subscriber);
    return { events, seen };
  }

  it('hands each event once to each subscriber, inside the publisher\'s transaction', async () => {
    const { events, seen } = bus();
    await events.publish(inTransaction, event);
    expect(seen).toEqual([event]);
  });

  it('refuses an event published outside a transaction: the news could commit without the change, or the change without it', async () => {
    const { events, seen } = bus();
    await expect(events.publish(outside, event)).rejects.toThrow(/outside a transaction/);
    expect(seen).toEqual([]);
  });

  it('withholds what happens inside withheld() (the demo seed\'s past), and only there', async () => {
    const { events, seen } = bus();
    await events.withheld(async () => {
      await events.publish(inTransaction, event);
      await new Promise((r) => setTimeout(r, 1));
      await events.publish(inTransaction, event);
    });
    expect(seen).toEqual([]);
    await events.publish(inTransaction, event);
    expect(seen).toHaveLength(1);
  });

  it('lets a subscriber\'s failure reach the publisher, so the transaction rolls back', async () => {
    const events = new ClinicalEvents();
    events.subscribe({ onClinicalEvent: async () => Promise.reject(new Error('outbox full')) });
    await expect(events.publish(inTransaction, event)).rejects.toThrow('outbox full');
  });
});
