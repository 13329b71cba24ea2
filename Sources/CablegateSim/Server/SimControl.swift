import Foundation

/// The `/_sim/` control endpoints: advance, state, build, fault, fault/clear, stats, stats/reset.
struct SimControl {
    let server: SimServer

    /// The JSON of `GET /_sim/state`.
    struct State: Codable {
        let build: Int
        let lastBuild: Int
        let releaseDay: String
        let counter: SimCounter
        let cables: [SimReleasedCable]
    }

    /// The JSON answer of the fault endpoints.
    struct Faults: Codable {
        let faults: [SimFault]
    }

    /// The JSON body of an error answer.
    struct Failure: Codable {
        let error: String
        let build: Int
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let site = server.site
        switch (request.method, request.path) {
        case ("POST", "/_sim/advance"):
            guard let report = server.advance() else {
                return json(409, Failure(error: "already at the last build", build: site.currentBuild))
            }
            return json(200, report)
        case ("POST", "/_sim/build"):
            guard let target = request.query["to"].flatMap(Int.init), (0...site.lastBuild).contains(target) else {
                return json(
                    400, Failure(error: "query parameter to=0...\(site.lastBuild) required", build: site.currentBuild))
            }
            site.setBuild(target)
            return json(200, site.report(forBuild: target))
        case ("GET", "/_sim/state"):
            let build = site.currentBuild
            return json(
                200,
                State(
                    build: build, lastBuild: site.lastBuild,
                    releaseDay: site.schedule.releaseDay(ofBuild: build).dayString, counter: site.counter,
                    cables: site.releasedCables()))
        case ("POST", "/_sim/fault"):
            let query = request.query
            guard let kind = query["kind"].flatMap(SimFaultKind.init(rawValue:)) else {
                return json(
                    400, Failure(error: "query parameter kind= must name a fault kind", build: site.currentBuild))
            }
            var fault = SimFault(kind: kind, pathPrefix: query["path"] ?? "/", count: query["count"].flatMap(Int.init))
            if let delay = query["delayMs"].flatMap(Int.init) { fault.delayMilliseconds = delay }
            if let retry = query["retryAfter"].flatMap(Int.init) { fault.retryAfterSeconds = retry }
            // `find` and `replace` are percent-decoded to bytes, so `%00` or `%FF` can be written into a page.
            fault.find = request.queryBytes["find"] ?? []
            fault.replacement = request.queryBytes["replace"] ?? []
            server.addFault(fault)
            return json(200, Faults(faults: server.activeFaults))
        case ("POST", "/_sim/fault/clear"):
            server.clearFaults()
            return json(200, Faults(faults: []))
        case ("GET", "/_sim/fault"):
            return json(200, Faults(faults: server.activeFaults))
        case ("GET", "/_sim/stats"):
            return json(200, server.statistics)
        case ("POST", "/_sim/stats/reset"):
            server.resetStatistics()
            return json(200, server.statistics)
        default:
            return json(
                404,
                Failure(error: "unknown control endpoint \(request.method) \(request.path)", build: site.currentBuild))
        }
    }

    private func json(_ status: Int, _ value: some Encodable) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var body = Array(data)
        body.append(10)
        return HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json"), ("Content-Length", String(body.count))], body: body)
    }
}
