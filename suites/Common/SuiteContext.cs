using System.Security.Cryptography;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Suites.Common;

/// <summary>
/// Everything a suite process shares: the run configuration, one HTTP client, the catalogues, the
/// secret registry and the result sink. Built from the runner's <see cref="RunConfig"/>; when a suite is
/// run on its own (<c>dotnet test</c>), it starts the embedded reference server instead.
/// </summary>
public sealed class SuiteContext : IAsyncDisposable
{
    public required string SuiteName { get; init; }
    public required RunConfig Config { get; init; }
    public required RepositoryLayout Layout { get; init; }
    public required SecretRegistry Secrets { get; init; }
    public required Redactor Redactor { get; init; }
    public required MatrixClient Client { get; init; }
    public required EndpointCatalogue Endpoints { get; init; }
    public required CheckCatalogue Checks { get; init; }
    public required IAccountProvisioner Provisioner { get; init; }
    public required SessionFactory Sessions { get; init; }
    public required TargetIdentity Identity { get; init; }
    public ResultSink Sink { get; } = new();
    public required AccountPool Accounts { get; init; }

    public TargetProfile Profile => Config.Profile;
    public string RunId => Config.RunId;
    public TimeSpan RequestTimeout => Durations.Parse(Profile.Timeouts.Request);
    /// <summary>Cancelled when the run as a whole must stop.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    private readonly CancellationTokenSource _cancellation = new();
    private EmbeddedReferenceTarget? _embedded;

    public static async Task<SuiteContext> CreateAsync(string suiteName)
    {
        var layout = RepositoryLayout.Locate();
        var config = RunConfig.FromEnvironment();
        EmbeddedReferenceTarget? embedded = null;
        if (config is null)
        {
            // Run on its own: the default target, the embedded reference server.
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var profile = ProfileLoader.Load(layout.DefaultProfile, new ProfileOverrides { SharedSecret = secret });
            embedded = await EmbeddedReferenceTarget.StartAsync(secret, profile.Target.Defects, profile.Appservice?.Token);
            config = new RunConfig
            {
                RunId = NewRunId(),
                TargetName = profile.Name,
                TargetKind = "embedded",
                TargetUrl = embedded.BaseUrl,
                Profile = profile,
                ProfilePath = layout.DefaultProfile,
                PartFile = Path.Combine(layout.Root, "artifacts", "suite-results", suiteName + ".json"),
                OutDir = Path.Combine(layout.Root, "artifacts", "suite-results"),
            };
        }
        ParentWatchdog.Start(config.ParentProcessId);

        var secrets = new SecretRegistry();
        secrets.Add(config.Profile.Users.SharedSecret);
        secrets.Add(config.Profile.Appservice?.Token);
        foreach (var account in config.Profile.Users.Accounts.Values) secrets.Add(account.Password);
        var redactor = new Redactor(secrets);
        var client = new MatrixClient(config.TargetUrl, redactor, Durations.Parse(config.Profile.Timeouts.Request));
        var identity = await TargetProbe.ProbeAsync(client, Durations.Parse(config.Profile.Timeouts.Ready));
        IAccountProvisioner provisioner = config.Profile.Users.Method == "given"
            ? new GivenAccounts(config.Profile.Users.Accounts, secrets)
            : new SharedSecretRegistrar(client, config.Profile.Users.SharedSecret ?? "", config.Profile.Users.RegisterPath, config.Profile.Users.LocalpartPrefix, config.RunId, secrets);

        return new SuiteContext
        {
            SuiteName = suiteName,
            Config = config,
            Layout = layout,
            Secrets = secrets,
            Redactor = redactor,
            Client = client,
            Endpoints = EndpointCatalogue.Load(layout.EndpointCatalogueFile),
            Checks = CheckCatalogue.Load(layout.CheckCatalogueFile),
            Provisioner = provisioner,
            Accounts = new AccountPool(provisioner, CancellationToken.None),
            Sessions = new SessionFactory(client),
            Identity = identity,
            _embedded = embedded,
        };
    }

    /// <summary>Short and lowercase, so it fits in localparts and device IDs.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public CheckDefinition Check(string id) => Checks[id];

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        var part = new SuitePart { Suite = SuiteName, Identity = Identity, Features = Sink.Features, Results = Sink.Results };
        Directory.CreateDirectory(Path.GetDirectoryName(Config.PartFile)!);
        await File.WriteAllTextAsync(Config.PartFile, Redactor.Scrub(part.ToJson()));
        Client.Dispose();
        if (_embedded is not null) await _embedded.DisposeAsync();
    }
}
