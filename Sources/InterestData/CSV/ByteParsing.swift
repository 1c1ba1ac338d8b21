/// Numbers read straight from field bytes: no String is built on the hot path.
enum ByteParsing {
    /// A decimal integer with an optional sign; nil on anything else or on overflow.
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = bytes.count
        var negative = false
        if n > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        if i >= n { return nil }
        var value: Int64 = 0
        while i < n {
            let digit = bytes[i] &- UInt8(ascii: "0")
            if digit > 9 { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(digit)) : m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return value
    }

    /// A rating 1–5 as feedback y; nil when not an integer from 1 to 5.
    static func ratingFeedback(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8? {
        guard let value = int64(bytes), let y = Feedback.fromRating(Int(clamping: value)) else { return nil }
        return y
    }

    /// A sentiment −1, 0 or 1 (a leading + is accepted); nil otherwise.
    static func sentiment(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8? {
        guard let value = int64(bytes), (-1...1).contains(value) else { return nil }
        return Int8(value)
    }
}
