// InterestModel module. See docs/ARCHITECTURE.md.
