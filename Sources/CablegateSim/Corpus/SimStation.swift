/// One originating post: the code used in reference ids (`SEOUL`), the site's origin name and telegram addresses.
public struct SimStation: Sendable, Hashable {
    /// The code inside reference ids, e.g. `SEOUL`, `STATE`, `USNATO`.
    public let code: String
    /// The origin name shown on the site, e.g. `Embassy Seoul`.
    public let origin: String
    /// The `FM` line address, e.g. `AMEMBASSY SEOUL`.
    let fromAddress: String
    /// The four-letter-plus routing indicator used in `DE` lines, e.g. `RUEHUL`.
    let routingIndicator: String
    /// Relative share of cables this post sends.
    let weight: Double
    /// True for posts whose serials run to six digits (the Department).
    let largeSerials: Bool
}
