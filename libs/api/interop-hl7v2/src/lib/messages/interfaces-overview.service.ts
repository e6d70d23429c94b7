import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@benhan/api/core';
import type { InterfaceDestinationName, InterfacesOverview } from '@benhan/shared/contracts';
import { HL7V2_OPTIONS, type Hl7v2Options } from '../hl7v2.options';
import { MllpListener } from '../inbound/mllp-listener.service';
import { OutboxSender } from '../outbound/outbox-sender.service';

interface OutboxCounts {
  destination: InterfaceDestinationName;
  pending: string;
  failed: string;
  oldest_pending_at: Date | null;
}

/** What an administrator watches on the interfaces page: the listener, each destination's connection and outbox. */
@Injectable()
export class InterfacesOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: MllpListener,
    private readonly sender: OutboxSender,
    @Inject(HL7V2_OPTIONS) private readonly options: Hl7v2Options,
  ) {}

  async overview(admin: UserPrincipal): Promise<InterfacesOverview> {
    const [counts, [quarantine]] = await Promise.all([
      this.dataSource.query(
        `SELECT destination,
                count(*) FILTER (WHERE status = 'pending') AS pending,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                min(received_at) FILTER (WHERE status = 'pending') AS oldest_pending_at
           FROM hl7_messages
          WHERE status IN ('pending', 'failed') AND facility_id = $1
          GROUP BY destination`,
        [admin.facilityId],
      ) as Promise<OutboxCounts[]>,
      this.dataSource.query(
        `SELECT count(*) AS quarantined FROM hl7_messages
          WHERE direction = 'inbound' AND status = 'quarantined' AND (facility_id = $1 OR facility_id IS NULL)`,
        [admin.facilityId],
      ) as Promise<{ quarantined: string }[]>,
    ]);
    const byName = new Map(counts.map((c) => [c.destination, c]));
    return {
      listener: {
        host: this.options.host,
        port: this.listener.address?.port ?? null,
        tls: this.options.tls !== null,
        connections: this.listener.connectionCount,
      },
      destinations: this.options.destinations.map((d) => {
        const state = this.sender.state(d.name);
        const c = byName.get(d.name);
        return {
          name: d.name,
          address: `${d.host}:${d.port}`,
          tls: d.tls !== false,
          receivingApplication: d.receivingApplication,
          receivingFacility: d.receivingFacility,
          orderMessage: d.name === 'pacs' ? 'ORM^O01' : d.orderMessage,
          connection: state.connection,
          lastError: state.lastError,
          lastDeliveredAt: state.lastDeliveredAt?.toISOString() ?? null,
          pending: Number(c?.pending ?? 0),
          failed: Number(c?.failed ?? 0),
          oldestPendingAt: c?.oldest_pending_at ? new Date(c.oldest_pending_at).toISOString() : null,
        };
      }),
      quarantined: Number(quarantine?.quarantined ?? 0),
    };
  }
}
