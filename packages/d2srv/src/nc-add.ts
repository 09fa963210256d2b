// Add with conflict resolution (RFC 4703; Kea's NameAddTransaction). Forward: add the address and DHCID
// if the name is not in use; if it is (YXDOMAIN), replace the address only when the name's DHCID is the
// client's; a name gone meanwhile (NXDOMAIN) goes back to the add. Reverse: replace PTR and DHCID.
import { Rcode } from '@kea-ts/dns';
import { MSG } from './messages.js';
import { NameChangeTransaction, type Step } from './transaction.js';

export class NameAddTransaction extends NameChangeTransaction {
  readonly kind = 'add';

  private readonly addFwd: Step = {
    label: 'Forward Add',
    build: () =>
      this.forwardUpdate()
        .nameNotInUse(this.ncr.fqdn)
        .add(this.ncr.fqdn, this.ncr.leaseLength, this.addressData())
        .add(this.ncr.fqdn, this.ncr.leaseLength, this.dhcidData()),
    onAnswer: (rcode) =>
      rcode === Rcode.NOERROR ? 'done' : rcode === Rcode.YXDOMAIN ? this.replaceFwd : 'failed',
    onServerExhausted: 'next-server',
    ioError: MSG.DHCP_DDNS_FORWARD_ADD_IO_ERROR,
    rejected: MSG.DHCP_DDNS_FORWARD_ADD_REJECTED,
    corrupt: MSG.DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT,
  };

  private readonly replaceFwd: Step = {
    label: 'Forward Replace',
    build: () =>
      this.forwardUpdate()
        .nameInUse(this.ncr.fqdn)
        .rrsetExistsWithValue(this.ncr.fqdn, this.dhcidData())
        .deleteRRset(this.ncr.fqdn, this.addressType)
        .add(this.ncr.fqdn, this.ncr.leaseLength, this.addressData()),
    onAnswer: (rcode) =>
      rcode === Rcode.NOERROR ? 'done' : rcode === Rcode.NXDOMAIN ? this.addFwd : 'failed',
    onServerExhausted: 'next-server',
    ioError: MSG.DHCP_DDNS_FORWARD_REPLACE_IO_ERROR,
    rejected: MSG.DHCP_DDNS_FORWARD_REPLACE_REJECTED,
    corrupt: MSG.DHCP_DDNS_FORWARD_REPLACE_RESP_CORRUPT,
  };

  protected firstForwardStep(): Step {
    return this.addFwd;
  }

  protected firstReverseStep(): Step {
    return this.reverseReplaceStep();
  }

  protected logOutcome(ok: boolean): void {
    this.logAddOutcome(ok);
  }
}
