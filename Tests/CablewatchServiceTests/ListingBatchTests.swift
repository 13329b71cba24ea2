import CablewatchCore
import Testing

@testable import CablewatchService

/// How a batch of listing pages fetched together resolves, above all when a release shortens the day mid-batch.
@Suite struct ListingBatchTests {
    private func listing(_ page: Int, of lastPage: Int) -> Result<ListingPage, SyncError> {
        let row = ListingRow(
            referenceId: "06PAGE\(page)", cablePath: "/cable/2006/01/06PAGE\(page).html", subject: "S",
            created: "2006-01-01 00:00", released: "2010-11-28 18:18", classification: "UNCLASSIFIED",
            origin: "Embassy Page")
        return .success(ListingPage(rows: [row], page: page, lastPage: lastPage))
    }

    private func failure(_ status: Int, page: Int) -> Result<ListingPage, SyncError> {
        let url = "http://127.0.0.1/reldate/2010-11-28_\(page).html"
        return .failure(
            SyncError(
                .fetch(FetchError(.httpStatus(status, retryAfterSeconds: nil), method: "GET", url: url)), url: url))
    }

    @Test func aWholeBatchWalksToTheLongestPaginationItReports() throws {
        let batch = try ListingBatch.resolve(
            pages: 1...4, results: [listing(1, of: 9), listing(2, of: 9), listing(3, of: 9), listing(4, of: 10)]
        ).get()
        #expect(batch.listings.map(\.page) == [1, 2, 3, 4])
        #expect(batch.lastPage == 10)
    }

    @Test func aPageGoneBecauseTheDayShrankMidBatchEndsTheDayWithoutAnError() throws {
        // Pages 1 and 2 were served after a release cut the day to pages 0...2; page 3 no longer exists, and page 4
        // was served before the release.
        let batch = try ListingBatch.resolve(
            pages: 1...4, results: [listing(1, of: 2), listing(2, of: 2), failure(404, page: 3), listing(4, of: 4)]
        ).get()
        #expect(batch.listings.map(\.page) == [1, 2, 4])
        #expect(batch.lastPage == 2)
    }

    @Test func aMissingPageNoOtherPageExplainsIsLeftOutAndNamedForQuarantine() throws {
        let batch = try ListingBatch.resolve(
            pages: 1...3, results: [listing(1, of: 3), failure(404, page: 2), listing(3, of: 3)]
        ).get()
        #expect(batch.listings.map(\.page) == [1, 3])
        #expect(batch.failedPages == [2])
        #expect(batch.lastPage == 3)
    }

    @Test func otherFailuresPastTheEndStillFailTheBatch() {
        let result = ListingBatch.resolve(
            pages: 1...3, results: [listing(1, of: 1), failure(503, page: 2), failure(404, page: 3)])
        guard case .failure(let error) = result else {
            Issue.record("expected the 503 to fail the batch")
            return
        }
        #expect(!error.isNotFound)
        #expect(error.retryAfterSeconds == nil)
    }

    @Test func aBatchWhereEveryPageIsGoneNamesEveryPageForQuarantine() throws {
        // Nothing explains the 404s, so they are not the end of the day: the day stays incomplete.
        let batch = try ListingBatch.resolve(pages: 5...6, results: [failure(404, page: 5), failure(404, page: 6)])
            .get()
        #expect(batch.listings.isEmpty)
        #expect(batch.failedPages == [5, 6])
    }
}
