// Add without conflict resolution (use-conflict-resolution false; Kea's SimpleAddTransaction): whatever
// the name holds, its address and DHCID RRsets are replaced by the client's; then PTR and DHCID in reverse.
import { Rcode, RRType } from '@kea-ts/dns';
import { MSG } from './messages.js';
import { NameChangeTransaction, type Step } from './transaction.js';

export class SimpleAddTransaction extends NameChangeTransaction {
  readonly kind = 'simple add';

  protected firstForwardStep(): Step {
    const fqdn = this.ncr.fqdn;
    const ttl = this.ncr.leaseLength;
    return {
      label: 'Forward Add',
      build: () =>
        this.forwardUpdate()
          .deleteRRset(fqdn, this.addressType)
          .deleteRRset(fqdn, RRType.DHCID)
          .add(fqdn, ttl, this.addressData())
          .add(fqdn, ttl, this.dhcidData()),
      onAnswer: (rcode) => (rcode === Rcode.NOERROR ? 'done' : 'failed'),
      onServerExhausted: 'next-server',
      ioError: MSG.DHCP_DDNS_FORWARD_REPLACE_IO_ERROR,
      rejected: MSG.DHCP_DDNS_FORWARD_REPLACE_REJECTED,
      corrupt: MSG.DHCP_DDNS_FORWARD_REPLACE_RESP_CORRUPT,
    };
  }

  protected firstReverseStep(): Step {
    return this.reverseReplaceStep();
  }

  protected logOutcome(ok: boolean): void {
    this.logAddOutcome(ok);
  }
}
