import Foundation
import Testing
@testable import InterestModel

struct SafeTensorsTests {
    func sample() -> SafeTensorsFile {
        SafeTensorsFile(
            tensors: ["b": StoredTensor(shape: [3], values: [1.5, -0.0, .leastNonzeroMagnitude]),
                      "a.weight": StoredTensor(shape: [2, 2], values: [Float(bitPattern: 0x7FC0_1234), .infinity, -2, 3.25])],
            metadata: ["format": "test", "names": "新闻 \"quoted\"\n"])
    }

    @Test func roundTripIsBitExact() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mist-st-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(sample(), to: url)
        let back = try SafeTensors.read(from: url)
        #expect(back.metadata == sample().metadata)
        for (name, tensor) in sample().tensors {
            #expect(back.tensors[name]?.shape == tensor.shape)
            #expect(back.tensors[name]?.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
        }
    }

    @Test func headerIsStandard() throws {
        let bytes = [UInt8](SafeTensors.encode(sample()))
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(length % 8 == 0)
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as! [String: Any]
        let entry = header["a.weight"] as! [String: Any]
        #expect(entry["dtype"] as? String == "F32")
        #expect((entry["data_offsets"] as! [Int]) == [0, 16])
        #expect(bytes.count == 8 + length + 4 * 7)
    }

    @Test func truncatedFileIsRefused() {
        let bytes = SafeTensors.encode(sample())
        for cut in [0, 5, 8, 20, bytes.count - 1] {
            #expect(throws: SafeTensorsError.self) { try SafeTensors.decode(bytes.prefix(cut), path: "t") }
        }
    }

    @Test func corruptHeadersAreRefusedWithReasons() {
        func file(header: String, data: Int = 0) -> Data {
            var bytes = [UInt8]()
            var n = UInt64(header.utf8.count)
            for _ in 0..<8 { bytes.append(UInt8(n & 0xff)); n >>= 8 }
            return Data(bytes + Array(header.utf8) + Array(repeating: 0, count: data))
        }
        let cases: [(Data, String)] = [
            (file(header: "{not json"), "not valid JSON"),
            (file(header: #"{"x":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: 2), "only F32"),
            (file(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#, data: 8), "outside"),
            (file(header: #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: 8), "needs 12"),
            (file(header: #"{"x":{"dtype":"F32","shape":[1000000000000,1000000000000],"data_offsets":[0,4]}}"#, data: 4), "larger than the file"),
            (file(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8), "overlap"),
        ]
        for (bytes, reason) in cases {
            do {
                _ = try SafeTensors.decode(bytes, path: "bad.safetensors")
                Issue.record("accepted a file that should fail with \(reason)")
            } catch {
                #expect("\(error)".contains(reason), "\(error)")
                #expect("\(error)".contains("bad.safetensors"))
            }
        }
        // A header length far beyond the file must not be trusted (no huge allocation).
        var huge = Data([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
        huge.append(contentsOf: Array("{}".utf8))
        #expect(throws: SafeTensorsError.self) { try SafeTensors.decode(huge, path: "huge") }
    }
}

struct SafeTensorsWriteTests {
    @Test func unwritablePlaceIsATypedErrorNamingThePath() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mist-no-such-dir-\(UUID())/model.safetensors")
        #expect {
            try SafeTensors.write(SafeTensorsFile(), to: url)
        } throws: { error in
            guard case .unwritable(let path, _)? = error as? SafeTensorsError else { return false }
            return path == url.path
        }
    }
}
