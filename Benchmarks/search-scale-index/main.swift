// search-scale-index: reads filings (JSON array of PublicFiling) and writes their search index
// under OUT/search/ plus a minimal search page, then prints one JSON line of figures.
// Usage: search-scale-index FILINGS.json OUT_DIR
import BeianModel
import BeianSearch
import Foundation

let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write(Data("usage: search-scale-index FILINGS.json OUT_DIR\n".utf8))
    exit(64)
}
let started = Date()
let filings = try JSONDecoder().decode([PublicFiling].self, from: Data(contentsOf: URL(fileURLWithPath: args[1])))
let decoded = Date()
let output = try SearchIndex.make(filings, basePath: "/")
let files = output.files
let built = Date()
let out = URL(fileURLWithPath: args[2])
var bytes = 0, shards = 0, blocks = 0, chunks = 0
for (path, data) in files {
    let url = out.appendingPathComponent("search/" + path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    bytes += data.count
    if path.hasPrefix("s/") { shards += 1 } else if path.hasPrefix("b/") { blocks += 1 } else if path.hasPrefix("d/") { chunks += 1 }
}
let page = """
    <!doctype html>
    <html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>备案查询</title></head>
    <body><main><h1>备案查询</h1><div id="search-app" data-base="/search/"></div>
    <noscript><p>查询需要启用浏览器的 JavaScript。</p></noscript></main>
    <script src="/search/search.js" defer></script></body></html>
    """
try Data(page.utf8).write(to: out.appendingPathComponent("search/index.html"))
let figures: [String: Any] = [
    "filings": filings.count, "files": files.count, "bytes": bytes, "shards": shards, "blockFiles": blocks,
    "resultChunks": chunks, "decodeSeconds": decoded.timeIntervalSince(started), "buildSeconds": built.timeIntervalSince(decoded),
    "writeSeconds": Date().timeIntervalSince(built),
    "steps": output.steps.map { "\($0.name) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", "),
]
print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
