// Compiles a log4cplus date format (strftime plus %q = milliseconds 000-999 and %Q = fractional
// milliseconds 000.000-999.999) into one function, so a pattern's %D{...} / %d{...} is parsed once.

/** Time in milliseconds since the epoch, with sub-millisecond precision in the fraction. */
export type DateFormatter = (timeMs: number) => string;

interface Fields {
  y: number;
  mo: number; // 0-11
  d: number;
  h: number;
  mi: number;
  s: number;
  wd: number; // 0 = Sunday
  offsetMin: number; // minutes east of UTC
}

type Piece = (f: Fields, timeMs: number) => string;

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
const space2 = (n: number): string => (n < 10 ? ` ${n}` : String(n));

function dayOfYear(f: Fields): number {
  return Math.floor((Date.UTC(f.y, f.mo, f.d) - Date.UTC(f.y, 0, 1)) / 86400000) + 1;
}

function zoneName(utc: boolean): string {
  if (utc) return 'UTC';
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

function piece(conv: string, utc: boolean): Piece | string | null {
  switch (conv) {
    case 'Y':
      return (f) => String(f.y);
    case 'y':
      return (f) => pad2(f.y % 100);
    case 'C':
      return (f) => pad2(Math.floor(f.y / 100));
    case 'm':
      return (f) => pad2(f.mo + 1);
    case 'd':
      return (f) => pad2(f.d);
    case 'e':
      return (f) => space2(f.d);
    case 'H':
      return (f) => pad2(f.h);
    case 'k':
      return (f) => space2(f.h);
    case 'I':
      return (f) => pad2(f.h % 12 === 0 ? 12 : f.h % 12);
    case 'l':
      return (f) => space2(f.h % 12 === 0 ? 12 : f.h % 12);
    case 'M':
      return (f) => pad2(f.mi);
    case 'S':
      return (f) => pad2(f.s);
    case 'p':
      return (f) => (f.h < 12 ? 'AM' : 'PM');
    case 'a':
      return (f) => DAYS[f.wd]!.slice(0, 3);
    case 'A':
      return (f) => DAYS[f.wd]!;
    case 'b':
    case 'h':
      return (f) => MONTHS[f.mo]!.slice(0, 3);
    case 'B':
      return (f) => MONTHS[f.mo]!;
    case 'j':
      return (f) => pad3(dayOfYear(f));
    case 'u':
      return (f) => String(f.wd === 0 ? 7 : f.wd);
    case 'w':
      return (f) => String(f.wd);
    case 's':
      return (_f, t) => String(Math.floor(t / 1000));
    case 'q':
      return (_f, t) => pad3(Math.floor(t) % 1000);
    case 'Q':
      return (_f, t) => {
        const us = Math.floor(t * 1000) % 1000000;
        return `${pad3(Math.floor(us / 1000))}.${pad3(us % 1000)}`;
      };
    case 'z':
      return (f) => {
        const a = Math.abs(f.offsetMin);
        return `${f.offsetMin < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}${pad2(a % 60)}`;
      };
    case 'Z':
      return zoneName(utc);
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case '%':
      return '%';
    default:
      return null;
  }
}

// Composite conversions are expanded before compiling so they share the pieces above.
const COMPOSITES: Record<string, string> = {
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  T: '%H:%M:%S',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};

export function compileDateFormat(format: string, utc: boolean): DateFormatter {
  const expanded = format.replace(/%([DFTRrcxX%])/g, (all, c: string) => (c === '%' ? all : COMPOSITES[c]!));
  const pieces: (Piece | string)[] = [];
  let text = '';
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i]!;
    if (ch !== '%' || i + 1 >= expanded.length) {
      text += ch;
      continue;
    }
    const p = piece(expanded[++i]!, utc);
    if (p === null) text += `%${expanded[i]}`;
    else if (typeof p === 'string') text += p;
    else {
      if (text) pieces.push(text);
      text = '';
      pieces.push(p);
    }
  }
  if (text) pieces.push(text);

  const fields = (t: number): Fields => {
    const dt = new Date(Math.floor(t));
    return utc
      ? {
          y: dt.getUTCFullYear(),
          mo: dt.getUTCMonth(),
          d: dt.getUTCDate(),
          h: dt.getUTCHours(),
          mi: dt.getUTCMinutes(),
          s: dt.getUTCSeconds(),
          wd: dt.getUTCDay(),
          offsetMin: 0,
        }
      : {
          y: dt.getFullYear(),
          mo: dt.getMonth(),
          d: dt.getDate(),
          h: dt.getHours(),
          mi: dt.getMinutes(),
          s: dt.getSeconds(),
          wd: dt.getDay(),
          offsetMin: -dt.getTimezoneOffset(),
        };
  };
  return (t) => {
    const f = fields(t);
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : p(f, t);
    return out;
  };
}
