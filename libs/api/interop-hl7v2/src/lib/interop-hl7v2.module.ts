import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrdersModule } from '@benhan/api/orders';
import { PatientsModule } from '@benhan/api/patients';
import { HL7V2_OPTIONS, type Hl7v2Options } from './hl7v2.options';
import { Hl7InboundService } from './inbound/hl7-inbound.service';
import { Hl7MessageEntity } from './inbound/hl7-message.entity';
import { MllpListener } from './inbound/mllp-listener.service';
import { InterfaceMessagesController } from './messages/interface-messages.controller';
import { InterfaceMessagesService } from './messages/interface-messages.service';
import { InterfacesOverviewService } from './messages/interfaces-overview.service';
import { InterfacesController } from './messages/interfaces.controller';
import { OutboxSender } from './outbound/outbox-sender.service';
import { OutboxWriter } from './outbound/outbox-writer.service';

/**
 * HL7 v2 in the API: the MLLP listener taking ORU^R01 results from the LIS and PACS into the orders domain; the outbox
 * sending orders and ADT to them (written with the clinical events, delivered by one sender per destination); the message
 * log with its quarantine, and the administrators' routes over it (/api/interfaces, /api/interfaces/messages).
 */
@Module({})
export class InteropHl7v2Module {
  static forRoot(options: Hl7v2Options): DynamicModule {
    return {
      module: InteropHl7v2Module,
      imports: [TypeOrmModule.forFeature([Hl7MessageEntity]), OrdersModule, PatientsModule],
      controllers: [InterfacesController, InterfaceMessagesController],
      providers: [
        { provide: HL7V2_OPTIONS, useValue: options },
        Hl7InboundService,
        InterfaceMessagesService,
        InterfacesOverviewService,
        MllpListener,
        OutboxWriter,
        OutboxSender,
      ],
      exports: [MllpListener, OutboxSender, Hl7InboundService],
    };
  }
}
