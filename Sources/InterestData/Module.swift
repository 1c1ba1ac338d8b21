// InterestData module. See docs/ARCHITECTURE.md.
