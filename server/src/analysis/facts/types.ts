// Plain-data shapes of the design facts (JSON-safe: strings, numbers, booleans, arrays, nulls).

/** Where something is, 1-based line. `file` is the document URI. */
export interface SourceLine {
  file: string;
  line: number;
}

/** The statement that performs an access, as a reader would name it. */
export type StatementKind =
  | 'process'
  | 'concurrent assignment'
  | 'instance'
  | 'procedure call'
  | 'assertion'
  | 'block'
  | 'generate';

/** How an object is read. */
export type ReadContext = 'expression' | 'condition' | 'sensitivity' | 'port map' | 'argument' | 'index' | 'attribute';

export interface Access {
  /** 1-based line of the access itself. */
  line: number;
  statement: StatementKind;
  /** The statement's label; for an unlabelled concurrent assignment the target it assigns; null for an unlabelled process. */
  label: string | null;
  /** 1-based line where the statement starts (names unlabelled processes). */
  statementLine: number;
  /** For element or slice accesses, the suffix as written: `(3 downto 0)`, `.valid`. */
  element?: string;
  /** Reads only: where in the statement. */
  context?: ReadContext;
  /** Instance port associations: the formal port. */
  port?: string;
  /** Set when the access could not be classified for certain (e.g. an unknown port mode). */
  uncertain?: string;
  /** Enclosing generate labels, outermost first (`g_lanes`), when the statement sits in a generate. */
  generate?: string[];
  /** Made through a procedure call (inside its body, or through an `out`/`inout` parameter): the procedure, `idle → send` for nested calls. The line is the call's. */
  via?: string;
  /** UTF-16 offset of the name in the file (for editor links; not part of the CLI JSON). */
  offset: number;
}

export type Edge = 'rising' | 'falling';

export interface ClockFact {
  signal: string;
  edge: Edge;
}

export interface ResetFact {
  signal: string;
  kind: 'sync' | 'async';
  /** `0`/`1` for std_logic and bit, `true`/`false` for boolean. */
  activeLevel: string;
}

export type ObjectKind = 'signal' | 'port' | 'variable' | 'constant' | 'generic' | 'sharedVariable';

/** What an object is in the hardware, from how it is driven. */
export type ObjectRole =
  | 'register'
  | 'combinational'
  | 'instance output'
  | 'input'
  | 'undriven'
  | 'testbench'
  | 'mixed'
  | 'variable'
  | 'constant'
  /** Not driven by anything known, but connected where it might be (an instance of unknown direction). */
  | 'unknown';

export interface ObjectFacts {
  name: string;
  kind: ObjectKind;
  /** The subtype indication as written. */
  type: string;
  /** Ports: in, out, inout, buffer, linkage. */
  mode?: string;
  declaration: SourceLine;
  /** Documentation comment: `--`/`--!` lines directly above and a trailing comment; '' if none. */
  comment: string;
  /** Where the object is declared: the architecture, or `process p`, `generate g`, `block b`, `entity e`. */
  scope: string;
  drivers: Access[];
  readers: Access[];
  role: ObjectRole;
  /** Registers: the clock domain. */
  clock: ClockFact | null;
  /** Registers: the reset, with the value given in reset as source text (null: not reset). */
  reset: (ResetFact & { value: string | null }) | null;
  /** Set when two or more statements drive the same (part of an) object of an unresolved type. */
  multipleDrivers?: {
    /** Driving statements (a statement inside a for-generate that drives the whole object counts as several). */
    statements: number;
    /** false: the type has no resolution function; 'unknown': the type could not be checked. */
    resolved: false | 'unknown';
    /** 'certain' when the drivers assign the same elements, 'possible' when the indices are not static. */
    overlap: 'certain' | 'possible';
  };
  /** Combinational processes that do not assign it on every path (latch risk), by label or `process at line N`. */
  latchIn?: string[];
  /**
   * Combinational objects that only pass a register on: every driver is a concurrent `x <= r;` of
   * one register `r` (whole, a slice or field, or through a type conversion or `resize`). The
   * register's name: `x` is a registered output in all but name, with no logic after the flip-flops.
   */
  copyOf?: string;
  /** Combinational processes that read it but leave it out of their sensitivity list. */
  missingFromSensitivity?: string[];
  /** Registers of a record type: the fields, each a register of the same clock with its reset value. */
  fields?: FieldFacts[];
  /** Set when the object's facts may be incomplete; says why. */
  uncertain?: string;
}

export type ProcessKind = 'clocked' | 'combinational' | 'other';

export interface ProcessFacts {
  label: string | null;
  line: number;
  endLine: number;
  kind: ProcessKind;
  /** Enclosing generate labels, outermost first. */
  generate: string[];
  /** Sensitivity: names, `all`, or null when the process waits (or has neither). */
  sensitivity: string[] | 'all' | null;
  clock: ClockFact | null;
  reset: ResetFact | null;
  /** Signals the process assigns (base names), in first-assignment order. */
  assigns: string[];
  /** Signals and ports the process reads. */
  reads: string[];
  /** Combinational processes: signals read but missing from the sensitivity list. Clocked: clock or async reset missing. */
  missingSensitivity: string[];
  /** Combinational processes: signals not assigned on every path (latch risk). */
  latches: string[];
  /** Why the classification is not certain (half-written process, unusual structure). */
  uncertain?: string;
}

