import Synchronization

/// The server's OAuth settings that are not per provider.
public struct OAuthOptions: Sendable, Hashable {
    /// A token that expires within this many seconds is refreshed before it is used (and by the background pass).
    public var refreshMarginSeconds: Int = 300
    /// How long a `state` from `startOAuth` can be used.
    public var stateLifetimeSeconds: Int = 600
    /// The most flows a tenant may have under way at once (started, neither completed nor expired).
    public var maximumPendingStates: Int = 100
    /// How long the background pass leaves a connector that a failed refresh put in ERROR before it tries again.
    public var retryFailedRefreshAfterSeconds: Int = 300

    public init() {}

    /// Where a worker finds the refresh margin its router was given (`serve --oauth-refresh-margin`).
    public static let marginEnvironmentVariable = "SWITCHBOARD_OAUTH_REFRESH_MARGIN"

    /// The defaults, with the refresh margin from `SWITCHBOARD_OAUTH_REFRESH_MARGIN` when it holds a valid number
    /// of seconds (0 to 86400).
    public static func fromEnvironment(_ environment: [String: String]) -> OAuthOptions {
        var options = OAuthOptions()
        if let text = environment[marginEnvironmentVariable], let margin = Int(text), (0...86_400).contains(margin) {
            options.refreshMarginSeconds = margin
        }
        return options
    }

    public init(
        refreshMarginSeconds: Int = 300, stateLifetimeSeconds: Int = 600, maximumPendingStates: Int = 100,
        retryFailedRefreshAfterSeconds: Int = 300
    ) {
        self.refreshMarginSeconds = refreshMarginSeconds
        self.stateLifetimeSeconds = stateLifetimeSeconds
        self.maximumPendingStates = maximumPendingStates
        self.retryFailedRefreshAfterSeconds = retryFailedRefreshAfterSeconds
    }
}

/// What the OAuth code of one process shares: its options and the refreshes in flight (single flight).
final class OAuthRuntime: Sendable {
    private let settings = Mutex(OAuthOptions())
    let flights = RefreshFlights()

    var options: OAuthOptions { settings.withLock { $0 } }

    func configure(_ options: OAuthOptions) { settings.withLock { $0 = options } }
}

extension ConnectorGraph {
    /// Sets the OAuth options of this process (`serve --oauth-refresh-margin`, and a worker's environment).
    public func configureOAuth(_ options: OAuthOptions) {
        services.oauth.configure(options)
    }
}
