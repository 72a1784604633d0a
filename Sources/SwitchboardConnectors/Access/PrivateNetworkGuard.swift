import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps tenants from aiming the server's own HTTP client at the server's network (server-side request forgery).
///
/// Some verification requests start with a tenant's value (`{baseUrl}/api/tags` for a self-hosted Ollama,
/// `{host}/_ping` for Docker): the tenant picks the host the server calls. Unless the operator allows private
/// networks (`allowPrivateNetworks` in the provider configuration, for a deployment whose tenants' services live
/// on its own network), such a host must not be a loopback, private, link-local, shared or otherwise reserved
/// address, nor a name that resolves to one. URLs written by the operator (the catalog, endpoint overrides) are
/// trusted and never checked.
///
/// The check resolves the name itself, and the HTTP client resolves it again when it connects: a name whose
/// answers change in between (DNS rebinding) is not caught here. Where that matters, an egress firewall is the
/// complete answer; this guard closes the direct ways in.
enum PrivateNetworkGuard {
    /// Why the server will not call `url` for a tenant; nil when it may. A name that does not resolve is left to
    /// the HTTP client, which reports it as unreachable.
    static func refusal(_ url: String) async -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased(), !host.isEmpty
        else { return "The URL has no host." }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare.hasSuffix(".localhost") {
            return privateRefusal
        }
        if let address = IPAddress(literal: bare) {
            return address.isPublic ? nil : privateRefusal
        }
        let addresses = await resolve(bare)
        return addresses.contains(where: { !$0.isPublic }) ? privateRefusal : nil
    }

    static let privateRefusal =
        "The URL's host is on a private or reserved network, which this server does not call for tenants."

    /// The addresses `name` resolves to (empty when it does not). getaddrinfo blocks: it runs on a thread of its
    /// own, never on the cooperative pool.
    private static func resolve(_ name: String) async -> [IPAddress] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else {
                    continuation.resume(returning: [])
                    return
                }
                defer { freeaddrinfo(first) }
                var found: [IPAddress] = []
                var entry: UnsafeMutablePointer<addrinfo>? = first
                while let current = entry {
                    if let address = IPAddress(current.pointee.ai_addr) { found.append(address) }
                    entry = current.pointee.ai_next
                }
                continuation.resume(returning: found)
            }
        }
    }
}

/// An IPv4 or IPv6 address, as bytes, and whether it belongs to the public internet (RFC 6890's special-purpose
/// registries: what is not globally reachable is not public).
struct IPAddress: Equatable, Sendable {
    let bytes: [UInt8]

    init?(literal: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    init?(_ socketAddress: UnsafeMutablePointer<sockaddr>?) {
        guard let socketAddress else { return nil }
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            bytes = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                withUnsafeBytes(of: address.pointee.sin_addr) { Array($0) }
            }
        case AF_INET6:
            bytes = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                withUnsafeBytes(of: address.pointee.sin6_addr) { Array($0) }
            }
        default:
            return nil
        }
    }

    var isPublic: Bool {
        bytes.count == 4 ? Self.isPublicV4(bytes) : Self.isPublicV6(bytes)
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false                    // this network, private, loopback
        case (100, 64...127): return false                              // shared address space (CGNAT)
        case (169, 254): return false                                   // link-local (cloud metadata services)
        case (172, 16...31), (192, 168): return false                   // private
        case (192, 0) where b[2] == 0 || b[2] == 2: return false        // IETF protocol assignments, TEST-NET-1
        case (198, 18...19): return false                               // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // TEST-NET-2, TEST-NET-3
        case (224...255, _): return false                               // multicast, reserved, broadcast
        default: return true
        }
    }

    private static func isPublicV6(_ b: [UInt8]) -> Bool {
        let firstTen = b.prefix(10).allSatisfy { $0 == 0 }
        if firstTen, b[10] == 0xff, b[11] == 0xff { return isPublicV4(Array(b[12...])) }   // IPv4-mapped
        if b.prefix(12) == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] {          // NAT64
            return isPublicV4(Array(b[12...]))
        }
        if b.prefix(15).allSatisfy({ $0 == 0 }), b[15] <= 1 { return false }              // unspecified, loopback
        if b[0] & 0xfe == 0xfc { return false }                                           // unique local
        if b[0] == 0xfe, b[1] & 0xc0 == 0x80 { return false }                             // link-local
        if b[0] == 0xff { return false }                                                  // multicast
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0d, b[3] == 0xb8 { return false }        // documentation
        return true
    }
}
