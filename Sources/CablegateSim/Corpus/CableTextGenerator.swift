import Foundation

/// Writes a cable's header and body text (routing or printed-telegram header, banner, tags, subject, paragraphs).
struct CableTextGenerator {
    let seed: UInt64

    func text(for metadata: SimCableMetadata) -> CableText {
        var random = SimRandom(seed: seed, .text, metadata.index)
        let subjectLines = SubjectGenerator.lines(seed: seed, index: metadata.index)
        let upperCase = metadata.created.year < 2005
        let headerRoll = random.unit()
        let isPartialExtract = headerRoll < 0.05
        let header: String
        if isPartialExtract {
            header = SimulatedCable.partialExtractPlaceholder
        } else if metadata.created.year < 1995 || headerRoll < 0.07 {
            header = printedTelegramHeader(metadata, &random)
        } else {
            header = routingHeader(metadata, &random)
        }
        let logSize = 8.32 + 0.9 * random.normal()
        let targetBytes = min(220_000, max(900, Int(exp(logSize))))
        var writer = BodyWriter(
            random: random, upperCase: upperCase, width: random.int(in: 64...74),
            trailingSpaces: random.chance(0.2), classification: metadata.classification)
        let body = writer.body(metadata: metadata, subjectLines: subjectLines, targetBytes: targetBytes)
        return CableText(subjectLines: subjectLines, header: header, body: body, isPartialExtract: isPartialExtract)
    }

    private func dtg(_ created: SimDate) -> String {
        "\(SimDate.pad(created.day, 2))\(SimDate.pad(created.hour, 2))\(SimDate.pad(created.minute, 2))Z "
            + "\(created.telegramMonth) \(SimDate.pad(created.year % 100, 2))"
    }

    private func routingHeader(_ metadata: SimCableMetadata, _ random: inout SimRandom) -> String {
        let station = metadata.station
        let created = metadata.created
        let precedence = random.pick(["O", "P", "R", "Z"])
        let dayOfYear = created.daysSinceEpoch - SimDate(year: created.year, month: 1, day: 1).daysSinceEpoch + 1
        let zny =
            switch metadata.classification {
            case .secret, .secretNoforn: "ZNY SSSSS ZZH"
            case .confidential, .confidentialNoforn: "ZNY CCCCC ZZH"
            case .unclassified, .unclassifiedFOUO: "ZNR UUUUU ZZH"
            }
        var lines = [
            "VZCZCXRO\(SimDate.pad(random.int(below: 10000), 4))",
            "\(precedence)\(precedence) RUEHWEB",
            "",
            "DE \(station.routingIndicator) #\(SimDate.pad(metadata.serial % 10000, 4))/01 "
                + "\(SimDate.pad(dayOfYear, 3))\(SimDate.pad(created.hour, 2))\(SimDate.pad(created.minute, 2))",
            zny,
            "\(precedence) \(dtg(created))",
            "FM \(station.fromAddress)",
        ]
        let others = SimStationCatalog.all
        if station.code == "STATE" {
            let target = random.pick(others)
            lines.append("TO \(target.routingIndicator)/\(target.fromAddress) PRIORITY \(random.int(in: 1...9999))")
        } else {
            lines.append("TO RUEHC/SECSTATE WASHDC IMMEDIATE \(SimDate.pad(random.int(in: 1...9999), 4))")
        }
        let infoCount = random.int(in: 0...6)
        for position in 0..<infoCount {
            let info = random.pick(others)
            let line =
                "\(info.routingIndicator)/\(info.fromAddress) PRIORITY \(SimDate.pad(random.int(in: 1...9999), 4))"
            lines.append(position == 0 ? "INFO " + line : line)
        }
        if random.chance(0.3) { lines.append("RHEHNSC/NSC WASHDC PRIORITY") }
        return lines.joined(separator: "\n")
    }

    private func printedTelegramHeader(_ metadata: SimCableMetadata, _ random: inout SimRandom) -> String {
        let station = metadata.station
        let created = metadata.created
        let timeGroup =
            "\(SimDate.pad(created.day, 2))\(SimDate.pad(created.hour, 2))\(SimDate.pad(created.minute, 2))Z"
        let lines = [
            "PAGE 01        \(station.code)  \(SimDate.pad(metadata.serial % 100_000, 5))  \(timeGroup)",
            "ACTION \(random.pick(["EAP", "EUR", "NEA", "ARA", "AF", "SS"]))-00",
            "",
            "INFO  LOG-00   AID-00   CIAE-00  INR-00   SS-00    DODE-00  /0\(random.int(in: 10...99))W",
            "                  ------------------\(String(random.next() & 0xFF_FFFF, radix: 16, uppercase: true))  "
                + "\(timeGroup) /\(random.int(in: 10...99))",
            "\(random.pick(["O", "P", "R"])) \(dtg(created))",
            "FM \(station.fromAddress)",
            "TO SECSTATE WASHDC \(random.pick(["IMMEDIATE ", "PRIORITY ", ""]))\(SimDate.pad(random.int(in: 1...9999), 4))",
        ]
        return lines.joined(separator: "\n")
    }
}
