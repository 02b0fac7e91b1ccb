// Language server entry point (stdio or IPC), wired up by the lsp/ work.
export {};
