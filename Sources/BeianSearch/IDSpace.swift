/// Where document ids live, chosen so that an approval rewrites only a few index files.
///
/// Ids are newest first (the client ranks ties by id), yet a new filing — the newest — must
/// not shift every other id, or every posting list and result chunk would change. So the id
/// space is rounded up to whole windows (`size`) and the documents take its top end: the
/// oldest has id `size − 1`, the newest `offset = size − count`. Ids `0..<offset` are unused
/// (in no list, no result chunk). The next filing takes `offset − 1`; nothing else moves until
/// the count passes a multiple of the window size, when every id moves once.
///
/// A pure function of the document count: the same filings always give the same index.
struct IDSpace: Sendable, Equatable {
    /// Documents indexed.
    let count: Int
    /// Ids in use or reserved: a multiple of the window size, at least `count`.
    let size: Int

    init(count: Int, window: Int) {
        self.count = count
        size = (count + window - 1) / window * window
    }

    /// The id of the newest document; the `i`-th newest has `offset + i`.
    var offset: Int { size - count }

    /// The smallest value of the ladder 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, … (steps of at
    /// most 25 %) that is at least `n`: a shard count that stays put while the corpus grows a
    /// little, so that files keep their names and only those whose terms changed are rewritten.
    static func ladder(atLeast n: Int) -> Int {
        if n <= 4 { return max(1, n) }
        var scale = 1
        while 7 * scale < n { scale *= 2 }
        for m in 4...7 where m * scale >= n { return m * scale }
        return 8 * scale
    }
}
