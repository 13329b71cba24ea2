/// Draws one cable's metadata (id, dates, origin, tags, subject) from its own random stream.
enum CableMetadataGenerator {
    /// Creation years and their relative weights: a thin tail back to 1966, the bulk in 2008–2009.
    static let yearWeights: [(year: Int, weight: Double)] = {
        var weights: [(Int, Double)] = []
        for year in 1966...1989 { weights.append((year, 0.002)) }
        for year in 1990...2002 { weights.append((year, 0.04)) }
        weights += [(2003, 1), (2004, 3), (2005, 6), (2006, 10), (2007, 13), (2008, 24), (2009, 26), (2010, 6)]
        return weights
    }()
    static let cumulativeYearWeights: [Double] = {
        var sum = 0.0
        return yearWeights.map { entry in
            sum += entry.weight
            return sum
        }
    }()

    static func metadata(seed: UInt64, index: Int, taken: inout Set<String>) -> SimCableMetadata {
        var random = SimRandom(seed: seed, .metadata, index)
        let year = yearWeights[random.weightedIndex(cumulative: cumulativeYearWeights)].year
        let month = year == 2010 ? random.int(in: 1...2) : random.int(in: 1...12)
        let day = random.int(in: 1...SimDate.daysIn(year: year, month: month))
        let created = SimDate(
            year: year, month: month, day: day, hour: random.int(in: 0...23), minute: random.int(in: 0...59))
        let classification = SimClassification.allCases[
            random.weightedIndex(cumulative: SimClassification.cumulativeWeights)]
        let stationIndex = random.weightedIndex(cumulative: SimStationCatalog.cumulativeWeights)
        let station = SimStationCatalog.all[stationIndex]
        var serial =
            station.largeSerials ? random.int(in: 1...190_000) : random.int(in: 1...(year < 2000 ? 4000 : 9999))
        let yearDigits = SimDate.pad(year % 100, 2)

        var referenceId: String
        if random.chance(0.005) {
            switch random.int(below: 3) {
            case 0: referenceId = "\(SimDate.pad(random.int(below: 100), 2))\(yearDigits)\(station.code)\(serial)"
            case 1: referenceId = "\(yearDigits)\(station.code)"
            default:
                let parts = random.int(in: 2...4)
                referenceId =
                    "\(yearDigits)SCTION\(SimDate.pad(random.int(in: 1...parts), 2))OF\(SimDate.pad(parts, 2))"
                    + "\(station.code)\(serial)"
            }
        } else {
            referenceId = "\(yearDigits)\(station.code)\(serial)"
        }
        while !taken.insert(referenceId).inserted {
            serial += 1
            referenceId = "\(yearDigits)\(station.code)\(serial)"
        }

        var tags: [String] = []
        for _ in 0..<random.int(in: 1...3) {
            let tag = random.pick(SimVocabulary.subjectTags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        for _ in 0..<random.int(in: 1...2) {
            let tag = random.pick(SimVocabulary.countryTags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        let subjectLines = SubjectGenerator.lines(seed: seed, index: index)
        let firstLine = subjectLines.first ?? ""
        return SimCableMetadata(
            index: index, referenceId: referenceId, created: created, classification: classification, tags: tags,
            subjectFirstLine: String(firstLine.reversed().drop(while: { $0 == " " }).reversed()),
            stationIndex: stationIndex, serial: serial)
    }
}
