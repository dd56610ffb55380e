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
    private Lazy<Task<MetadataScenario>> _metadata = null!;
    private Lazy<Task<DeepLinkScenario>> _links = null!;
    private Lazy<Task<CrossSigningScenario>> _crossSigning = null!;
    private Lazy<Task<BrowserScenario>> _browser = null!;

    public Task<MetadataScenario> Metadata => _metadata.Value;
    public Task<DeepLinkScenario> Links => _links.Value;
    public Task<CrossSigningScenario> CrossSigning => _crossSigning.Value;
    public Task<BrowserScenario> Browser => _browser.Value;

    public async ValueTask InitializeAsync()
    {
        Context = await SuiteContext.CreateAsync("account-management");
        _metadata = new(() => MetadataScenario.RunAsync(Context));
        _links = new(async () => await DeepLinkScenario.RunAsync(Context, await Metadata));
        _crossSigning = new(async () => await CrossSigningScenario.RunAsync(Context, await Metadata));
        _browser = new(async () => await BrowserScenario.RunAsync(Context, await Metadata));
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser.IsValueCreated) await (await _browser.Value).DisposeAsync();
        await Context.DisposeAsync();
    }
}
