// A generated VHDL design of a chosen length, for the language-server benchmark.

const TARGET_LINES = 10_000;

/** An entity whose architecture has ~100 blocks of signals and clocked processes. */
export function generatedDesign(lines = TARGET_LINES): string {
  const head = [
    'library ieee;',
    'use ieee.std_logic_1164.all;',
    'use ieee.numeric_std.all;',
    '',
    'entity big is',
    '  generic (WIDTH : natural := 16);',
    '  port (',
    '    clk_i : in std_logic; -- the clock',
    '    rst_i : in std_logic;',
    '    d_i   : in unsigned(WIDTH - 1 downto 0);',
    '    q_o   : out unsigned(WIDTH - 1 downto 0)',
    '  );',
    'end entity big;',
    '',
    'architecture rtl of big is',
    '  type state_t is (IDLE, LOAD, RUN, DONE);',
  ];
  const decls: string[] = [];
  const body: string[] = [];
  let i = 0;
  while (head.length + decls.length + body.length + 4 < lines) {
    decls.push(`  signal acc_${i} : unsigned(WIDTH - 1 downto 0); -- accumulator ${i}`, `  signal st_${i} : state_t;`);
    body.push(
      `  p_${i} : process (clk_i) is`,
      `    variable tmp : unsigned(WIDTH - 1 downto 0);`,
      `  begin`,
      `    if rising_edge(clk_i) then`,
      `      if rst_i = '1' then`,
      `        acc_${i} <= (others => '0');`,
      `        st_${i} <= IDLE;`,
      `      else`,
      `        tmp := acc_${i} + d_i;`,
      `        case st_${i} is`,
      `          when IDLE => st_${i} <= LOAD;`,
      `          when LOAD => st_${i} <= RUN;`,
      `          when RUN  => acc_${i} <= tmp;`,
      `                       if tmp > 100 then st_${i} <= DONE; end if;`,
      `          when DONE => st_${i} <= IDLE;`,
      `        end case;`,
      `      end if;`,
      `    end if;`,
      `  end process p_${i};`,
      ``,
    );
    i++;
  }
  return [...head, ...decls, 'begin', ...body, `  q_o <= acc_${i - 1};`, 'end architecture rtl;', ''].join('\n');
}

