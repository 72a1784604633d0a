import Hummingbird
import SwitchboardConnectors
import SwitchboardGraphQL
import SwitchboardServer

/// The admin's view of the cluster, in JSON, for the admin token only:
///
/// - `GET /cluster/workers`: each worker's id, state, pid, restarts and, from the worker itself, the tenants it
///   served, its requests and the fingerprints of the keys it holds;
/// - `GET /cluster/placement?tenant=ID`: the worker that serves a tenant, and whether it is pinned there.
///
/// (The GraphQL admin fields over the same data come with the cluster's admin schema.)
public struct ClusterAdminRoutes: HTTPResponder {
    public typealias Context = SwitchboardRequestContext

    let router: ClusterRouter
    let authenticator: ConnectorTokenAuthenticator

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.uri.path == "/cluster/workers" || request.uri.path == "/cluster/placement" else {
            // As the server answers any path it does not know.
            let notFound = HTTPGraphQLResponse.errors(
                .notFound, .json, [GraphQLError("Not found.", extensions: ["code": .string("NOT_FOUND")])])
            return Response(status: notFound.status, headers: notFound.headers, body: .init(byteBuffer: notFound.body))
        }
        guard request.method == .get else {
            return json(.methodNotAllowed, error("Use GET."), headers: [.allow: "GET"])
        }
        let principal: Principal
        do {
            principal = try await authenticator.authenticate(AuthenticationInput(
                authorization: request.headers[.authorization], remoteAddress: context.remoteAddress))
        } catch {
            let status: HTTPResponse.Status = error.reason == .rejected ? .unauthorized : .serviceUnavailable
            return json(status, self.error(error.message), headers: [.wwwAuthenticate: "Bearer"])
        }
        guard principal == .admin else { return json(.forbidden, error("The cluster's view needs the admin token.")) }

        if request.uri.path == "/cluster/placement" {
            guard let tenantID = request.uri.queryParameters.get("tenant"), !tenantID.isEmpty else {
                return json(.badRequest, error("Give the tenant: /cluster/placement?tenant=ID."))
            }
            let map = router.shardMap
            return json(.ok, .object([
                "tenant": .string(tenantID),
                "worker": map.owner(of: tenantID).map(GraphQLValue.string) ?? .null,
                "pinned": .boolean(map.isPinned(tenantID)),
            ]))
        }
        let statuses = await router.workerStatuses()
        return json(.ok, .object(["workers": .list(statuses.map(Self.json))]))
    }

    private static func json(_ status: WorkerStatus) -> GraphQLValue {
        var object: OrderedDictionary<String, GraphQLValue> = [
            "id": .string(status.workerID),
            "state": .string(status.phase.rawValue),
            "pid": status.pid.map { .int(Int($0)) } ?? .null,
            "restarts": .int(status.restarts),
        ]
        if let stats = status.stats {
            object["tenantsServed"] = .int(stats.tenantsServed)
            object["requests"] = .int(Int(clamping: stats.requests))
            object["inFlight"] = .int(stats.inFlight)
            object["keys"] = .list(stats.keys.map { key in
                .object([
                    "tenant": .string(key.tenantID), "version": .int(key.version),
                    "fingerprint": .string(key.fingerprint),
                ])
            })
        } else {
            object["keys"] = .null
        }
        return .object(object)
    }

    private func error(_ message: String) -> GraphQLValue {
        .object(["error": .string(message)])
    }

    private func json(_ status: HTTPResponse.Status, _ value: GraphQLValue, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        writer.write(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
