import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The server's `ProviderHTTPClient`, on AsyncHTTPClient (HTTP/1.1 and HTTP/2, TLS with the system's trust roots).
///
/// - Every call ends within its request's `timeout`, connecting included (`ProviderHTTPError.timedOut`).
/// - A response body larger than `maximumResponseBytes` fails the call (`responseTooLarge`) without being read
///   past that size.
/// - Redirects are followed only within the request's origin (scheme, host and port), at most
///   `maximumRedirects` times: a redirect elsewhere is returned as the response, so credentials in headers or
///   the URL never reach another host.
/// - Errors name the origin only, never the path or query (where credentials may be).
public struct AsyncHTTPProviderClient: ProviderHTTPClient {
    public static let defaultMaximumResponseBytes = 1 << 20

    public var maximumResponseBytes: Int
    public var maximumRedirects: Int

    public init(maximumResponseBytes: Int = defaultMaximumResponseBytes, maximumRedirects: Int = 3) {
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumRedirects = maximumRedirects
    }

    /// One connection pool for the process, shared by every instance. It lives as long as the process (a client
    /// must be shut down before it is released, and this one never is).
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(60)),
            decompression: .disabled)
        // A refused connection is an answer: say so now rather than retry until the request's time is up.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        let origin = OutboundURL.origin(request.url)
        guard origin != "?", let scheme = URLComponents(string: request.url)?.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else {
            throw ProviderHTTPError(.invalidURL, origin: origin, "The provider's URL is not an absolute http(s) URL")
        }
        let timeout = request.timeout
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let timedOut = ProviderHTTPError(
            .timedOut, origin: origin, "The provider did not answer within \(Self.format(seconds)) s")
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        // AsyncHTTPClient honours the deadline while waiting for the head; the race below also bounds reading the
        // body, and cancels the call when it loses.
        return try await withThrowingTaskGroup(of: OutboundResponse?.self) { group in
            group.addTask { try await self.following(request, origin: origin, deadline: deadline) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            do {
                guard let first = try await group.next(), let response = first else { throw timedOut }
                return response
            } catch let error as ProviderHTTPError {
                throw error
            } catch let error as HTTPClientError
                where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
            {
                throw timedOut
            } catch is NIOTooManyBytesError {
                throw tooLarge(origin)
            } catch is CancellationError {
                throw timedOut
            } catch {
                throw ProviderHTTPError(.connectionFailed, origin: origin, "Could not reach the provider")
            }
        }
    }

    /// Sends `request`, following redirects within its origin.
    private func following(
        _ request: OutboundRequest, origin: String, deadline: NIODeadline
    ) async throws -> OutboundResponse {
        var current = request
        var redirects = 0
        while true {
            let response = try await exchange(current, origin: origin, deadline: deadline)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("location"),
                let next = URL(string: location, relativeTo: URL(string: current.url))?.absoluteString,
                OutboundURL.origin(next) == origin
            else { return response }
            redirects += 1
            guard redirects <= maximumRedirects else {
                throw ProviderHTTPError(
                    .tooManyRedirects, origin: origin, "The provider redirected more than \(maximumRedirects) times")
            }
            current.url = next
            // 303 (and, as browsers do, 301 and 302 after a POST) continue with a GET without the body.
            if response.status == 303 || ([301, 302].contains(response.status) && current.method == "POST") {
                current.method = "GET"
                current.body = []
                current.headers.removeAll { $0.name == "content-type" || $0.name == "content-length" }
            }
        }
    }

    private func exchange(
        _ request: OutboundRequest, origin: String, deadline: NIODeadline
    ) async throws -> OutboundResponse {
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method.uppercased())
        for header in request.headers {
            outbound.headers.add(name: header.name, value: header.value)
        }
        if !outbound.headers.contains(name: "user-agent") {
            outbound.headers.add(name: "user-agent", value: "Switchboard")
        }
        if !request.body.isEmpty {
            outbound.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let response = try await Self.client.execute(outbound, deadline: deadline)
        if let length = response.headers.first(name: "content-length").flatMap({ Int($0) }),
            length > maximumResponseBytes
        {
            throw tooLarge(origin)
        }
        let body = try await response.body.collect(upTo: maximumResponseBytes)
        return OutboundResponse(
            status: Int(response.status.code),
            headers: response.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
            body: Array(buffer: body))
    }

    private func tooLarge(_ origin: String) -> ProviderHTTPError {
        ProviderHTTPError(
            .responseTooLarge, origin: origin, "The provider's response is larger than \(maximumResponseBytes) bytes")
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
