// Explorer module. See docs/ARCHITECTURE.md.
