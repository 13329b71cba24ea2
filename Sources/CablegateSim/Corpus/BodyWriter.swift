/// Writes the body block: banner, SIPDIS/NOFORN, E.O. line, TAGS, SUBJECT, REF, Classified By, paragraphs, signature.
struct BodyWriter {
    var random: SimRandom
    let upperCase: Bool
    let width: Int
    let trailingSpaces: Bool
    let classification: SimClassification
    private var lines: [String] = []
    private var bytes = 0

    init(random: SimRandom, upperCase: Bool, width: Int, trailingSpaces: Bool, classification: SimClassification) {
        self.random = random
        self.upperCase = upperCase
        self.width = width
        self.trailingSpaces = trailingSpaces
        self.classification = classification
    }

    mutating func body(metadata: SimCableMetadata, subjectLines: [String], targetBytes: Int) -> String {
        let station = metadata.station
        let serialText = SimDate.pad(metadata.serial, 6)
        let sections = targetBytes / 6000 + 1
        let sectionText = sections > 1 ? "SECTION 01 OF \(SimDate.pad(sections, 2)) " : ""
        emit("\(classification.banner) \(sectionText)\(station.code) \(serialText) ", allowTrailing: false)
        emit("")
        if classification.isNoforn { emit("NOFORN") }
        if random.chance(0.75) { emit("SIPDIS") }
        if random.chance(0.3) { emit("SENSITIVE") }
        emit("")
        if classification.isClassified {
            let decl = metadata.created.year + random.int(in: 10...25)
            emit(
                "E.O. 12958: DECL: \(SimDate.pad(metadata.created.month, 2))/\(SimDate.pad(metadata.created.day, 2))/\(decl)"
            )
        } else {
            emit("E.O. 12958: N/A")
        }
        if random.chance(0.85) {
            emit("TAGS: " + metadata.tags.joined(separator: " "))
        } else {
            emit("TAGS " + metadata.tags.joined(separator: ", "))
        }
        let subjectKeyword = random.chance(0.9) ? "SUBJECT: " : "SUBJ: "
        for (position, line) in subjectLines.enumerated() {
            emit(position == 0 ? subjectKeyword + line : line, allowTrailing: false)
        }
        emit("")
        if random.chance(0.4) {
            var references: [String] = []
            let letters = ["A", "B", "C", "D"]
            for position in 0..<random.int(in: 1...3) {
                let other = random.pick(SimStationCatalog.all)
                references.append("\(letters[position]). \(other.code) \(random.int(in: 1...9999))")
            }
            emit("REF: " + references.joined(separator: " "))
            emit("")
        }
        if classification.isClassified && random.chance(0.85) {
            let name = random.pick(SimVocabulary.surnames).capitalized
            let role = random.pick(["Ambassador", "Charge d'Affaires", "DCM", "Political Counselor", "Acting DCM"])
            let reasons = random.pick(["1.4 (b) and (d)", "1.4(b/d)", "1.4 (d)", "1.5 (b), (d)"])
            emit("Classified By: \(role) \(name), reasons \(reasons).")
            emit("")
        }
        var number = 1
        var section = 1
        let bytesPerSection = max(1, targetBytes / sections)
        repeat {
            if sections > 1 && bytes >= bytesPerSection * section && section < sections {
                section += 1
                emit(
                    "\(station.code) \(SimDate.pad(metadata.serial, 8)) \(SimDate.pad(section, 3)) OF "
                        + SimDate.pad(sections, 3), allowTrailing: false)
                emit("")
            }
            let paragraph = ParagraphWriter.paragraph(
                number: number, marking: random.pick(classification.paragraphMarkings), random: &random,
                width: width, upperCase: upperCase, first: number == 1)
            for line in paragraph { emit(line) }
            emit("")
            number += 1
        } while bytes < targetBytes
        emit(random.pick(SimVocabulary.surnames), allowTrailing: false)
        return lines.joined(separator: "\n")
    }

    private mutating func emit(_ line: String, allowTrailing: Bool = true) {
        var text = line
        if allowTrailing && trailingSpaces && !text.isEmpty && random.chance(0.3) { text += " " }
        bytes += text.utf8.count + 1
        lines.append(text)
    }
}
