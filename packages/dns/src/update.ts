// RFC 2136 UPDATE messages: the zone section, the five prerequisite forms (2.4) and the four update
// forms (2.5), in the exact class/type/TTL/RDATA shapes the RFC gives them.
import { Opcode, RRClass, RRType } from './constants.js';
import { badInput } from './errors.js';
import { emptyMessage, encodeMessage, type Message, type ResourceRecord } from './message.js';
import type { RData } from './rdata.js';

/** The RR type a typed RDATA belongs to ('raw' has none: give the type explicitly). */
export function rdataType(data: RData): number {
  if (data.kind === 'raw') throw badInput('raw RDATA has no implied type');
  return RRType[data.kind];
}

export class UpdateBuilder {
  readonly zone: string;
  readonly zoneClass: number;
  id: number;
  readonly prerequisites: ResourceRecord[] = [];
  readonly updates: ResourceRecord[] = [];

  constructor(zone: string, id = 0, zoneClass: number = RRClass.IN) {
    this.zone = zone;
    this.id = id;
    this.zoneClass = zoneClass;
  }

  private pre(name: string, type: number, cls: number, data: RData | null = null): this {
    this.prerequisites.push({ name, type, class: cls, ttl: 0, data });
    return this;
  }

  /** 2.4.4 Name is in use: at least one RR with this name exists. */
  nameInUse(name: string): this {
    return this.pre(name, RRType.ANY, RRClass.ANY);
  }

  /** 2.4.5 Name is not in use: no RR of any type has this name. */
  nameNotInUse(name: string): this {
    return this.pre(name, RRType.ANY, RRClass.NONE);
  }

  /** 2.4.1 RRset exists (value independent). */
  rrsetExists(name: string, type: number): this {
    return this.pre(name, type, RRClass.ANY);
  }

  /** 2.4.2 RRset exists (value dependent): the RRset equals the union of these records. */
  rrsetExistsWithValue(name: string, data: RData, type = rdataType(data)): this {
    return this.pre(name, type, this.zoneClass, data);
  }

  /** 2.4.3 RRset does not exist. */
  rrsetDoesNotExist(name: string, type: number): this {
    return this.pre(name, type, RRClass.NONE);
  }

  /** 2.5.1 Add to an RRset. */
  add(name: string, ttl: number, data: RData, type = rdataType(data)): this {
    this.updates.push({ name, type, class: this.zoneClass, ttl, data });
    return this;
  }

  /** 2.5.2 Delete an RRset. */
  deleteRRset(name: string, type: number): this {
    this.updates.push({ name, type, class: RRClass.ANY, ttl: 0, data: null });
    return this;
  }

  /** 2.5.3 Delete all RRsets from a name. */
  deleteName(name: string): this {
    this.updates.push({ name, type: RRType.ANY, class: RRClass.ANY, ttl: 0, data: null });
    return this;
  }

  /** 2.5.4 Delete an RR from an RRset. */
  deleteRR(name: string, data: RData, type = rdataType(data)): this {
    this.updates.push({ name, type, class: RRClass.NONE, ttl: 0, data });
    return this;
  }

  toMessage(): Message {
    return emptyMessage({
      id: this.id,
      opcode: Opcode.UPDATE,
      questions: [{ name: this.zone, type: RRType.SOA, class: this.zoneClass }],
      answers: [...this.prerequisites],
      authorities: [...this.updates],
    });
  }

  encode(): Buffer {
    return encodeMessage(this.toMessage());
  }
}
