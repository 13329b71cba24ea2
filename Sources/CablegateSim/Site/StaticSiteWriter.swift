import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes every page of a site's current build as static files (for nginx and benchmarks).
public struct StaticSiteWriter: Sendable {
    /// Totals of one write.
    public struct Summary: Sendable, Hashable, Codable {
        public var pages = 0
        public var bytes = 0
        public var cablePages = 0
        public var cableBytes = 0
        public var meanCablePageBytes: Int { cablePages == 0 ? 0 : cableBytes / cablePages }
    }

    public let site: SimSite
    public let directory: String
    /// Real cable pages to write in place of the rendered ones (benchmark sites with real markup); nil renders them.
    public let realCablePages: RealCablePageCloner?

    public init(site: SimSite, directory: String, realCablePages: RealCablePageCloner? = nil) {
        self.site = site
        self.directory = directory
        self.realCablePages = realCablePages
    }

    /// Renders and writes all pages of the site's current build; the home page goes to both `/index.html` and
    /// `/cablegate.html`, or only to the build's era path with `eraHomePathOnly`.
    public func write(eraHomePathOnly: Bool = false) throws(CablegateSimError) -> Summary {
        var summary = Summary()
        var createdDirectories: Set<String> = []
        let homePath = site.homePath
        for path in site.allPaths() {
            if eraHomePathOnly, path == "/index.html" || path == "/cablegate.html", path != homePath { continue }
            let isCable = path.hasPrefix("/cable/")
            let bytes: [UInt8]
            if isCable, let realCablePages {
                bytes = realCablePages.page(atPath: path)
            } else if let html = site.html(at: path) {
                bytes = Array(html.utf8)
            } else {
                continue
            }
            let file = directory + path
            let parent = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
            if !createdDirectories.contains(parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw .writeFailed(path: parent, errno: EIO)
                }
                createdDirectories.insert(parent)
            }
            let count = try Self.writeFile(file, bytes)
            summary.pages += 1
            summary.bytes += count
            if isCable {
                summary.cablePages += 1
                summary.cableBytes += count
            }
        }
        return summary
    }

    /// Writes builds `0...build` in turn into the same folder, deleting nothing, each build's home page only at its
    /// era's path: the files an older build wrote and a later one did not (listing pages that shrank, the first
    /// days' `/index.html`) stay with their older counter, as on the real mirrors. Leaves the site at `build` and
    /// returns the summary of that last write.
    public func writeEveryBuild(through build: Int) throws(CablegateSimError) -> Summary {
        var summary = Summary()
        for step in 0...max(0, min(build, site.lastBuild)) {
            site.setBuild(step)
            summary = try write(eraHomePathOnly: true)
        }
        return summary
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(CablegateSimError) -> Int {
        guard let handle = fopen(path, "wb") else { throw .writeFailed(path: path, errno: errno) }
        let written = bytes.withUnsafeBufferPointer { buffer in fwrite(buffer.baseAddress, 1, buffer.count, handle) }
        let expected = bytes.count
        guard fclose(handle) == 0, written == expected else { throw .writeFailed(path: path, errno: errno) }
        return expected
    }
}
