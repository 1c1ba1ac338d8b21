import Testing

// Removed once the module has real tests.
@Test func placeholder_TerminalUITests() { #expect(Bool(true)) }
