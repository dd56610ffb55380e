using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;

[assembly: AssemblyFixture(typeof(Conformance.Suites.AccountManagement.AccountManagementSuite))]

namespace Conformance.Suites.AccountManagement;

/// <summary>The suite's shared fixture: the run context and the scenarios, each run once on first use.
/// The browser scenario only starts Chromium when a browser check runs.</summary>
public sealed class AccountManagementSuite : IAsyncLifetime
{
    public SuiteContext Context { get; private set; } = null!;
    private Lazy<Task<OAuthSupport>> _oauth = null!;
    private Lazy<Task<MetadataObservations>> _metadata = null!;
    private Lazy<Task<Observed<DeepLinkObservations>>> _links = null!;
    private Lazy<Task<Observed<CrossSigningReplacement>>> _crossSigning = null!;
    private Lazy<Task<Observed<BrowserObservations>>> _browser = null!;
    private Lazy<WebDefaults> _words = null!;
    private Lazy<Task<Observed<RegistrationObservations>>> _registration = null!;
    private Lazy<Task<Observed<OAuthFlowDriver>>> _flows = null!;
    private Lazy<Task<Observed<CodeGrantObservations>>> _codeGrant = null!;
    private Lazy<Task<RefreshObservations>> _refresh = null!;
    private Lazy<Task<Observed<RevocationObservations>>> _revocation = null!;
    private Lazy<Task<Observed<DeviceGrantObservations>>> _deviceGrant = null!;
    private Lazy<Task<Observed<OAuthAwareObservations>>> _oauthAware = null!;

    public Task<MetadataObservations> Metadata => _metadata.Value;
    public Task<Observed<DeepLinkObservations>> Links => _links.Value;
    public Task<Observed<CrossSigningReplacement>> CrossSigning => _crossSigning.Value;
    public Task<Observed<BrowserObservations>> Browser => _browser.Value;
    public Task<Observed<RegistrationObservations>> Registration => _registration.Value;
    public Task<Observed<CodeGrantObservations>> CodeGrant => _codeGrant.Value;
    public Task<RefreshObservations> Refresh => _refresh.Value;
    public Task<Observed<RevocationObservations>> Revocation => _revocation.Value;
    public Task<Observed<DeviceGrantObservations>> DeviceGrant => _deviceGrant.Value;
    public Task<Observed<OAuthAwareObservations>> OAuthAware => _oauthAware.Value;
    /// <summary>fixtures/web/defaults.yaml with the profile's words laid over it: which words name each action.</summary>
    public WebDefaults Words => _words.Value;

    public async ValueTask InitializeAsync()
    {
        Context = await SuiteContext.CreateAsync("account-management");
        _words = new(() => WebDefaults.Load(Context.Layout.WebDefaultsFile, Context.Profile.Web));
        // A server that wrongly demands a token for the metadata gets one, so the rest can still be checked.
        _oauth = new(() => OAuthSupport.DetectAsync(Context.Client, MetadataTokenAsync, Context.Cancellation));
        _metadata = new(async () => await MetadataScenario.RunAsync(Context, await _oauth.Value));
        _links = new(async () => await DeepLinkScenario.RunAsync(Context, await Metadata));
        _crossSigning = new(async () => await CrossSigningScenario.RunAsync(Context, await _oauth.Value, await Metadata));
        _browser = new(async () => await BrowserScenario.RunAsync(Context, await Metadata, _words));
        // The OAuth 2.0 API's own behaviour: registration needs no user; the grants share one client.
        _registration = new(async () => await ClientRegistrationScenario.RunAsync(Context, await Metadata));
        _flows = new(async () => await OAuthFlowDriver.CreateAsync(Context, await _oauth.Value, await Metadata));
        _codeGrant = new(async () => await CodeGrantScenario.RunAsync(await _flows.Value));
        _refresh = new(async () => await RefreshScenario.RunAsync(await _flows.Value));
        _revocation = new(async () => await RevocationScenario.RunAsync(await _flows.Value));
        _deviceGrant = new(async () => await DeviceGrantScenario.RunAsync(Context, await _oauth.Value, await Metadata));
        _oauthAware = new(async () => await OAuthAwareScenario.RunAsync(Context, await _oauth.Value, await Metadata));
    }

    private async Task<string?> MetadataTokenAsync()
    {
        var user = await Context.Accounts.GetAsync("am_links", admin: false);
        return user is null ? null : (await Context.Sessions.LoginAsync(user, "CF" + Context.RunId.ToUpperInvariant() + "MT", ct: Context.Cancellation)).AccessToken;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
