import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import Testing

/// The guard against tenants aiming the server's HTTP client at its own network.
@Suite struct PrivateNetworkGuardTests {
    @Test(arguments: [
        "127.0.0.1", "10.0.0.8", "172.16.4.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "64:ff9b::a00:1", "2001:db8::1",
    ])
    func reservedAddressesAreNotPublic(_ literal: String) throws {
        let address = try #require(IPAddress(literal: literal))
        #expect(!address.isPublic)
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
    func publicAddressesArePublic(_ literal: String) throws {
        let address = try #require(IPAddress(literal: literal))
        #expect(address.isPublic)
    }

    @Test(arguments: [
        "http://127.0.0.1:11434/api/tags", "http://localhost:2375/_ping", "https://api.localhost/x",
        "http://[::1]:8080/", "http://169.254.169.254/latest/meta-data/", "http://[::ffff:7f00:1]/", "http://10.0.0.1",
    ])
    func privateHostsAreRefused(_ url: String) async {
        #expect(await PrivateNetworkGuard.refusal(url) == PrivateNetworkGuard.privateRefusal)
    }

    @Test func publicAddressesAndUnresolvableNamesPass() async {
        #expect(await PrivateNetworkGuard.refusal("https://8.8.8.8/x") == nil)
        // Left to the HTTP client, which reports the host unreachable.
        #expect(await PrivateNetworkGuard.refusal("https://no-such-host.invalid/x") == nil)
        #expect(await PrivateNetworkGuard.refusal("not a url") != nil)
    }

    @Test func aTenantChosenHostOnThePrivateNetworkIsNotCalledUnlessAllowed() async throws {
        let catalog = try ProviderCatalog.bundled()
        let ollama = try #require(catalog.provider(id: "ollama"))
        #expect(ollama.verification?.url.hasPrefix("{") == true)
        let client = RecordingHTTPClient { _ in OutboundResponse(status: 200) }
        let values = ["baseUrl": "http://127.0.0.1:11434"]

        let refused = await ConnectorVerification.check(
            ollama, values: values, accessToken: nil, configuration: .empty, http: client)
        #expect(refused.success == false)
        #expect(refused.status == .error)
        #expect(refused.reason == PrivateNetworkGuard.privateRefusal)
        #expect(client.requests.isEmpty)

        let allowed = try ProviderConfiguration(allowPrivateNetworks: true, catalog: catalog)
        let checked = await ConnectorVerification.check(
            ollama, values: values, accessToken: nil, configuration: allowed, http: client)
        #expect(checked.success)
        #expect(client.requests.map(\.url) == ["http://127.0.0.1:11434/api/tags"])
    }

    @Test func theConfigurationFileTakesTheSwitch() throws {
        let catalog = try ProviderCatalog.bundled()
        let on = try ProviderConfiguration.parse(Data(#"{"allowPrivateNetworks": true}"#.utf8), catalog: catalog)
        #expect(on.allowPrivateNetworks)
        #expect(ProviderConfiguration.empty.allowPrivateNetworks == false)
        #expect(throws: ProviderConfigurationError.self) {
            try ProviderConfiguration.parse(Data(#"{"allowPrivateNetworks": "yes"}"#.utf8), catalog: catalog)
        }
    }
}
