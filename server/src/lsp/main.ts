// Language server entry point: `node dist/server.js --stdio` or `--node-ipc` (what vscode-languageclient uses).
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibraryMapper } from '../analysis/library';
import { Workspace } from '../analysis/workspace';
import { configFromSection, DEFAULT_CONFIG, fetchConfig, type ServerConfig } from './config';
import { guardedNotification, type ServerContext, track } from './context';
import { DiagnosticsPublisher } from './diagnostics';
import { registerDocuments } from './documents';
import { registerHover } from './hover';
import { registerExplainFeatures } from './explainFeatures';
import { applyModelSettings, fetchModelSection, initialModelSettings } from './model';
import { registerNavigation } from './navigation';
import { registerSymbols } from './symbols';
import { uriToPath, WorkspaceFolders } from './workspace';

/** How long shutdown waits for a model load or release to finish before answering anyway. */
const SHUTDOWN_WAIT_MS = 10_000;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let markReady!: () => void;
const ctx: ServerContext = {
  connection,
  documents,
  workspace: new Workspace(),
  ready: new Promise<void>((r) => (markReady = r)),
  pending: new Set(),
  onWorkspaceChanged: new Set(),
  onShutdown: new Set(),
  log: (m) => connection.console.log(m),
};

// The server must outlive any bug in a handler: log and carry on.
process.on('uncaughtException', (e) => ctx.log(`uncaught exception: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => ctx.log(`unhandled rejection: ${String(e)}`));

const folders = new WorkspaceFolders(ctx, []);
let config: ServerConfig = DEFAULT_CONFIG;
let supportsConfiguration = false;
let supportsWatcherRegistration = false;
const diagnostics = new DiagnosticsPublisher(ctx, config.diagnosticsDebounceMs);

/** Features register their handlers here; later concerns (facts, explain) add one line each. */
const features: ((ctx: ServerContext) => void)[] = [registerSymbols, registerNavigation, registerHover, registerExplainFeatures];

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders.folders = roots.map(uriToPath).filter((p): p is string => !!p);
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  supportsWatcherRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const init = params.initializationOptions as { vhdlExplain?: unknown; cacheDir?: unknown } | undefined;
  config = configFromSection(init?.vhdlExplain ?? init, config);
  initialModelSettings(init?.vhdlExplain ?? init, typeof init?.cacheDir === 'string' ? init.cacheDir : undefined);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: true,
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'vhdl-explain' },
  };
});

connection.onInitialized(
  guardedNotification(ctx, 'initialized', async () => {
    try {
      config = await fetchConfig(ctx, supportsConfiguration, config);
      applyConfig();
      void applyModelSettings(ctx, supportsConfiguration ? await fetchModelSection(ctx) : undefined);
      if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'vhdlExplain' });
      if (supportsWatcherRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{vhd,vhdl,VHD,VHDL}' }] });
      }
      const started = Date.now();
      const n = await folders.scan();
      ctx.log(`indexed ${n} VHDL files from ${folders.folders.length} folder(s) in ${Date.now() - started} ms`);
    } finally {
      markReady();
    }
    diagnostics.schedule();
    await ctx.workspace.warmUp(() => new Promise((r) => setImmediate(r)));
  }),
);

function applyConfig(): void {
  folders.setMapping(new LibraryMapper(config.libraries));
  diagnostics.debounceMs = config.diagnosticsDebounceMs;
}

connection.onDidChangeConfiguration(
  guardedNotification(ctx, 'didChangeConfiguration', async (params) => {
    const fromPush = (params.settings as { vhdlExplain?: unknown } | undefined)?.vhdlExplain;
    config = supportsConfiguration ? await fetchConfig(ctx, true, config) : configFromSection(fromPush, config);
    applyConfig();
    void applyModelSettings(ctx, supportsConfiguration ? await fetchModelSection(ctx) : fromPush);
    diagnostics.schedule();
  }),
);

connection.onDidChangeWatchedFiles(guardedNotification(ctx, 'didChangeWatchedFiles', (p) => track(ctx, folders.onWatchedFiles(p))));

registerDocuments(ctx, folders);
for (const register of features) register(ctx);
ctx.onShutdown.add(() => diagnostics.dispose());
// One handler for every concern's shutdown work; a model still loading is waited for (a worker
// thread torn down inside ONNX Runtime by the exit that follows can kill the process), but not forever.
connection.onShutdown(async () => {
  const all = Promise.allSettled([...ctx.onShutdown].map(async (f) => f()));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((r) => (timer = setTimeout(() => {
    ctx.log(`shutdown: gave up waiting after ${SHUTDOWN_WAIT_MS / 1000} s`);
    r();
  }, SHUTDOWN_WAIT_MS)));
  await Promise.race([all, late]);
  clearTimeout(timer);
});

documents.listen(connection);
connection.listen();
