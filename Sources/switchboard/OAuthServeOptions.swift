import ArgumentParser
import Foundation
import SwitchboardConnectors

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve`'s OAuth options. The refresh margin reaches the workers of `--workers N` in their environment
/// (`SWITCHBOARD_OAUTH_REFRESH_MARGIN`), so that the router's background pass and the workers agree on what is due.
struct OAuthServeOptions: ParsableArguments {
    @Option(
        name: .customLong("oauth-refresh-margin"),
        help: "Refresh an OAuth access token this many seconds before it expires (default 300).")
    var refreshMargin: Int?

    @Option(
        name: .customLong("oauth-refresh-interval"),
        help: "Seconds between background passes that refresh tokens due (0: no background pass).")
    var refreshInterval: Int = 60

    func validate() throws {
        if let refreshMargin, !(0...86_400).contains(refreshMargin) {
            throw ValidationError("--oauth-refresh-margin must be between 0 and 86400 seconds")
        }
        guard (0...86_400).contains(refreshInterval) else {
            throw ValidationError("--oauth-refresh-interval must be between 0 and 86400 seconds")
        }
    }

    /// The options of this process; the margin is also put in the environment the workers inherit.
    func resolved(environment: [String: String]) -> OAuthOptions {
        var options = OAuthOptions.fromEnvironment(environment)
        if let refreshMargin {
            options.refreshMarginSeconds = refreshMargin
            setenv(OAuthOptions.marginEnvironmentVariable, String(refreshMargin), 1)
        }
        return options
    }

    /// The background pass's interval; nil when it is off.
    var interval: Duration? { refreshInterval > 0 ? .seconds(refreshInterval) : nil }
}
