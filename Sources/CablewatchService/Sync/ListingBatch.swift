import CablewatchCore

/// What a batch of one day's listing pages, fetched at the same time, says about the day: the listings to walk and
/// where the day ends.
///
/// A release can land while a batch is in flight and shorten the day (a changed cable moves to a newer day). A page
/// the batch asked for can then answer 404 while another page of the same batch already reports that the day ends
/// before it. Walking pages one by one would never have asked for that page, so that 404 is not an error: the day
/// ends where the shorter pagination says. A page that failed on its own (`SyncError.isPageProblem`, a 404 no page
/// of the batch explains among them) is left out and named, to be quarantined; any other failure fails the batch.
struct ListingBatch: Equatable {
    /// The pages that answered, in page order.
    var listings: [ListingPage]
    /// The day's last page as the batch sees it.
    var lastPage: Int
    /// Pages that failed on their own, in page order: the day cannot be complete.
    var failedPages: [Int] = []

    /// Resolves the results of fetching `pages` (one result per page, in page order).
    static func resolve(
        pages: ClosedRange<Int>, results: [Result<ListingPage, SyncError>]
    ) -> Result<ListingBatch, SyncError> {
        precondition(results.count == pages.count, "one result per page")
        let reported = results.compactMap { try? $0.get().lastPage }
        let shortest = reported.min()
        var listings: [ListingPage] = []
        // Set once a page is gone: pages fetched before the release still report the longer pagination, the
        // shortest one is current.
        var shortenedTo: Int?
        var failedPages: [Int] = []
        for (page, result) in zip(pages, results) {
            switch result {
            case .success(let listing):
                listings.append(listing)
            case .failure(let error):
                if error.isNotFound, let shortest, shortest < page {
                    shortenedTo = shortest
                } else if error.isPageProblem {
                    failedPages.append(page)
                } else {
                    return .failure(error)
                }
            }
        }
        let lastPage = shortenedTo ?? reported.max() ?? pages.upperBound
        return .success(
            ListingBatch(listings: listings, lastPage: lastPage, failedPages: failedPages.filter { $0 <= lastPage }))
    }
}