export interface RegisterFacts {
  name: string;
  clock: ClockFact;
  reset: (ResetFact & { value: string | null }) | null;
  /** Label of the driving process, or null. */
  process: string | null;
  line: number;
  /** A register of a record type: each field is a register of the same clock, with its own reset value. */
  fields?: FieldFacts[];
}

/** One field of a record register. */
export interface FieldFacts {
  /** The element name, lower case. */
  name: string;
  /** The element's subtype indication as written. */
  type: string;
  /** The value the reset gives the field as source text (from an aggregate, a constant record or `r.f <= ...`); null when not reset or not static. */
  reset: string | null;
}

export interface FsmTransition {
  from: string;
  to: string;
  /** Source text of the conditions on the path, joined with `and`; '' when unconditional. */
  condition: string;
  line: number;
}

export interface FsmFacts {
  /** The registered state signal; `r.state` when the state is a field of a record register. */
  signal: string;
  /** Two-process style: the next-state signal (`rin.state` for a record field). */
  next: string | null;
  style: 'one-process' | 'two-process';
  type: string;
  states: string[];
  resetState: string | null;
  clock: ClockFact | null;
  transitions: FsmTransition[];
  /** States no transition leads to and that are not the reset state (empty when transitions are uncertain). */
  unreachable: string[];
  line: number;
  /** Set when some transitions could not be listed (a computed next state such as `state_t'succ(state)`). */
  uncertain?: string;
}

export interface Connection {
  formal: string;
  /** The actual as written; `open` for unconnected. */
  actual: string;
  /** Port mode from the resolved entity/component; null when unknown. */
  mode: string | null;
}

export interface InstanceFacts {
  label: string;
  line: number;
  /** How it names the unit. */
  unitKind: 'component' | 'entity' | 'configuration';
  /** The name as written (`work.fifo`, `fifo`). */
  unit: string;
  /** The entity it elaborates to, lower case; null when not found. */
  entity: string | null;
  architecture: string | null;
  /** Where the entity is declared; null when it is not in the workspace. */
  entityDeclaration: SourceLine | null;
  generate: string[];
  generics: Connection[];
  ports: Connection[];
  uncertain?: string;
}

export interface CdcFacts {
  /** The register in the destination domain. */
  register: string;
  toClock: ClockFact;
  /** The register of the other domain it takes data from. */
  source: string;
  fromClock: ClockFact;
  line: number;
  /**
   * How the crossing is made safe: `two-flop` (`a <= src; b <= a`), `shift-register`
   * (`s <= s(n-2 downto 0) & src`), `synchronised enable` (data sampled under a condition that comes
   * through one of those), `dual-clock memory` (a read of a memory array written in the other
   * domain: safe only if the address protocol is); null for a candidate CDC problem.
   */
  synchroniser: 'two-flop' | 'shift-register' | 'synchronised enable' | 'dual-clock memory' | null;
}

export interface ArchitectureFacts {
  file: string;
  entity: string;
  architecture: string;
  line: number;
  objects: ObjectFacts[];
  processes: ProcessFacts[];
  registers: RegisterFacts[];
  fsms: FsmFacts[];
  instances: InstanceFacts[];
  /** Crossings found; those with `synchroniser: null` are candidate CDC problems. */
  crossings: CdcFacts[];
  /** True when syntax errors or unresolved names leave some facts incomplete. */
  partial: boolean;
  /** Reasons for `partial` and other notes, one sentence each. */
  notes: string[];
  /** The clocks and resets of the designs it instantiates, named by its own signals. */
  instanceClocking: InstanceClocking;
}

/**
 * The clocks and resets that an architecture's instances use, seen through their port maps: the
 * lanes of a structural `mac_array` are clocked by its `clk` though it has no process of its own.
 * Found through every level of the hierarchy below.
 */
export interface InstanceClocking {
  /** A clock of an instantiated design, named by the signal it is connected to here. */
  clocks: (ClockFact & { instances: string[] })[];
  /** A reset of an instantiated design (its kind and active level there), named by the signal connected to it here. */
  resets: (ResetFact & { instances: string[] })[];
  /**
   * Labels of the instances that may use clocks or resets not listed: a design that is not in the
   * workspace, or a clock or reset made inside it (or connected through an expression), at any level.
   */
  unknown: string[];
}

/** What a signal or port clocks and resets: `by` names processes (label or `process at line N`) and instances. */
export interface ClockUses {
  clockOf: { edge: Edge; by: string[] }[];
  resetOf: { kind: ResetFact['kind']; activeLevel: string; by: string[] }[];
}

export interface EntityUsage {
  /** The instance label. */
  label: string;
  /** The architecture that instantiates it: `arch of entity`. */
  in: string;
  file: string;
  line: number;
  unitKind: InstanceFacts['unitKind'];
}
