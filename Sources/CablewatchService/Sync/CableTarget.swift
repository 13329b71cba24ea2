/// A cable page to fetch, and what the listing said about it.
struct CableTarget: Sendable {
    var referenceId: String
    var url: String
    var listedReleased: String?
}
