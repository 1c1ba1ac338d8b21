/// Byte offsets where the UTF-8 encoding of `bytes` breaks, in increasing order, at most `limit` of
/// them. Pure ASCII runs take the fast path; a broken sequence is reported once, at its first byte.
func invalidUTF8Offsets(in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [Int] {
    var offsets: [Int] = []
    var i = 0
    let n = bytes.count
    let base = UnsafeRawPointer(bytes.baseAddress)
    while i < n {
        // ASCII fast path: eight bytes at a time while none has its high bit set.
        if let base {
            while i + 8 <= n && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            if i >= n { break }
        }
        let b0 = bytes[i]
        if b0 < 0x80 { i += 1; continue }
        let length: Int
        var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: length = 0
        }
        var valid = length > 0 && i + length <= n
        if valid {
            let b1 = bytes[i + 1]
            valid = b1 >= lowerBound && b1 <= upperBound
            var k = 2
            while valid && k < length {
                valid = bytes[i + k] & 0xC0 == 0x80
                k += 1
            }
        }
        if valid {
            i += length
        } else {
            offsets.append(i)
            if offsets.count >= limit { return offsets }
            i += 1
        }
    }
    return offsets
}
