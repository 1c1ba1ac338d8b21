/// Checks a CSV file's header from its first bytes, before the whole file is read: a 1 GB file
/// whose header lacks a required column is refused after reading 1 MiB, not 1 GB.
enum HeaderFirst {
    /// How much of a file is read to find its header; a longer header row is refused.
    static let prefixBytes = 1 << 20
    /// The most columns a header may have (bounds what one row may cost).
    static let maximumColumns = 1024

    enum Verdict: Equatable {
        /// Read the whole file.
        case readAll
        /// The header row does not end within `prefixBytes`.
        case headerTooLong
        /// The header is complete but unusable: parse only its bytes (`0..<end`), so that the
        /// usual checks report what is wrong with it.
        case headerOnly(end: Int)
    }

    /// What to do with a file whose first bytes are `prefix` (a proper prefix of the file).
    /// `accepts` gets the header's trimmed column names.
    static func inspect(_ prefix: [UInt8], accepts: ([String]) -> Bool) -> Verdict {
        prefix.withUnsafeBufferPointer { buffer in
            var reader = CSVRecordReader(bytes: buffer)
            var fields: [CSVField] = []
            var line = 0
            var scratch: [UInt8] = []
            do throws(CSVSyntaxError) {
                guard try reader.nextRecord(into: &fields, recordLine: &line) else { return .readAll }
            } catch {
                // An open quote that runs past the prefix: the header does not end within it.
                if case .unterminatedQuote = error { return .headerTooLong }
                return .headerOnly(end: prefix.count)
            }
            // The record ran to the end of the prefix: the header may go on beyond it.
            guard reader.position < buffer.count else { return .headerTooLong }
            if reader.fieldCount(fields) > maximumColumns { return .headerOnly(end: reader.position) }
            let names = fields.map { reader.string(of: $0, scratch: &scratch).trimmingSpaces }
            return accepts(names) ? .readAll : .headerOnly(end: reader.position)
        }
    }
}
