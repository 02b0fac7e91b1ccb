// Part of the grounding check: the hardware details a small model repeats from its training designs
// ("Segments g..a, active high", "Request per requester", "Byte to send") said of a design whose
// text never mentions them. A sentence may use one of these words only when the design's own words
// (identifier parts and comments) contain it, a shortening of it (`seg` for segments, `req` for
// requester, `addr` for address), or a word listed as grounding it.

/**
 * Word stems of hardware details that a design's names or comments would show if it had them, each
 * with the words (besides its own abbreviations) that ground it: a multiplier's `mul` grounds "product".
 */
const LFSR_WORDS = ['lfsr', 'prbs', 'poly', 'feedback', 'fb', 'taps', 'tap', 'random', 'rand', 'rnd', 'seed', 'scrambler'];
const DETAILS: Record<string, string[]> = {
  segment: ['hex', 'ssd', 'sevenseg'], anode: ['digit'], cathode: ['seg', 'ca'], digit: ['bcd', 'seg'],
  requester: ['req', 'arb', 'gnt'], grant: ['gnt', 'req', 'arb'], arbitrat: ['arb', 'req', 'gnt'],
  baud: ['uart', 'tx', 'rx'], startbit: ['uart', 'tx', 'rx'], stopbit: ['uart', 'tx', 'rx'], serial: ['ser', 'tx', 'rx', 'uart', 'spi', 'i2c', 'sda', 'mosi', 'miso', 'sdi', 'sdo', 'sin', 'sout', 'shift'],
  byte: ['uart', 'tx', 'rx', 'spi', 'i2c', 'sel', 'strb', 'octet'], frame: ['uart', 'sof', 'eof', 'fr'], packet: ['pkt', 'sop', 'eop'],
  parity: ['par', 'crc', 'ecc'], product: ['mul', 'mult', 'prod', 'mac'], multiplicand: ['mul', 'mult'], multiplier: ['mul', 'mult'],
  dividend: ['div'], divisor: ['div'], quotient: ['div', 'quot'], remainder: ['div', 'rem', 'mod'], accumulat: ['acc', 'mac', 'sum'],
  coefficient: ['coef', 'coeff', 'fir', 'iir', 'filter', 'taps'], tap: ['fir', 'coef', 'lfsr', 'delay'], filter: ['fir', 'iir', 'cic', 'filt', 'avg'],
  duty: ['pwm', 'dc', 'cmp'], prescal: ['ps', 'div', 'ce', 'tick'], debounc: ['db', 'deb', 'btn', 'button'], button: ['btn', 'pb', 'key'],
  switch: ['sw'], led: ['leds'], timeout: ['timer', 'wdt', 'watchdog', 'tmo'], watchdog: ['wdt', 'wd'], kick: ['wdt', 'feed', 'pet'],
  pointer: ['ptr', 'wptr', 'rptr', 'addr', 'idx'], gray: ['grey', 'gry'], onehot: ['oh', 'one'], address: ['adr', 'addr', 'idx'],
  fifo: ['queue', 'full', 'empty'], queue: ['fifo'], stack: ['lifo', 'push', 'pop'], credit: ['cred'],
  handshake: ['ready', 'valid', 'ack', 'req', 'rdy', 'vld', 'stb'], beat: ['axi', 'burst', 'len', 'last'], burst: ['axi', 'len'],
  strobe: ['stb', 'strb'], checksum: ['crc', 'sum', 'chk'], crc: ['poly'], lfsr: ['prbs', 'poly'], scrambl: ['scr', 'lfsr', 'prbs'],
  // an LFSR spelled out ("A 16-bit maximal-length linear feedback shift register producing a pseudo-random sequence")
  linearfeedback: LFSR_WORDS, pseudorandom: LFSR_WORDS, maximallength: LFSR_WORDS,
  temperature: ['temp'], sensor: [], motor: ['pwm', 'step'], servo: ['pwm'], traffic: ['light', 'red', 'green', 'amber'],
  pedestrian: ['ped', 'walk'], vending: ['coin'], coin: [], elevator: ['floor', 'lift'], alarm: ['alm'],
  // memories: "A 16x8 ROM holding the squares ..." said of a Gray counter
  // (a memory design's words: `store`, `table`, `regfile`; "maps to distributed RAM" is said of them)
  rom: ['lut', 'lookup', 'table', 'tbl', 'rom'],
  ram: ['mem', 'bram', 'sram', 'dpram', 'store', 'table', 'tbl', 'lut', 'rom', 'fifo', 'regfile', 'rf', 'imem', 'dmem', 'array'],
};
/** Stems whose pattern is not the stem followed by any letters: `ram` must not match "ramp". */
const PATTERNS: Record<string, string> = {
  onehot: 'one[-\\s]?hot', startbit: 'start[-\\s]bit', stopbit: 'stop[-\\s]bit', ram: 'ram(?=s?\\b)', rom: 'rom(?=s?\\b)',
  linearfeedback: 'linear[-\\s]feedback', pseudorandom: 'pseudo[-\\s]?random', maximallength: 'maximal[-\\s]length',
};
const DETAIL_RE = new RegExp(`\\b(${Object.keys(DETAILS).map((k) => PATTERNS[k] ?? k).join('|')})[a-z]*`, 'gi');

/** Generic uses that say nothing about the design ("in the table above", "key points"). */
const FIGURES_OF_SPEECH = /\b(table (?:above|below)|key (?:point|idea|fact)s?|phase of (?:the )?(?:reset|clock|design))\b/gi;

/**
 * The first hardware detail of `sentence` that `designWords` (lower-case words of the design's
 * identifiers, their `_`/camelCase parts, and comments) gives no ground for, or undefined.
 */
export function unsupportedDetail(sentence: string, designWords: Set<string>): string | undefined {
  const text = sentence.replace(/`[^`]*`/g, ' ').replace(FIGURES_OF_SPEECH, ' ');
  for (const m of text.matchAll(DETAIL_RE)) {
    const word = m[0].toLowerCase().replace(/[-\s]/g, '');
    const stem = m[1].toLowerCase().replace(/[-\s]/g, '');
    if (supported(word, stem, designWords) || (DETAILS[stem] ?? []).some((a) => grounds(a, designWords))) continue;
    return m[0];
  }
  return undefined;
}

/** AXI's channels (`aw`, `w`, `b`, `ar`, `r`), APB's and AHB's `p` and `h`, and read/write prefixes (`awaddr`, `paddr`, `wstrb`, `rdaddr`). */
const CHANNEL_PREFIXES = new Set(['aw', 'ar', 'w', 'r', 'b', 'p', 'h', 'rd', 'wr']);

/**
 * Whether the design has the word `a`, alone or after a bus channel's one- or two-letter prefix:
 * AXI's `awaddr` and `wstrb`, APB's `paddr` have an address and byte strobes.
 */
function grounds(a: string, designWords: Set<string>): boolean {
  if (designWords.has(a)) return true;
  if (a.length < 4) return false;
  for (const w of designWords) if (w.endsWith(a) && CHANNEL_PREFIXES.has(w.slice(0, w.length - a.length))) return true;
  return false;
}

function supported(word: string, stem: string, designWords: Set<string>): boolean {
  if (designWords.has(word) || designWords.has(stem)) return true;
  // The design's word is a shortening of this one (`seg`, `req`, `addr`) or a longer form of it;
  // other abbreviations (`ptr`, `adr`) are listed with their stems, since letters in order match too
  // much (`rst` would ground "requester").
  for (const w of designWords) if (w.length >= 3 && (word.startsWith(w) || stem.startsWith(w) || w.startsWith(stem))) return true;
  return false;
}
