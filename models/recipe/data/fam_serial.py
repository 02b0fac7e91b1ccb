"""Synthetic families: serial interfaces (UART transmitter and receiver, SPI master, I2C master)."""
from synth import family, zeros


@family('uart_tx', 'UART transmitter, 8N1, with baud counter and FSM')
def uart_tx(c):
    c.ename('uart_tx', 'uart_transmitter', 'serial_tx', 'tx_uart')
    clk, rst = c.clock(), c.reset()
    B = c.rng.choice([(50_000_000, 115200), (100_000_000, 115200), (12_000_000, 9600), (25_000_000, 57600)])
    g = c.generic('CLKS_PER_BIT', 'positive', B[0] // B[1], f'clock cycles per bit (e.g. {B[0] // 1_000_000} MHz / {B[1]} baud)')
    start = c.inp('tx_start', doc='starts transmitting `tx_data` (sampled only while idle)')
    data = c.inp('tx_data', 'std_logic_vector(7 downto 0)', 'byte to send')
    tx = c.outp('tx', doc='serial line, idle high')
    busy = c.outp('busy', doc='high while a frame is being sent')
    S = c.fsm('tx_state_t', [('IDLE', 'line idle (high), waiting for tx_start'), ('START', 'sending the start bit (low) for one bit time'),
                             ('DATA', 'sending the 8 data bits, LSB first'), ('STOP', 'sending the stop bit (high)')],
              'The transmitter FSM walks IDLE -> START -> DATA (8 bits) -> STOP -> IDLE; each non-idle state lasts CLKS_PER_BIT cycles per bit.')
    R = c.regs([('state', S['_type'], S['IDLE'], 'FSM state'), ('baud_cnt', f'natural range 0 to {g} - 1', '0', 'cycles within the current bit'),
                ('bit_idx', 'natural range 0 to 7', '0', 'index of the data bit being sent'),
                ('shreg', 'std_logic_vector(7 downto 0)', zeros(), 'byte being shifted out'), ('tx_q', 'std_logic', "'1'", 'registered serial output')], clk, rst)
    r, w = R.r, R.w

    def bit_timer(then):
        return [f"if {r('baud_cnt')} = {g} - 1 then", f"  {w('baud_cnt')} 0;"] + ['  ' + l for l in then] + \
               ['else', f"  {w('baud_cnt')} {r('baud_cnt')} + 1;", 'end if;']
    body = [f"case {r('state')} is",
            f"  when {S['IDLE']} =>", f"    {w('tx_q')} '1';", f"    {w('baud_cnt')} 0;", f"    {w('bit_idx')} 0;",
            f"    if {start} = '1' then", f"      {w('shreg')} {data};", f"      {w('state')} {S['START']};", '    end if;',
            f"  when {S['START']} =>", f"    {w('tx_q')} '0';"] + \
        ['    ' + l for l in bit_timer([f"{w('state')} {S['DATA']};"])] + \
        [f"  when {S['DATA']} =>", f"    {w('tx_q')} {r('shreg')}(0);"] + \
        ['    ' + l for l in bit_timer([f"{w('shreg')} '0' & {r('shreg')}(7 downto 1);",
                                       f"if {r('bit_idx')} = 7 then", f"  {w('state')} {S['STOP']};", 'else',
                                       f"  {w('bit_idx')} {r('bit_idx')} + 1;", 'end if;'])] + \
        [f"  when {S['STOP']} =>", f"    {w('tx_q')} '1';"] + \
        ['    ' + l for l in bit_timer([f"{w('state')} {S['IDLE']};"])] + ['end case;']
    R.process(body, [start, data], f'The register logic holds the FSM, the baud counter `{r("baud_cnt")}`, the bit index and the shift register `{r("shreg")}`; the byte is latched on `{start}` and shifted out LSB first, one bit every CLKS_PER_BIT cycles, with the line driven from the register `{r("tx_q")}`.')
    c.stmt(f"{tx} <= {r('tx_q')};", f"{busy} <= '0' when {r('state')} = {S['IDLE']} else '1';")
    c.behaviour.append(f'`{busy}` is high in every state except {S["IDLE"]}.')
    c.purpose.append(f'A UART transmitter sending 8N1 frames (start bit, 8 data bits LSB first, one stop bit) at {B[1]} baud from a {B[0] // 1_000_000} MHz clock.')


@family('uart_rx', 'UART receiver with synchroniser, mid-bit sampling and framing error')
def uart_rx(c):
    c.ename('uart_rx', 'uart_receiver', 'serial_rx', 'rx_uart')
    clk, rst = c.clock(), c.reset()
    B = c.rng.choice([(50_000_000, 115200), (100_000_000, 9600), (12_000_000, 9600), (48_000_000, 115200)])
    g = c.generic('CLKS_PER_BIT', 'positive', B[0] // B[1], 'clock cycles per bit')
    rx = c.inp('rx', doc='serial line (asynchronous, idle high)')
    data = c.outp('rx_data', 'std_logic_vector(7 downto 0)', 'received byte, valid when rx_valid pulses')
    valid = c.outp('rx_valid', doc='one-clock pulse when a byte has been received with a correct stop bit')
    ferr = c.outp('frame_err', doc='one-clock pulse when the stop bit was sampled low (framing error)')
    S = c.fsm('rx_state_t', [('IDLE', 'waiting for the falling edge of a start bit'), ('START', 'waiting half a bit time to re-check the start bit in its middle'),
                             ('DATA', 'sampling the 8 data bits in the middle of each bit'), ('STOP', 'sampling the stop bit')],
              'IDLE -> START on a low line; START returns to IDLE if the line is high again at mid-bit (a glitch), else goes to DATA; after 8 bits, STOP checks the stop bit and returns to IDLE.')
    R = c.regs([('rx_s0', 'std_logic', "'1'", 'synchroniser stage 1'), ('rx_s1', 'std_logic', "'1'", 'synchroniser stage 2'),
                ('state', S['_type'], S['IDLE'], 'FSM state'), ('cnt', f'natural range 0 to {g} - 1', '0', 'cycle counter within a bit'),
                ('bit_idx', 'natural range 0 to 7', '0', 'data bit index'), ('shreg', 'std_logic_vector(7 downto 0)', zeros(), 'received bits'),
                ('valid_q', 'std_logic', "'0'", 'byte-valid pulse'), ('ferr_q', 'std_logic', "'0'", 'framing-error pulse')], clk, rst)
    r, w = R.r, R.w
    line = r('rx_s1')
    body = [f"{w('rx_s0')} {rx};", f"{w('rx_s1')} {r('rx_s0')};", f"{w('valid_q')} '0';", f"{w('ferr_q')} '0';",
            f"case {r('state')} is",
            f"  when {S['IDLE']} =>", f"    {w('cnt')} 0;", f"    {w('bit_idx')} 0;",
            f"    if {line} = '0' then", f"      {w('state')} {S['START']};", '    end if;',
            f"  when {S['START']} =>",
            f"    if {r('cnt')} = ({g} - 1) / 2 then", f"      {w('cnt')} 0;",
            f"      if {line} = '0' then", f"        {w('state')} {S['DATA']};", '      else', f"        {w('state')} {S['IDLE']};", '      end if;',
            '    else', f"      {w('cnt')} {r('cnt')} + 1;", '    end if;',
            f"  when {S['DATA']} =>",
            f"    if {r('cnt')} = {g} - 1 then", f"      {w('cnt')} 0;",
            f"      {w('shreg')} {line} & {r('shreg')}(7 downto 1);",
            f"      if {r('bit_idx')} = 7 then", f"        {w('state')} {S['STOP']};", '      else',
            f"        {w('bit_idx')} {r('bit_idx')} + 1;", '      end if;',
            '    else', f"      {w('cnt')} {r('cnt')} + 1;", '    end if;',
            f"  when {S['STOP']} =>",
            f"    if {r('cnt')} = {g} - 1 then", f"      {w('cnt')} 0;", f"      {w('state')} {S['IDLE']};",
            f"      if {line} = '1' then", f"        {w('valid_q')} '1';", '      else', f"        {w('ferr_q')} '1';", '      end if;',
            '    else', f"      {w('cnt')} {r('cnt')} + 1;", '    end if;',
            'end case;']
    R.process(body, [rx], f'The line is synchronised by `{r("rx_s0")}`/`{r("rx_s1")}`. The FSM waits for a low level, re-checks it half a bit later, then samples each data bit one bit time apart (in its middle) into `{r("shreg")}`, LSB first, and finally checks the stop bit.')
    c.stmt(f"{data} <= {r('shreg')};", f"{valid} <= {r('valid_q')};", f"{ferr} <= {r('ferr_q')};")
    c.purpose.append(f'A UART receiver for 8N1 frames at {B[1]} baud from a {B[0] // 1_000_000} MHz clock, with an input synchroniser, mid-bit sampling and framing-error detection.')


@family('spi_master', 'SPI master, mode 0, configurable width and clock divider')
def spi_master(c):
    c.ename('spi_master', 'spi_ctrl', 'spi_mst', 'spi_if')
    clk, rst = c.clock(), c.reset()
    W = c.rng.choice([8, 16, 24, 32])
    gw = c.generic('DATA_WIDTH', 'positive', W, 'bits per transfer')
    gd = c.generic('HALF_PERIOD', 'positive', c.rng.choice([2, 4, 5, 10, 25]), 'system clock cycles per half SCLK period')
    start = c.inp('start', doc='starts a transfer of `tx_data` (sampled while idle)')
    txd = c.inp('tx_data', f'std_logic_vector({gw}-1 downto 0)', 'word to send, MSB first')
    rxd = c.outp('rx_data', f'std_logic_vector({gw}-1 downto 0)', 'word received from MISO, valid when done pulses')
    done = c.outp('done', doc='one-clock pulse at the end of a transfer')
    busy = c.outp('busy', doc='high during a transfer')
    sclk = c.outp('sclk', doc='SPI clock, idle low (CPOL=0)')
    mosi = c.outp('mosi', doc='master-out slave-in data, changes on falling SCLK edges')
    miso = c.inp('miso', doc='master-in slave-out data, sampled on rising SCLK edges')
    cs = c.outp('cs_n', doc='chip select, active low during the transfer')
    S = c.fsm('spi_state_t', [('IDLE', 'chip select high, SCLK low, waiting for start'), ('XFER', 'toggling SCLK and shifting bits'),
                              ('FINISH', 'raising chip select and presenting the received word')],
              'IDLE -> XFER on start; XFER runs 2*DATA_WIDTH half periods; FINISH pulses done and returns to IDLE.')
    R = c.regs([('state', S['_type'], S['IDLE'], 'FSM state'), ('div', f'natural range 0 to {gd} - 1', '0', 'half-period counter'),
                ('bits', f'natural range 0 to {gw} - 1', '0', 'bits transferred'), ('shreg', f'std_logic_vector({gw}-1 downto 0)', zeros(), 'shift register (out on MSB, in at LSB)'),
                ('sclk_q', 'std_logic', "'0'", 'SCLK'), ('cs_q', 'std_logic', "'1'", 'chip select'), ('miso_q', 'std_logic', "'0'", 'MISO sampled on the rising edge'),
                ('rx_q', f'std_logic_vector({gw}-1 downto 0)', zeros(), 'received word'), ('done_q', 'std_logic', "'0'", 'done pulse')], clk, rst)
    r, w = R.r, R.w
    body = [f"{w('done_q')} '0';", f"case {r('state')} is",
            f"  when {S['IDLE']} =>", f"    {w('sclk_q')} '0';", f"    {w('cs_q')} '1';",
            f"    if {start} = '1' then", f"      {w('shreg')} {txd};", f"      {w('cs_q')} '0';", f"      {w('div')} 0;", f"      {w('bits')} 0;",
            f"      {w('state')} {S['XFER']};", '    end if;',
            f"  when {S['XFER']} =>",
            f"    if {r('div')} = {gd} - 1 then", f"      {w('div')} 0;",
            f"      if {r('sclk_q')} = '0' then", f"        {w('sclk_q')} '1';", f"        {w('miso_q')} {miso};",
            '      else', f"        {w('sclk_q')} '0';", f"        {w('shreg')} {r('shreg')}({gw}-2 downto 0) & {r('miso_q')};",
            f"        if {r('bits')} = {gw} - 1 then", f"          {w('state')} {S['FINISH']};", '        else',
            f"          {w('bits')} {r('bits')} + 1;", '        end if;', '      end if;',
            '    else', f"      {w('div')} {r('div')} + 1;", '    end if;',
            f"  when {S['FINISH']} =>", f"    {w('cs_q')} '1';", f"    {w('rx_q')} {r('shreg')};", f"    {w('done_q')} '1';",
            f"    {w('state')} {S['IDLE']};", 'end case;']
    R.process(body, [start, txd, miso], f'Every HALF_PERIOD cycles in {S["XFER"]} the SCLK register toggles: on the rising half MISO is sampled into `{r("miso_q")}`, on the falling half the shift register `{r("shreg")}` shifts left taking the sampled bit, which puts the next bit on MOSI.')
    c.stmt(f"{sclk} <= {r('sclk_q')};", f"{cs} <= {r('cs_q')};", f"{mosi} <= {r('shreg')}({gw}-1);",
           f"{rxd} <= {r('rx_q')};", f"{done} <= {r('done_q')};", f"{busy} <= '0' when {r('state')} = {S['IDLE']} else '1';")
    c.purpose.append(f'An SPI master in mode 0 (CPOL=0, CPHA=0) that shifts a {W}-bit word out on MOSI, MSB first, while receiving one from MISO, with an active-low chip select.')


@family('i2c_master', 'I2C master for single-byte writes with ACK checking')
def i2c_master(c):
    c.ename('i2c_master', 'i2c_writer', 'i2c_ctrl', 'twi_master')
    clk, rst = c.clock(), c.reset()
    gq = c.generic('QUARTER', 'positive', c.rng.choice([31, 62, 125, 250]), 'system clock cycles per quarter SCL period')
    start = c.inp('start', doc='begins a write transaction (sampled while idle)')
    addr = c.inp('addr', 'std_logic_vector(6 downto 0)', '7-bit slave address')
    data = c.inp('wdata', 'std_logic_vector(7 downto 0)', 'byte to write')
    busy = c.outp('busy', doc='high during a transaction')
    done = c.outp('done', doc='one-clock pulse when the transaction ends')
    nack = c.outp('ack_error', doc='set when the slave did not acknowledge; cleared by the next start')
    scl = c.outp('scl_oe', doc='drives SCL low when high (open drain: released otherwise)')
    sda = c.outp('sda_oe', doc='drives SDA low when high (open drain: released otherwise)')
    sdi = c.inp('sda_in', doc='SDA line level, read for the acknowledge bits')
    S = c.fsm('i2c_state_t', [('IDLE', 'bus released, waiting for start'), ('START', 'START condition: SDA falls while SCL is high'),
                              ('ADDR', 'sending the address byte (7-bit address + write bit 0)'), ('ADDR_ACK', 'reading the slave acknowledge after the address'),
                              ('DATA', 'sending the data byte'), ('DATA_ACK', 'reading the slave acknowledge after the data'),
                              ('STOP', 'STOP condition: SDA rises while SCL is high')],
              'Each bit takes four quarter periods (SCL low, low, high, high). IDLE -> START -> ADDR -> ADDR_ACK -> DATA -> DATA_ACK -> STOP -> IDLE; a NACK after the address skips the data byte.')
    R = c.regs([('state', S['_type'], S['IDLE'], 'FSM state'), ('qcnt', f'natural range 0 to {gq} - 1', '0', 'quarter-period counter'),
                ('phase', 'natural range 0 to 3', '0', 'quarter of the current bit'), ('bit_idx', 'natural range 0 to 7', '0', 'bit index, counting down'),
                ('shreg', 'std_logic_vector(7 downto 0)', zeros(), 'byte being sent, MSB first'), ('data_q', 'std_logic_vector(7 downto 0)', zeros(), 'latched data byte'),
                ('scl_q', 'std_logic', "'0'", 'SCL pull-down'), ('sda_q', 'std_logic', "'0'", 'SDA pull-down'),
                ('nack_q', 'std_logic', "'0'", 'acknowledge error'), ('done_q', 'std_logic', "'0'", 'done pulse')], clk, rst)
    r, w = R.r, R.w
    ph = r('phase')

    def send(nxt):
        return [f"    case {ph} is", f"      when 0 => {w('scl_q')} '1';", f"      when 1 => {w('sda_q')} not {r('shreg')}(7);",
                f"      when 2 => {w('scl_q')} '0';",
                "      when 3 =>", f"        {w('shreg')} {r('shreg')}(6 downto 0) & '0';",
                f"        if {r('bit_idx')} = 0 then", f"          {w('state')} {nxt};", '        else',
                f"          {w('bit_idx')} {r('bit_idx')} - 1;", '        end if;',
                '      when others => null;', '    end case;']

    def ack(ok_next, ok_extra):
        return [f"    case {ph} is", f"      when 0 => {w('scl_q')} '1';", f"      when 1 => {w('sda_q')} '0';",
                f"      when 2 => {w('scl_q')} '0';",
                '      when 3 =>', f"        {w('bit_idx')} 7;",
                f"        if {sdi} = '1' then", f"          {w('nack_q')} '1';", f"          {w('state')} {S['STOP']};",
                '        else'] + ['          ' + l for l in ok_extra] + [f"          {w('state')} {ok_next};", '        end if;',
                '      when others => null;', '    end case;']
    body = [f"{w('done_q')} '0';",
            f"if {r('state')} = {S['IDLE']} then",
            f"  {w('scl_q')} '0';", f"  {w('sda_q')} '0';", f"  {w('qcnt')} 0;", f"  {w('phase')} 0;",
            f"  if {start} = '1' then", f"    {w('shreg')} {addr} & '0';", f"    {w('data_q')} {data};", f"    {w('bit_idx')} 7;",
            f"    {w('nack_q')} '0';", f"    {w('state')} {S['START']};", '  end if;',
            f"elsif {r('qcnt')} /= {gq} - 1 then", f"  {w('qcnt')} {r('qcnt')} + 1;",
            'else', f"  {w('qcnt')} 0;", f"  {w('phase')} ({ph} + 1) mod 4;", f"  case {r('state')} is",
            f"    when {S['START']} =>", f"    if {ph} = 1 then", f"      {w('sda_q')} '1';", f"    elsif {ph} = 3 then",
            f"      {w('state')} {S['ADDR']};", '    end if;',
            f"    when {S['ADDR']} =>"] + ['  ' + l for l in send(S['ADDR_ACK'])] + \
        [f"    when {S['ADDR_ACK']} =>"] + ['  ' + l for l in ack(S['DATA'], [f"{w('shreg')} {r('data_q')};"])] + \
        [f"    when {S['DATA']} =>"] + ['  ' + l for l in send(S['DATA_ACK'])] + \
        [f"    when {S['DATA_ACK']} =>"] + ['  ' + l for l in ack(S['STOP'], [])] + \
        [f"    when {S['STOP']} =>", f"    case {ph} is", f"      when 0 => {w('scl_q')} '1';", f"      when 1 => {w('sda_q')} '1';",
         f"      when 2 => {w('scl_q')} '0';", f"      when 3 => {w('sda_q')} '0'; {w('done_q')} '1'; {w('state')} {S['IDLE']};",
         '      when others => null;', '    end case;',
         f"    when others =>", f"      {w('state')} {S['IDLE']};", '  end case;', 'end if;']
    R.process(body, [start, addr, data, sdi], f'A quarter-period counter `{r("qcnt")}` advances `{r("phase")}` (0..3); in every bit SCL is pulled low in quarters 0-1 and released in 2-3, SDA changes only in quarter 1, a quarter period after SCL has fallen, and the slave acknowledge is sampled from `{sdi}` in quarter 3.')
    c.stmt(f"{scl} <= {r('scl_q')};", f"{sda} <= {r('sda_q')};", f"{nack} <= {r('nack_q')};", f"{done} <= {r('done_q')};",
           f"{busy} <= '0' when {r('state')} = {S['IDLE']} else '1';")
    c.purpose.append('An I2C master that writes one byte to a 7-bit slave address: START, address + write bit, ACK, data byte, ACK, STOP, with open-drain outputs expressed as pull-down enables and acknowledge checking.')
    c.notes.append('The outputs are pull-down enables: at the pins SDA/SCL must be driven low when the enable is high and released (pulled up externally) otherwise.')
