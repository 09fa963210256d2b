// Remove without conflict resolution (Kea's SimpleRemoveTransaction): the name's address RRset of the
// request's family and its DHCID go, whoever owns them; then PTR and DHCID at the reverse name.
import { Rcode, RRType } from '@kea-ts/dns';
import { MSG } from './messages.js';
import { NameChangeTransaction, type Step } from './transaction.js';

const okOrNxrrset = (rcode: number): 'done' | 'failed' =>
  rcode === Rcode.NOERROR || rcode === Rcode.NXRRSET ? 'done' : 'failed';

export class SimpleRemoveTransaction extends NameChangeTransaction {
  readonly kind = 'simple remove';

  protected firstForwardStep(): Step {
    const fqdn = this.ncr.fqdn;
    return {
      label: 'Forward Remove',
      build: () => this.forwardUpdate().deleteRRset(fqdn, this.addressType).deleteRRset(fqdn, RRType.DHCID),
      onAnswer: okOrNxrrset,
      onServerExhausted: 'next-server',
      ioError: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_IO_ERROR,
      rejected: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_REJECTED,
      corrupt: MSG.DHCP_DDNS_FORWARD_REMOVE_RRS_RESP_CORRUPT,
    };
  }

  protected firstReverseStep(): Step {
    const rev = this.reverseName;
    return this.reverseRemoveStep(() =>
      this.reverseUpdate().deleteRRset(rev, RRType.PTR).deleteRRset(rev, RRType.DHCID),
    );
  }

  protected logOutcome(ok: boolean): void {
    this.logRemoveOutcome(ok);
  }
}
