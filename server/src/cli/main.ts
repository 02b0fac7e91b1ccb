// `vhdl-explain` command-line entry point.
process.stdout.write('vhdl-explain: no commands yet\n');
