import Foundation

/// Makes cable pages out of real ones: each simulated cable's page is a real cable page (chosen by its reference ID)
/// with the real reference ID and path replaced by the simulated ones, so a benchmark site carries the real site's
/// markup, sidebar and text instead of the simulator's.
public struct RealCablePageCloner: Sendable {
    /// One real cable page and what must be replaced in it.
    struct Template: Sendable {
        var referenceId: [UInt8]
        var path: [UInt8]
        var bytes: [UInt8]
        /// Where the first `<code><pre>` starts and the last `</pre></code>` ends: the cable's text, kept as it is.
        var textStart: Int
        var textEnd: Int
    }

    let templates: [Template]

    /// Reads every `*.html` cable page under `paths` (files or folders, not recursive), sorted by name so a site is
    /// the same on every machine; a page that does not say `Viewing cable REFID` and link `/cable/…/REFID.html` is
    /// an error, since a clone of it would not be a cable page.
    public init(paths: [String]) throws(CablegateSimError) {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .invalidTemplate(path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".html") }.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        guard !files.isEmpty else {
            throw .invalidTemplate(path: paths.joined(separator: ", "), reason: "no .html page")
        }
        var templates: [Template] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .invalidTemplate(path: file, reason: "cannot read it")
            }
            templates.append(try Self.template(Array(data), file: file))
        }
        self.templates = templates
    }

    /// The number of distinct real pages the clones come from.
    public var templateCount: Int { templates.count }

    /// The page of the cable at `path` (`/cable/YYYY/MM/REFID.html`): a real page with its reference ID and path
    /// replaced. The template is picked by a hash of the reference ID, so it does not depend on writing order.
    public func page(atPath path: String) -> [UInt8] {
        let newPath = Array(path.utf8)
        let name = path.split(separator: "/").last ?? ""
        let referenceId = Array(name.dropLast(".html".count).utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in referenceId { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let template = templates[Int(hash % UInt64(templates.count))]
        // The cable's own text may quote its reference ID: only the markup around the text blocks is rewritten.
        func rewrite(_ part: ArraySlice<UInt8>) -> [UInt8] {
            Self.replacing(
                template.referenceId, with: referenceId,
                in: Self.replacing(template.path, with: newPath, in: Array(part)))
        }
        let bytes = template.bytes
        return rewrite(bytes[..<template.textStart]) + bytes[template.textStart..<template.textEnd]
            + rewrite(bytes[template.textEnd...])
    }

    static func template(_ bytes: [UInt8], file: String) throws(CablegateSimError) -> Template {
        let marker = Array("Viewing cable ".utf8)
        guard let start = firstIndex(of: marker, in: bytes, from: 0) else {
            throw .invalidTemplate(path: file, reason: "no 'Viewing cable REFID' heading")
        }
        var end = start + marker.count
        while end < bytes.count, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "<") { end += 1 }
        let referenceId = Array(bytes[(start + marker.count)..<end])
        let prefix = Array("href='/cable/".utf8)
        var search = 0
        while let link = firstIndex(of: prefix, in: bytes, from: search) {
            let pathStart = link + "href='".utf8.count
            var pathEnd = pathStart
            while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "'") { pathEnd += 1 }
            let path = Array(bytes[pathStart..<pathEnd])
            if path.count > referenceId.count,
                Array(path.suffix(referenceId.count + 5)) == referenceId + Array(".html".utf8)
            {
                guard let textStart = firstIndex(of: Array("<code><pre".utf8), in: bytes, from: 0),
                    let textEnd = lastEnd(of: Array("</pre></code>".utf8), in: bytes)
                else { throw .invalidTemplate(path: file, reason: "no <code><pre> text block") }
                return Template(
                    referenceId: referenceId, path: path, bytes: bytes, textStart: textStart, textEnd: textEnd)
            }
            search = pathEnd
        }
        throw .invalidTemplate(
            path: file, reason: "no link to its own /cable/…/\(String(decoding: referenceId, as: UTF8.self)).html")
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The index just past the last occurrence of `needle` in `bytes`.
    static func lastEnd(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        var found: Int?
        var search = 0
        while let hit = firstIndex(of: needle, in: bytes, from: search) {
            found = hit + needle.count
            search = hit + 1
        }
        return found
    }

    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var copied = 0
        var search = 0
        while let hit = firstIndex(of: needle, in: bytes, from: search) {
            result += bytes[copied..<hit]
            result += replacement
            copied = hit + needle.count
            search = copied
        }
        result += bytes[copied...]
        return result
    }
}
