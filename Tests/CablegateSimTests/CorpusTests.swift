import Foundation
import Testing

@testable import CablegateSim

@Test func sameSeedGivesSameCorpusAndHashes() {
    let first = SimCorpus(seed: 42, count: 120)
    let second = SimCorpus(seed: 42, count: 120)
    #expect(first.cables == second.cables)
    for index in stride(from: 0, to: 120, by: 7) {
        let left = first.cable(at: index)
        let right = second.cable(at: index)
        #expect(left.contentSHA256 == right.contentSHA256)
        #expect(left.body == right.body)
    }
}

@Test func differentSeedsGiveDifferentCorpora() {
    let first = SimCorpus(seed: 1, count: 50)
    let second = SimCorpus(seed: 2, count: 50)
    #expect(first.cables.map(\.referenceId) != second.cables.map(\.referenceId))
}

@Test func referenceIdsAreUniqueAndMostlyWellFormed() {
    let corpus = SimCorpus(seed: 7, count: 4000)
    let ids = corpus.cables.map(\.referenceId)
    #expect(Set(ids).count == ids.count)
    let wellFormed = corpus.cables.filter { cable in
        cable.referenceId == SimDate.pad(cable.created.year % 100, 2) + cable.station.code + String(cable.serial)
    }
    let malformed = ids.count - wellFormed.count
    #expect(malformed > 0)
    #expect(malformed < ids.count / 50)
}

@Test func creationYearsConcentrateInTwoThousandEightAndNine() {
    let corpus = SimCorpus(seed: 3, count: 2000)
    let recent = corpus.cables.filter { $0.created.year == 2008 || $0.created.year == 2009 }.count
    #expect(recent > 700)
    #expect(Set(corpus.cables.map(\.origin)).count > 100)
}

@Test func canonicalTextJoinsHeaderAndBodyAndOmitsPlaceholder() {
    let corpus = SimCorpus(seed: 11, count: 400)
    let cables = (0..<400).map { corpus.cable(at: $0) }
    let partial = cables.filter(\.isPartialExtract)
    let routed = cables.filter { !$0.isPartialExtract }
    #expect(!partial.isEmpty)
    for cable in partial {
        #expect(cable.header == SimulatedCable.partialExtractPlaceholder)
        #expect(cable.canonicalText == "\n\n" + cable.body)
    }
    for cable in routed.prefix(20) {
        #expect(cable.canonicalText == cable.header + "\n\n" + cable.body)
        #expect(!cable.body.hasSuffix("\n"))
    }
    #expect(routed.contains { $0.header.hasPrefix("VZCZC") })
    #expect(routed.contains { $0.header.hasPrefix("PAGE 01") })
    #expect(cables.first?.contentSHA256.count == 64)
}

@Test func bodiesCarryTheFieldsOfTheFormat() {
    let corpus = SimCorpus(seed: 5, count: 400)
    let bodies = (0..<400).map { corpus.cable(at: $0).body }
    #expect(bodies.allSatisfy { $0.contains("E.O. 12958:") && $0.contains("SUBJ") && $0.contains("1. (") })
    #expect(bodies.contains { $0.contains("\nTAGS: ") })
    #expect(bodies.contains { $0.contains("\nTAGS ") && !$0.contains("\nTAGS: ") })
    #expect(bodies.contains { $0.contains("\nSUBJ: ") })
    #expect(bodies.contains { $0.contains("XXXXXXXXXXXX") })
    #expect(bodies.contains { $0.contains("&") })
    #expect(bodies.contains { $0.contains(" \n") })
    #expect(bodies.contains { $0.contains("<br>") || $0.contains("</table>") })
    #expect(bodies.contains { $0.contains("REF: ") })
    #expect(bodies.contains { $0.contains("Classified By: ") })
}

@Test func cableSizesAverageAboutSevenKilobytesWithALongTail() {
    let corpus = SimCorpus(seed: 9, count: 600)
    let sizes = (0..<600).map { corpus.cable(at: $0).canonicalText.utf8.count }
    let mean = sizes.reduce(0, +) / sizes.count
    #expect(mean > 5000 && mean < 10_000)
    #expect(sizes.contains { $0 > 25_000 })
}

@Test func randomStreamsAreReproducible() {
    var first = SimRandom(seed: 99, stream: 1, index: 5)
    var second = SimRandom(seed: 99, stream: 1, index: 5)
    var third = SimRandom(seed: 99, stream: 1, index: 6)
    let a = (0..<10).map { _ in first.next() }
    #expect(a == (0..<10).map { _ in second.next() })
    #expect(a != (0..<10).map { _ in third.next() })
}

@Test func civilDatesRoundTrip() {
    for days in stride(from: -3000, to: 20_000, by: 37) {
        #expect(SimDate(daysSinceEpoch: days).daysSinceEpoch == days)
    }
    #expect(SimDate(year: 2010, month: 11, day: 28, hour: 20).httpDateString == "Sun, 28 Nov 2010 20:00:00 GMT")
    #expect(SimDate.epochSeconds(httpDate: "Sun, 28 Nov 2010 20:00:00 GMT") == 1_290_974_400)
}
