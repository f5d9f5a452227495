import BeianDiagnostics
@testable import BeianSearch
import Testing

@Suite struct PostingCodecTests {
    @Test func varintsRoundTrip() {
        var out: [UInt8] = []
        let values = [0, 1, 31, 32, 33, 1_023, 1_024, 99_999, 1 << 30]
        for v in values { PostingCodec.appendVarint(v, to: &out) }
        #expect(Decode.varints(Substring(String(decoding: out, as: UTF8.self)).utf8) == values)
        var one: [UInt8] = []
        PostingCodec.appendVarint(31, to: &one)
        #expect(one.count == 1)
    }

    @Test func denseListsCostOneCharacterPerDocument() {
        let ids: [Int32] = Array(100..<200)
        let text = PostingCodec.deltas(ids, base: 0)
        #expect(text.count == 2 + 99, "100 needs two characters, each gap of one needs one")
        #expect(Decode.gaps(String(decoding: text, as: UTF8.self), base: 0) == ids.map(Int.init))
    }

    @Test func blocksPickTheShortestFormAndRoundTrip() {
        let start = 4_096, length = 4_096
        let sparse: [Int32] = [4_100, 5_000, 8_000]
        let almostAll: [Int32] = (4_096..<8_192).filter { $0 % 97 != 0 }.map(Int32.init)
        let half: [Int32] = (4_096..<8_192).filter { ($0 * 7919) % 3 != 0 }.map(Int32.init)
        for (ids, mark) in [(sparse, ""), (almostAll, "!"), (half, "~")] {
            let block = PostingCodec.block(ids[...], start: start, length: length)
            #expect(mark.isEmpty ? !(block.hasPrefix("!") || block.hasPrefix("~")) : block.hasPrefix(mark))
            #expect(Decode.block(block, start: start, length: length) == ids.map(Int.init))
        }
        // A bitmap never exceeds one character per six documents.
        #expect(PostingCodec.block(half[...], start: start, length: length).utf8.count <= 1 + (length + 5) / 6)
    }

    @Test func jsonStringsEscapeOnlyWhatTheyMust() {
        #expect(JSONText.string("网易/\"x\"\\\n\u{2028}") == "\"网易/\\\"x\\\"\\\\\\n\\u2028\"")
        // Controls, DEL, C1, bidi and invisible characters are dropped (`TextSafety`), not escaped:
        // a published name must not carry them at all.
        #expect(JSONText.string("\u{01}名\u{7F}\u{9B}称\u{202E}\u{200B}") == "\"名称\"")
    }
}
