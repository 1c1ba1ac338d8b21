import Testing

// Removed once the module has real tests.
@Test func placeholder_AutogradTests() { #expect(Bool(true)) }
