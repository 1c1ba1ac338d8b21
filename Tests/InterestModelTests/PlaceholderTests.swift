import Testing

// Removed once the module has real tests.
@Test func placeholder_InterestModelTests() { #expect(Bool(true)) }
