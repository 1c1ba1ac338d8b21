// Autograd module. See docs/ARCHITECTURE.md.
