// Names that package STD.STANDARD makes visible everywhere (LRM 16.3), including the implicitly
// declared operations; never reported as unresolved, and without a source location to go to.

export const STANDARD_NAMES = new Set(
  [
    // Types and subtypes.
    'boolean', 'bit', 'character', 'severity_level', 'integer', 'natural', 'positive', 'real', 'time',
    'delay_length', 'string', 'bit_vector', 'file_open_kind', 'file_open_status', 'boolean_vector',
    'integer_vector', 'real_vector', 'time_vector', 'universal_integer', 'universal_real',
    // Enumeration literals.
    'false', 'true', 'note', 'warning', 'error', 'failure', 'read_mode', 'write_mode', 'append_mode',
    'open_ok', 'status_error', 'name_error', 'mode_error',
    'nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'lf', 'vt', 'ff', 'cr', 'so', 'si',
    'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fsp', 'gsp', 'rsp',
    'usp', 'del', 'c128', 'c129', 'c130', 'c131', 'c132', 'c133', 'c134', 'c135', 'c136', 'c137', 'c138',
    'c139', 'c140', 'c141', 'c142', 'c143', 'c144', 'c145', 'c146', 'c147', 'c148', 'c149', 'c150', 'c151',
    'c152', 'c153', 'c154', 'c155', 'c156', 'c157', 'c158', 'c159',
    // Units of TIME.
    'fs', 'ps', 'ns', 'us', 'ms', 'sec', 'min', 'hr',
    // Functions and procedures, declared or implicitly defined for the predefined and user types.
    'now', 'to_string', 'minimum', 'maximum', 'rising_edge', 'falling_edge', 'to_bstring', 'to_binary_string',
    'to_ostring', 'to_octal_string', 'to_hstring', 'to_hex_string', 'file_open', 'file_close', 'read',
    'write', 'endfile', 'flush', 'deallocate', 'file_mode', 'file_state', 'file_size', 'file_position',
    'file_rewind', 'file_seek', 'file_truncate', 'file_canseek',
    // Attribute-like reserved names that may appear as plain names.
    'foreign',
  ],
);
