// TerminalUI module. See docs/ARCHITECTURE.md.
