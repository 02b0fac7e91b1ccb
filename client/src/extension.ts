// VS Code entry point: starts the VHDL Explain language client (filled in by the client work).
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
