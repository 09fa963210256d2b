// Numeric codes of the DNS protocol that DNS updates use (RFC 1035, 2136, 4701, 8945).

export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  OPT: 41,
  DHCID: 49,
  TSIG: 250,
  ANY: 255,
} as const;

export const RRClass = {
  IN: 1,
  /** RFC 2136: "delete an RR from an RRset" and "RRset does not exist" / "name not in use". */
  NONE: 254,
  /** RFC 2136: "delete an RRset", "name in use", "RRset exists (value independent)"; TSIG's class. */
  ANY: 255,
} as const;

export const Opcode = { QUERY: 0, UPDATE: 5 } as const;

export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  BADSIG: 16,
  BADKEY: 17,
  BADTIME: 18,
  BADTRUNC: 22,
} as const;

const rcodeNames = new Map<number, string>(Object.entries(Rcode).map(([k, v]) => [v, k]));
const typeNames = new Map<number, string>(Object.entries(RRType).map(([k, v]) => [v, k]));

/** BIND-style text of an rcode ("NOTAUTH"), or the number for codes we do not name. */
export function rcodeName(code: number): string {
  return rcodeNames.get(code) ?? String(code);
}

export function typeName(type: number): string {
  return typeNames.get(type) ?? `TYPE${type}`;
}
