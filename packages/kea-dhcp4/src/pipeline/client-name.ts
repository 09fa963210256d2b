// The host name of an answer and of the lease (Kea's processHostnameOption, without DDNS for now):
// a reserved hostname wins (qualified with ddns-qualifying-suffix); else the client's option 12,
// sanitized with hostname-char-set, lowercased, a single label qualified. Option 81 comes with DDNS.
import type { EffectiveParams } from '@kea-ts/dhcpsrv';
import type { Exchange4 } from './context.js';

const DHO_HOST_NAME = 12;

function qualify(name: string, p: EffectiveParams): string {
  const suffix = p['ddns-qualifying-suffix'];
  if (suffix === '') return name;
  const base = name.endsWith('.') ? name.slice(0, -1) : name;
  const sfx = suffix.endsWith('.') ? suffix.slice(0, -1) : suffix;
  return `${base}.${sfx}`;
}

/** Labels of a name as Kea counts them (the root label included): 'a' 2, 'a.b' 3, '.' 1, '' 0. */
function labelCount(name: string): number {
  if (name === '') return 0;
  if (name === '.') return 1;
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  return trimmed.split('.').length + 1;
}

const sanitizers = new Map<string, RegExp | null>();
function sanitizer(set: string): RegExp | null {
  let re = sanitizers.get(set);
  if (re === undefined) {
    try {
      re = set === '' ? null : new RegExp(set, 'g');
    } catch {
      re = null;
    }
    sanitizers.set(set, re);
  }
  return re;
}

/** Sets option 12 on the answer when due; returns the hostname the lease records ('' for none). */
export function processHostname(ex: Exchange4): string {
  const resp = ex.response;
  const subnet = ex.subnet;
  if (resp === null || subnet === null) return '';
  const p = subnet.effective;
  const reserved = ex.host?.hostname ?? '';
  if (reserved !== '') {
    const name = qualify(reserved, p).toLowerCase();
    resp.setOption(DHO_HOST_NAME, Buffer.from(name, 'latin1'));
    return name;
  }
  resp.deleteOption(DHO_HOST_NAME);
  let sent: string | undefined;
  try {
    sent = ex.q.hostname;
  } catch {
    sent = undefined;
  }
  const mode = p['ddns-replace-client-name'];
  if (sent === undefined) return '';
  const trimmed = sent.trim();
  const labels = labelCount(trimmed);
  if (labels === 0) return '';
  if (mode === 'always' || mode === 'when-present' || labels < 2) return '';
  let name = trimmed;
  const re = sanitizer(p['hostname-char-set']);
  if (re !== null) name = name.replace(re, p['hostname-char-replacement']);
  name = name.toLowerCase();
  if (labels === 2) name = qualify(name, p);
  resp.setOption(DHO_HOST_NAME, Buffer.from(name, 'latin1'));
  return name;
}
