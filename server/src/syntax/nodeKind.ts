// Node kinds of the concrete syntax tree, named after the VHDL-2008 LRM productions.

export enum NodeKind {
  DesignFile,
  DesignUnit,
  /** Tokens the parser could not place; always accompanied by a diagnostic. */
  Error,

  // Context clauses and design units (LRM 3, 4.7, 4.8, 4.9, 13).
  ContextClause,
  LibraryClause,
  UseClause,
  ContextReference,
  ContextDeclaration,
  EntityDeclaration,
  ArchitectureBody,
  PackageDeclaration,
  PackageBody,
  PackageInstantiationDeclaration,
  ConfigurationDeclaration,
  BlockConfiguration,
  ComponentConfiguration,
  /** `end [keyword] [name] ;` closing any declaration or statement. */
  EndClause,

  // Shared pieces.
  /** A name being declared: one identifier, extended identifier, operator symbol or character literal token. */
  DefiningName,
  /** Defining names separated by commas: `a, b, c`. */
  IdentifierList,
  /** `lbl :` in front of a statement. */
  Label,
  DeclarativePart,
  ConcurrentStatements,
  SequentialStatements,
  /** One of the tokens in/out/inout/buffer/linkage. */
  Mode,
  GenericClause,
  PortClause,
  InterfaceList,
  GenericMapAspect,
  PortMapAspect,
  AssociationList,
  /** `[formal =>] actual`; the actual is an Expression node, a Range, a SubtypeIndication or `open`. */
  AssociationElement,
  FormalPart,
  Signature,

  // Interface declarations (LRM 6.5).
  InterfaceConstantDeclaration,
  InterfaceSignalDeclaration,
  InterfaceVariableDeclaration,
  InterfaceFileDeclaration,
  InterfaceTypeDeclaration,
  InterfaceSubprogramDeclaration,
  InterfacePackageDeclaration,

  // Declarations (LRM 4, 5, 6).
  TypeDeclaration,
  SubtypeDeclaration,
  ConstantDeclaration,
  SignalDeclaration,
  VariableDeclaration,
  FileDeclaration,
  FileOpenInformation,
  AliasDeclaration,
  AttributeDeclaration,
  AttributeSpecification,
  EntitySpecification,
  EntityNameList,
  ComponentDeclaration,
  SubprogramDeclaration,
  SubprogramBody,
  SubprogramInstantiationDeclaration,
  ProcedureSpecification,
  FunctionSpecification,
  SubprogramHeader,
  ParameterList,
  ConfigurationSpecification,
  ComponentSpecification,
  InstantiationList,
  BindingIndication,
  EntityAspect,
  DisconnectionSpecification,
  GroupTemplateDeclaration,
  GroupDeclaration,

  // Type definitions (LRM 5).
  EnumerationTypeDefinition,
  /** Integer or floating point: `range 0 to 7`. */
  RangeTypeDefinition,
  PhysicalTypeDefinition,
  PrimaryUnitDeclaration,
  SecondaryUnitDeclaration,
  /** `array (natural range <>) of t` or `array (0 to 3) of t`. */
  ArrayTypeDefinition,
  /** `natural range <>` inside an unbounded array definition. */
  IndexSubtypeDefinition,
  RecordTypeDefinition,
  ElementDeclaration,
  AccessTypeDefinition,
  FileTypeDefinition,
  ProtectedTypeDeclaration,
  ProtectedTypeBody,
  /** [ResolutionIndication] TypeMark [Constraint]. */
  SubtypeIndication,
  /** A resolution function name, or `(resolved)` element resolution. */
  ResolutionIndication,
  TypeMark,
  RangeConstraint,
  /** `(7 downto 0)`, `(open)(3 downto 0)`, or a record constraint `(a(1 to 2), b(0 to 3))`. */
  ArrayConstraint,
  /** `left to|downto right`. A range given by a `'range` attribute is an ordinary Name. */
  Range,

  // Concurrent statements (LRM 11).
  ProcessStatement,
  SensitivityList,
  BlockStatement,
  BlockHeader,
  ConcurrentProcedureCallStatement,
  ConcurrentAssertionStatement,
  ConcurrentSimpleSignalAssignment,
  ConcurrentConditionalSignalAssignment,
  ConcurrentSelectedSignalAssignment,
  ComponentInstantiationStatement,
  /** `[component] name`, `entity lib.e[(arch)]` or `configuration lib.c`. */
  InstantiatedUnit,
  ForGenerateStatement,
  IfGenerateStatement,
  CaseGenerateStatement,
  /** One `if`/`elsif`/`else` arm of an if-generate, with optional alternative label. */
  GenerateAlternative,
  GenerateStatementBody,
  ParameterSpecification,

  // Sequential statements (LRM 10).
  WaitStatement,
  SensitivityClause,
  ConditionClause,
  TimeoutClause,
  AssertionStatement,
  ReportStatement,
  SimpleSignalAssignment,
  ConditionalSignalAssignment,
  SelectedSignalAssignment,
  SimpleForceAssignment,
  SimpleReleaseAssignment,
  VariableAssignment,
  ConditionalVariableAssignment,
  SelectedVariableAssignment,
  ProcedureCallStatement,
  IfStatement,
  /** `if cond then stmts`, `elsif cond then stmts` or `else stmts`. */
  IfBranch,
  CaseStatement,
  CaseStatementAlternative,
  LoopStatement,
  WhileScheme,
  ForScheme,
  NextStatement,
  ExitStatement,
  ReturnStatement,
  NullStatement,
  /** The name or aggregate assigned by a signal or variable assignment. */
  Target,
  DelayMechanism,
  Waveform,
  WaveformElement,
  /** `wave when cond else wave ...` (or expressions, for variables). */
  ConditionalWaveforms,
  /** `wave when choices, ...` */
  SelectedWaveforms,
  SelectedWaveform,
  Choices,

  // Expressions (LRM 9).
  /** `left op right`; chains nest to the left: `a + b - c` is ((a + b) - c). */
  BinaryExpression,
  UnaryExpression,
  ParenthesizedExpression,
  Aggregate,
  ElementAssociation,
  QualifiedExpression,
  Allocator,
  /** A numeric, character, string, bit-string literal or `null`. */
  Literal,
  /** `10 ns`: an optional abstract literal and a unit name. */
  PhysicalLiteral,

  // Names (LRM 8).
  /** An identifier, extended identifier, operator symbol ("and") or character literal used as a name. */
  SimpleName,
  SelectedName,
  /** `prefix(args)`: function call, indexed name, slice or type conversion, decided by analysis. */
  CallOrIndexName,
  AttributeName,
  ExternalName,
  ExternalPathName,
}
