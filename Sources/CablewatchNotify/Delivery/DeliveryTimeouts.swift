/// Limits on one webhook POST: 5 s to connect and 15 s in all by default.
public struct DeliveryTimeouts: Sendable, Equatable {
    /// The production limits.
    public static let standard = DeliveryTimeouts(connect: .seconds(5), total: .seconds(15))

    public var connect: Duration
    public var total: Duration

    public init(connect: Duration, total: Duration) {
        self.connect = connect
        self.total = total
    }
}
