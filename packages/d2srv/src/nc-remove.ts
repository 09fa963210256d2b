// Remove with conflict resolution (RFC 4703; Kea's NameRemoveTransaction). Forward: delete the client's
// address if the name's DHCID is the client's; then, if no address of either family is left, delete the
// name's remaining records (the DHCID). NXRRSET counts as done (nothing of ours was there). Reverse:
// delete everything at the reverse name if its PTR points at the client's FQDN.
import { Rcode, RRType } from '@kea-ts/dns';
import { MSG } from './messages.js';
import { NameChangeTransaction, type Step } from './transaction.js';

const okOrNxrrset = (rcode: number): boolean => rcode === Rcode.NOERROR || rcode === Rcode.NXRRSET;

export class NameRemoveTransaction extends NameChangeTransaction {
  readonly kind = 'remove';

  private readonly removeFwdRRs: Step = {
    label: 'Forward RR Remove',
    build: () =>
      this.forwardUpdate()
        .rrsetExistsWithValue(this.ncr.fqdn, this.dhcidData())
        .rrsetDoesNotExist(this.ncr.fqdn, RRType.A)
        .rrsetDoesNotExist(this.ncr.fqdn, RRType.AAAA)
        .deleteName(this.ncr.fqdn),
    onAnswer: (rcode) => (okOrNxrrset(rcode) ? 'done' : 'failed'),
    // Kea gives up here rather than starting over on the next server.
    onServerExhausted: 'failed',
    ioError: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_IO_ERROR,
    rejected: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_REJECTED,
    corrupt: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_RESP_CORRUPT,
  };

  private readonly removeFwdAddrs: Step = {
    label: 'Forward A/AAAA Remove',
    build: () =>
      this.forwardUpdate()
        .rrsetExistsWithValue(this.ncr.fqdn, this.dhcidData())
        .deleteRR(this.ncr.fqdn, this.addressData()),
    onAnswer: (rcode) => (okOrNxrrset(rcode) ? this.removeFwdRRs : 'failed'),
    onServerExhausted: 'next-server',
    ioError: MSG.DHCP_DDNS_FORWARD_REMOVE_ADDRS_IO_ERROR,
    rejected: MSG.DHCP_DDNS_FORWARD_REMOVE_ADDRS_REJECTED,
    corrupt: MSG.DHCP_DDNS_FORWARD_REMOVE_ADDRS_RESP_CORRUPT,
  };

  protected firstForwardStep(): Step {
    return this.removeFwdAddrs;
  }

  protected firstReverseStep(): Step {
    return this.reverseRemoveStep(() =>
      this.reverseUpdate()
        .rrsetExistsWithValue(this.reverseName, this.ptrData())
        .deleteName(this.reverseName),
    );
  }

  protected logOutcome(ok: boolean): void {
    this.logRemoveOutcome(ok);
  }
}
